package dev.contactrouter.api.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON Schema compiled into direct checks: each record below is one keyword (or a group the
 * compiler keeps together), built once by {@link SchemaCompiler} and run for every request.
 *
 * <p>{@link #test} with {@code problems == null} only answers valid or not, stopping at the first
 * failure and allocating nothing but a {@link java.util.regex.Matcher} per pattern it applies: the
 * path of every valid request, and of the branches of {@code oneOf} and {@code if}. With a {@link Problems} it records every problem it finds, so a
 * client learns all that is wrong with its request at once.
 *
 * <p>A keyword applies only to values of its kind ({@code minimum} to numbers, {@code required} to
 * objects, ...), as in JSON Schema; {@code type} is what rules the other kinds out.
 */
public sealed interface Check {

  /** Whether {@code value} passes; records why not into {@code problems} when it is given. */
  boolean test(Object value, Problems problems);

  /** Whether the value passes, without saying why not. */
  default boolean valid(Object value) {
    return test(value, null);
  }

  /** Every problem with the value, or none. */
  default List<Problem> problems(Object value) {
    if (test(value, null)) {
      return List.of();
    }
    Problems problems = new Problems();
    test(value, problems);
    return problems.list();
  }

  /** Fails, saying why ({@code message}) when {@code problems} is given. */
  private static boolean fail(Problems problems, String message) {
    if (problems != null) {
      problems.add(message);
    }
    return false;
  }

  /**
   * Whether {@code value}, the member or element at {@code step} (its name or index), passes
   * {@code check}; its problems are recorded at that step.
   */
  private static boolean at(Object step, Check check, Object value, Problems problems) {
    if (problems == null) {
      return check.test(value, null);
    }
    problems.enter(step);
    boolean ok = check.test(value, problems);
    problems.leave();
    return ok;
  }

  /**
   * One schema object: its keywords' checks in order. The first failing check about a single
   * value (type, enum, range, length, pattern, format) speaks for the whole schema, so a value gets
   * one clear reason instead of a pile; object and array checks each report their own members.
   */
  record Schema(String location, List<Check> checks) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      boolean ok = true;
      for (int i = 0; i < checks.size(); i++) {
        Check c = checks.get(i);
        if (!c.test(value, problems)) {
          if (problems == null) {
            return false;
          }
          ok = false;
          if (c instanceof Type || c instanceof OneOfValues || c instanceof Range || c instanceof Length
              || c instanceof Matches || c instanceof Format) {
            return false;
          }
        }
      }
      return ok;
    }
  }

  /** {@code true} or an empty schema. */
  record Anything() implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      return true;
    }
  }

  /** The {@code false} schema. */
  record Nothing(String message) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      return fail(problems, message);
    }
  }

  /** {@code type}: a mask of {@link Values} kinds. */
  record Type(int kinds, String message) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      if ((Values.kind(value) & kinds) != 0) {
        return true;
      }
      return fail(problems, value == null ? "must not be null" : message);
    }
  }

  /** {@code enum} and {@code const}: the value must be one of a few scalars. */
  record OneOfValues(Set<String> strings, List<Object> others, String message) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      if (value instanceof String s ? strings.contains(s) : anyOther(value)) {
        return true;
      }
      return fail(problems, message);
    }

    private boolean anyOther(Object value) {
      for (int i = 0; i < others.size(); i++) {
        if (Values.same(others.get(i), value)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code minimum} and {@code maximum} (either may be null), for numbers. */
  record Range(Number minimum, Number maximum, String message) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      if (!(value instanceof Number n)
          || (minimum == null || Values.compare(n, minimum) >= 0) && (maximum == null || Values.compare(n, maximum) <= 0)) {
        return true;
      }
      return fail(problems, message);
    }
  }

  /** {@code minLength} and {@code maxLength} (-1 when absent), in code points, for strings. */
  record Length(int minimum, int maximum, String tooShort, String tooLong) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      if (!(value instanceof String s)) {
        return true;
      }
      // Code points are at most the UTF-16 length and at least half of it: count them only when
      // the UTF-16 length alone cannot decide.
      int units = s.length();
      int length = maximum >= 0 && units > maximum || units < 2 * minimum ? Values.length(s) : units;
      boolean shortEnough = maximum < 0 || length <= maximum;
      boolean longEnough = length >= minimum;
      if (shortEnough && longEnough) {
        return true;
      }
      return fail(problems, longEnough ? tooLong : tooShort);
    }
  }

  /** {@code pattern}: found anywhere in the string, as ECMA-262 and JSON Schema search. */
  record Matches(Pattern pattern, String message) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      if (!(value instanceof String s) || pattern.matcher(s).find()) {
        return true;
      }
      return fail(problems, message);
    }
  }

  /** {@code format}, for the formats {@link Formats} knows. */
  record Format(Formats format, String message) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      if (!(value instanceof String s) || format.accepts(s)) {
        return true;
      }
      return fail(problems, message);
    }
  }

  /**
   * {@code properties}, {@code additionalProperties} and {@code required}, for objects. Each
   * member is checked by its property's schema, else by {@code additional} (null: any value is
   * allowed; {@link Nothing}: the member is an unknown field); each required one must be present.
   */
  record Members(Map<String, Check> properties, Check additional, List<String> required) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      if (Values.kind(value) != Values.OBJECT) {
        return true;
      }
      Map<String, Object> object = Values.object(value);
      boolean ok = true;
      for (int i = 0; i < required.size(); i++) {
        String name = required.get(i);
        if (!object.containsKey(name)) {
          if (problems == null) {
            return false;
          }
          problems.addMember(name, "is required");
          ok = false;
        }
      }
      for (Map.Entry<String, Object> member : object.entrySet()) {
        Check check = properties.get(member.getKey());
        if (check == null) {
          if (additional == null) {
            continue;
          }
          if (additional instanceof Nothing) {
            if (problems == null) {
              return false;
            }
            problems.addMember(member.getKey(), "unknown field");
            ok = false;
            continue;
          }
          check = additional;
        }
        boolean passed = at(member.getKey(), check, member.getValue(), problems);
        if (!passed && problems == null) {
          return false;
        }
        ok &= passed;
      }
      return ok;
    }
  }

  /** {@code propertyNames}: every member's name must pass {@code names}. */
  record Names(Check names) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      if (Values.kind(value) != Values.OBJECT) {
        return true;
      }
      boolean ok = true;
      for (String name : Values.object(value).keySet()) {
        if (problems == null) {
          if (!names.test(name, null)) {
            return false;
          }
        } else {
          problems.enter(name);
          problems.checkingNames(true);
          ok &= names.test(name, problems);
          problems.checkingNames(false);
          problems.leave();
        }
      }
      return ok;
    }
  }

  /**
   * {@code minProperties}/{@code maxProperties} (for objects) or {@code minItems}/{@code maxItems}
   * (for arrays); -1 when absent.
   */
  record Size(boolean ofObject, int minimum, int maximum, String tooFew, String tooMany) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      int kind = Values.kind(value);
      int size;
      if (ofObject && kind == Values.OBJECT) {
        size = Values.object(value).size();
      } else if (!ofObject && kind == Values.ARRAY) {
        size = Values.array(value).size();
      } else {
        return true;
      }
      if (size < minimum) {
        return fail(problems, tooFew);
      }
      if (maximum >= 0 && size > maximum) {
        return fail(problems, tooMany);
      }
      return true;
    }
  }

  /** {@code items}: every element must pass. */
  record Items(Check item) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      if (Values.kind(value) != Values.ARRAY) {
        return true;
      }
      List<Object> array = Values.array(value);
      boolean ok = true;
      for (int i = 0; i < array.size(); i++) {
        boolean passed = at(i, item, array.get(i), problems);
        if (!passed && problems == null) {
          return false;
        }
        ok &= passed;
      }
      return ok;
    }
  }

  /** {@code uniqueItems: true}. */
  record Unique(String message) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      if (Values.kind(value) != Values.ARRAY) {
        return true;
      }
      List<Object> array = Values.array(value);
      for (int i = 1; i < array.size(); i++) {
        for (int j = 0; j < i; j++) {
          if (Values.same(array.get(i), array.get(j))) {
            return fail(problems, message);
          }
        }
      }
      return true;
    }
  }

  /** {@code allOf}. */
  record AllOf(List<Check> all) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      boolean ok = true;
      for (int i = 0; i < all.size(); i++) {
        if (!all.get(i).test(value, problems)) {
          if (problems == null) {
            return false;
          }
          ok = false;
        }
      }
      return ok;
    }
  }

  /**
   * {@code oneOf} ({@code exactlyOne}) or {@code anyOf}. When nothing matches, the one branch that
   * takes values of this kind (a string, an object, ...) explains what is wrong; when no single
   * branch does, {@code message} says which forms are allowed.
   */
  record Either(List<Check> branches, int[] kinds, boolean exactlyOne, String message) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      int matches = 0;
      for (int i = 0; i < branches.size(); i++) {
        if (branches.get(i).test(value, null)) {
          matches++;
          if (!exactlyOne || matches > 1) {
            break;
          }
        }
      }
      boolean ok = exactlyOne ? matches == 1 : matches > 0;
      if (ok || problems == null) {
        return ok;
      }
      if (matches > 1) {
        problems.add("matches more than one of the allowed forms; " + message);
        return false;
      }
      int kind = Values.kind(value);
      Check only = null;
      for (int i = 0; i < branches.size(); i++) {
        if ((kinds[i] & kind) != 0) {
          if (only != null) {
            only = null;
            break;
          }
          only = branches.get(i);
        }
      }
      if (only == null) {
        problems.add(message);
      } else {
        only.test(value, problems);
      }
      return false;
    }
  }

  /** {@code if}/{@code then}/{@code else} (either branch may be null). */
  record When(Check condition, Check then, Check otherwise) implements Check {
    @Override
    public boolean test(Object value, Problems problems) {
      Check branch = condition.test(value, null) ? then : otherwise;
      return branch == null || branch.test(value, problems);
    }
  }

  /**
   * {@code $ref}: the target is compiled once, wherever it is used, and set when the compiler has
   * it (so a schema may refer to itself).
   */
  final class Ref implements Check {
    private final String target;
    private Check check;

    Ref(String target) {
      this.target = target;
    }

    void resolve(Check check) {
      this.check = check;
    }

    public String target() {
      return target;
    }

    @Override
    public boolean test(Object value, Problems problems) {
      return check.test(value, problems);
    }
  }
}
