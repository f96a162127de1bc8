package dev.contactrouter.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * JSON values derived from the raw JSON Schemas of the API document, for holding two validators
 * against each other: {@link #valid} follows each schema's keywords (required members, optional
 * ones half the time, values in range, strings of the pattern and length, enum members), {@link
 * #broken} makes one violation somewhere in such a value (each kind the schema can have: a wrong
 * type, null, a missing or unknown member, out of range, too short or long, off the pattern or
 * format, too many items, a repeat), and {@link #anyJson} is random JSON made with the document's
 * own names. Conditional keywords ({@code if}/{@code then}) are not solved, so some "valid" values
 * are not: the comparison only needs both verdicts to occur often.
 */
final class SchemaValues {
  private static final int DEPTH = 8;
  private final JsonObject document;
  private final List<String> names;

  SchemaValues(JsonObject document) {
    this.document = document;
    Set<String> found = new TreeSet<>(List.of("a", "x", "zz", "", "a/b", "~"));
    collectNames(document, found);
    this.names = List.copyOf(found);
  }

  Arbitrary<Object> valid(Object schema) {
    return valid(schema, 0);
  }

  Arbitrary<Object> broken(Object schema) {
    return broken(schema, 0);
  }

  /** Random JSON, nested up to {@code depth}, with member names from the document. */
  Arbitrary<Object> anyJson(int depth) {
    Arbitrary<Object> scalar = Arbitraries.oneOf(
        Arbitraries.just((Object) null),
        Arbitraries.of(true, false),
        Arbitraries.integers().between(-10, 200).map(i -> (Object) i),
        Arbitraries.of(0.5, 1.0, -1.0, 99.99, 100.0, 1e40, -1e308, 2147483648.0).map(d -> (Object) d),
        Arbitraries.of(new BigInteger("99999999999999999999"), BigInteger.valueOf(Long.MIN_VALUE)).map(b -> (Object) b),
        Arbitraries.of(names).map(s -> (Object) s),
        Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Object> array = anyJson(depth - 1).list().ofMaxSize(3).map(l -> (Object) new JsonArray(new ArrayList<>(l)));
    Arbitrary<Object> object = Combinators.combine(Arbitraries.of(names), anyJson(depth - 1))
        .as(Tuple::of).list().ofMaxSize(4)
        .map(members -> {
          JsonObject o = new JsonObject();
          members.forEach(m -> o.put(m.get1(), m.get2()));
          return (Object) o;
        });
    return Arbitraries.frequencyOf(Tuple.of(4, scalar), Tuple.of(1, array), Tuple.of(2, object));
  }

  private Arbitrary<Object> valid(Object schema, int depth) {
    if (!(schema instanceof JsonObject) || depth > DEPTH) {
      return anyJson(1);
    }
    JsonObject s = deref((JsonObject) schema);
    if (s.getValue("enum") instanceof JsonArray values) {
      return Arbitraries.of(values.getList());
    }
    if (s.containsKey("const")) {
      return Arbitraries.just(s.getValue("const"));
    }
    for (String keyword : List.of("oneOf", "anyOf")) {
      if (s.getValue(keyword) instanceof JsonArray branches) {
        List<Arbitrary<Object>> each = new ArrayList<>();
        branches.forEach(b -> each.add(valid(b, depth + 1)));
        return Arbitraries.oneOf(each);
      }
    }
    List<Arbitrary<Object>> byType = new ArrayList<>();
    for (String type : types(s)) {
      byType.add(validOfType(s, type, depth));
    }
    return byType.isEmpty() ? anyJson(1) : Arbitraries.oneOf(byType);
  }

  private Arbitrary<Object> validOfType(JsonObject s, String type, int depth) {
    switch (type) {
      case "null":
        return Arbitraries.just((Object) null);
      case "boolean":
        return Arbitraries.of(true, false);
      case "integer":
        return integers(s);
      case "number":
        return Arbitraries.oneOf(integers(s), numbers(s));
      case "string":
        return strings(s);
      case "array":
        return arrays(s, depth);
      case "object":
        return objects(s, depth);
      default:
        return anyJson(1);
    }
  }

  private static Arbitrary<Object> integers(JsonObject s) {
    long min = s.getValue("minimum") instanceof Number n ? (long) Math.ceil(n.doubleValue()) : -1000;
    long max = s.getValue("maximum") instanceof Number n ? (long) Math.floor(n.doubleValue()) : 1000;
    // Sometimes written with ".0", which JSON Schema still counts as an integer.
    return Combinators.combine(Arbitraries.longs().between(min, max), Arbitraries.of(false, false, true))
        .as((v, asDouble) -> asDouble ? (Object) (double) v : (Object) v);
  }

  private static Arbitrary<Object> numbers(JsonObject s) {
    double min = s.getValue("minimum") instanceof Number n ? n.doubleValue() : -1000;
    double max = s.getValue("maximum") instanceof Number n ? n.doubleValue() : 1000;
    return Arbitraries.doubles().between(min, max).map(d -> (Object) d);
  }

  private static Arbitrary<Object> strings(JsonObject s) {
    int min = s.getInteger("minLength", 0);
    Integer max = s.getInteger("maxLength");
    String format = s.getString("format");
    if ("date".equals(format)) {
      return dates().map(d -> (Object) d);
    }
    if ("date-time".equals(format)) {
      return dateTimes().map(d -> (Object) d);
    }
    if (s.getValue("pattern") instanceof String pattern) {
      try {
        Function<Random, String> matching = RegexStrings.matching(pattern);
        return Arbitraries.randomValue(matching).map(str -> (Object) (max != null && str.length() > max ? str.substring(0, max) : str));
      } catch (IllegalArgumentException | IndexOutOfBoundsException unsupported) {
        // random strings below
      }
    }
    int upper = max == null ? min + 12 : Math.min(max, min + 12);
    Arbitrary<Object> plain = Arbitraries.strings().withChars("abcXYZ019 ._-:é").ofMinLength(min).ofMaxLength(upper)
        .map(str -> (Object) str);
    if (max == null) {
      return plain;
    }
    // exactly the longest allowed, in letters and in characters outside the BMP (two UTF-16 units each)
    return Arbitraries.oneOf(plain, Arbitraries.just((Object) "x".repeat(max)), Arbitraries.just((Object) "😀".repeat(max)));
  }

  private Arbitrary<Object> arrays(JsonObject s, int depth) {
    int min = s.getInteger("minItems", 0);
    int max = Math.min(s.getInteger("maxItems", 4), min + 4);
    var list = valid(s.getValue("items", true), depth + 1).list().ofMinSize(min).ofMaxSize(max);
    return (s.getBoolean("uniqueItems", false) ? list.uniqueElements() : list)
        .map(l -> (Object) new JsonArray(new ArrayList<>(l)));
  }

  private Arbitrary<Object> objects(JsonObject s, int depth) {
    JsonObject properties = s.getJsonObject("properties", new JsonObject());
    Set<String> required = new HashSet<>(s.getJsonArray("required", new JsonArray()).getList());
    List<Arbitrary<Optional<Tuple.Tuple2<String, Object>>>> members = new ArrayList<>();
    for (String name : properties.fieldNames()) {
      Arbitrary<Tuple.Tuple2<String, Object>> member = valid(properties.getValue(name), depth + 1).map(v -> Tuple.of(name, v));
      members.add(required.contains(name) ? member.map(Optional::of) : member.optional(0.5));
    }
    Object extra = s.getValue("additionalProperties");
    int room = Math.min(3, s.getInteger("maxProperties", 3));
    Arbitrary<List<Tuple.Tuple2<String, Object>>> extras = extra instanceof JsonObject additional
        ? Combinators.combine(memberNames(s, depth), valid(additional, depth + 1)).as(Tuple::of).list().ofMaxSize(room)
        : Arbitraries.just(List.of());
    Arbitrary<List<Optional<Tuple.Tuple2<String, Object>>>> declared = members.isEmpty()
        ? Arbitraries.just(List.of())
        : Combinators.combine(members).as(l -> l);
    return Combinators.combine(declared, extras).as((d, e) -> {
      JsonObject o = new JsonObject();
      d.forEach(m -> m.ifPresent(t -> o.put(t.get1(), t.get2())));
      e.forEach(t -> o.put(t.get1(), t.get2()));
      return (Object) o;
    });
  }

  private Arbitrary<String> memberNames(JsonObject s, int depth) {
    if (s.containsKey("propertyNames")) {
      return valid(s.getValue("propertyNames"), depth + 1).map(String::valueOf);
    }
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8);
  }

  private Arbitrary<Object> broken(Object schema, int depth) {
    if (!(schema instanceof JsonObject) || depth > DEPTH) {
      return anyJson(1);
    }
    JsonObject s = deref((JsonObject) schema);
    List<Arbitrary<Object>> ways = new ArrayList<>();
    Arbitrary<Object> other = otherType(s);
    if (other != null) {
      ways.add(other);
    }
    if (s.getValue("enum") instanceof JsonArray values) {
      ways.add(Arbitraries.of(values.getList()).flatMap(v -> Arbitraries.of(v + "x", String.valueOf(v).toUpperCase(),
          " " + v, v + "\n", "")));
    }
    for (String keyword : List.of("oneOf", "anyOf")) {
      if (s.getValue(keyword) instanceof JsonArray branches) {
        branches.forEach(b -> ways.add(broken(b, depth + 1)));
      }
    }
    List<String> types = types(s);
    if (types.contains("string") && !s.containsKey("enum")) {
      brokenStrings(s, ways);
    }
    if (types.contains("integer") || types.contains("number")) {
      brokenNumbers(s, types.contains("integer") && !types.contains("number"), ways);
    }
    if (types.contains("object")) {
      brokenObjects(s, depth, ways);
    }
    if (types.contains("array")) {
      brokenArrays(s, depth, ways);
    }
    return ways.isEmpty() ? anyJson(1) : Arbitraries.oneOf(ways);
  }

  private void brokenStrings(JsonObject s, List<Arbitrary<Object>> ways) {
    int min = s.getInteger("minLength", 0);
    Integer max = s.getInteger("maxLength");
    if (min > 0) {
      ways.add(Arbitraries.just("a".repeat(min - 1)));
    }
    if (max != null) {
      ways.add(Arbitraries.just("x".repeat(max + 1)));
      ways.add(Arbitraries.just("😀".repeat(max + 1)));
      ways.add(Arbitraries.just("😀".repeat(max / 2 + 1)));
    }
    if (s.containsKey("pattern")) {
      Arbitrary<Object> valid = strings(s);
      ways.add(Combinators.combine(valid, Arbitraries.of(" ", "!", "é", "\n", "\u0000", "/", "~", "-", "A", "a", "0", ":"),
              Arbitraries.integers().between(0, 100))
          .as((v, bad, where) -> {
            String str = String.valueOf(v);
            int at = str.isEmpty() ? 0 : where % (str.length() + 1);
            return (Object) (str.substring(0, at) + bad + str.substring(at));
          }));
      ways.add(valid.map(v -> (Object) (v + "\n")));
    }
    if ("date".equals(s.getString("format"))) {
      ways.add(Arbitraries.of("2025-02-30", "2025-13-01", "2025-00-10", "2025-1-01", "20250101", "2025-01-01T00:00:00Z",
          "2025-01-01\n", "+12025-01-01", "2024-02-29", "2023-02-29", "２０２５-01-01", "2025-01-32", "2025-04-31"));
    }
    if ("date-time".equals(s.getString("format"))) {
      ways.add(Arbitraries.of("2025-01-31 09:00:00Z", "2025-01-31t09:00:00z", "2025-01-31T24:00:00Z", "2025-12-31T23:59:60Z",
          "2025-01-31T09:00:00+0800", "2025-01-31T09:00:00+08", "2025-01-31T09:00Z", "2025-01-31T09:00:00Z[Europe/Paris]",
          "2025-01-31T09:00:00.1234567890Z", "2025-02-30T09:00:00Z", "2025-01-31T09:00:00", "2025-01-31T09:00:00.Z",
          "2025-01-31T09:00:00+19:00", "2025-01-31T09:00:00-00:00", "2025-01-31", "2025-01-31T09:00:00Z\n",
          "2025-01-31\t09:00:00Z", "12025-01-31T09:00:00Z"));
    }
  }

  private static void brokenNumbers(JsonObject s, boolean integer, List<Arbitrary<Object>> ways) {
    List<Object> values = new ArrayList<>(List.of(1e40, -1e40, new BigInteger("99999999999999999999"), 2147483648.0, -9.2e18));
    if (s.getValue("minimum") instanceof Number min) {
      values.add(min.doubleValue() - 1);
      values.add(min.doubleValue() - 0.5);
      values.add(min.longValue() - 1);
    }
    if (s.getValue("maximum") instanceof Number max) {
      values.add(max.doubleValue() + 1);
      values.add(max.doubleValue() + 0.5);
      values.add(max.longValue() + 1);
      values.add(BigInteger.valueOf(max.longValue()).add(BigInteger.ONE).multiply(BigInteger.TEN.pow(20)));
    }
    if (integer) {
      values.add(1.5);
      values.add(0.000001);
    }
    ways.add(Arbitraries.of(values));
  }

  private void brokenObjects(JsonObject s, int depth, List<Arbitrary<Object>> ways) {
    Arbitrary<JsonObject> valid = valid(s, depth).filter(v -> v instanceof JsonObject).map(v -> (JsonObject) v);
    JsonObject properties = s.getJsonObject("properties", new JsonObject());
    for (Object name : s.getJsonArray("required", new JsonArray())) {
      ways.add(valid.map(o -> {
        JsonObject copy = o.copy();
        copy.remove(String.valueOf(name));
        return (Object) copy;
      }));
    }
    if (Boolean.FALSE.equals(s.getValue("additionalProperties"))) {
      ways.add(Combinators.combine(valid, Arbitraries.of(names), anyJson(1))
          .as((o, name, v) -> (Object) o.copy().put(properties.containsKey(name) ? "zz" + name : name, v)));
    }
    if (s.getValue("additionalProperties") instanceof JsonObject additional) {
      ways.add(Combinators.combine(valid, memberNames(s, depth), broken(additional, depth + 1))
          .as((o, name, v) -> (Object) o.copy().put(name, v)));
    }
    if (s.containsKey("propertyNames")) {
      Arbitrary<Object> value = s.getValue("additionalProperties") instanceof JsonObject a ? valid(a, depth + 1) : anyJson(0);
      ways.add(Combinators.combine(valid, Arbitraries.of("", "-x", "a b", "ä", "x".repeat(65), "a/b", "_x"), value)
          .as((o, name, v) -> (Object) o.copy().put(name, v)));
    }
    if (s.getValue("maxProperties") instanceof Integer max) {
      Arbitrary<Object> value = s.getValue("additionalProperties") instanceof JsonObject a ? valid(a, depth + 1) : anyJson(0);
      ways.add(Combinators.combine(valid, value).as((o, v) -> {
        JsonObject copy = o.copy();
        for (int i = 0; copy.size() <= max; i++) {
          copy.put("k" + i, v);
        }
        return (Object) copy;
      }));
    }
    if (s.containsKey("minProperties")) {
      ways.add(Arbitraries.just(new JsonObject()));
    }
    for (String name : properties.fieldNames()) {
      ways.add(Combinators.combine(valid, broken(properties.getValue(name), depth + 1))
          .as((o, v) -> (Object) o.copy().put(name, v)));
    }
  }

  private void brokenArrays(JsonObject s, int depth, List<Arbitrary<Object>> ways) {
    Arbitrary<Object> item = valid(s.getValue("items", true), depth + 1);
    if (s.getValue("maxItems") instanceof Integer max) {
      ways.add(item.list().ofSize(max + 1).map(l -> (Object) new JsonArray(new ArrayList<>(l))));
    }
    if (s.getValue("minItems") instanceof Integer min && min > 0) {
      ways.add(item.list().ofSize(min - 1).map(l -> (Object) new JsonArray(new ArrayList<>(l))));
    }
    if (Boolean.TRUE.equals(s.getValue("uniqueItems"))) {
      ways.add(item.map(v -> (Object) new JsonArray().add(v).add(v)));
    }
    if (s.containsKey("items")) {
      ways.add(Combinators.combine(item.list().ofMaxSize(2), broken(s.getValue("items"), depth + 1))
          .as((l, bad) -> {
            List<Object> copy = new ArrayList<>(l);
            copy.add(l.size() / 2, bad);
            return (Object) new JsonArray(copy);
          }));
    }
  }

  /** A value of a JSON type the schema does not allow (null when it allows every type). */
  private Arbitrary<Object> otherType(JsonObject s) {
    if (!s.containsKey("type")) {
      return null;
    }
    List<String> allowed = types(s);
    List<Object> candidates = new ArrayList<>();
    if (!allowed.contains("null")) {
      candidates.add(null);
    }
    if (!allowed.contains("boolean")) {
      candidates.add(true);
    }
    if (!allowed.contains("integer") && !allowed.contains("number")) {
      candidates.add(7);
      candidates.add(-1);
    }
    if (!allowed.contains("number")) {
      candidates.add(2.5);
    }
    if (!allowed.contains("string")) {
      candidates.add("text");
      candidates.add("7");
    }
    if (!allowed.contains("object")) {
      candidates.add(new JsonObject().put("k", "v"));
    }
    if (!allowed.contains("array")) {
      candidates.add(new JsonArray().add("v"));
    }
    return candidates.isEmpty() ? null : Arbitraries.of(candidates);
  }

  /** The schema's types, or those its keywords imply when it has none. */
  private static List<String> types(JsonObject s) {
    Object type = s.getValue("type");
    if (type instanceof String t) {
      return List.of(t);
    }
    if (type instanceof JsonArray a) {
      List<String> types = new ArrayList<>();
      a.forEach(t -> types.add(String.valueOf(t)));
      return types;
    }
    if (s.containsKey("properties") || s.containsKey("required") || s.containsKey("additionalProperties")) {
      return List.of("object");
    }
    if (s.containsKey("items")) {
      return List.of("array");
    }
    if (s.containsKey("pattern") || s.containsKey("minLength") || s.containsKey("maxLength") || s.containsKey("format")) {
      return List.of("string");
    }
    if (s.containsKey("minimum") || s.containsKey("maximum")) {
      return List.of("number");
    }
    return List.of();
  }

  private static Arbitrary<String> dates() {
    return Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2100, 12, 31).toEpochDay())
        .map(day -> LocalDate.ofEpochDay(day).toString());
  }

  private static Arbitrary<String> dateTimes() {
    return Combinators.combine(dates(), Arbitraries.integers().between(0, 86399),
            Arbitraries.of("Z", "z", "", "+08:00", "-05:30", "+00:00", "+14:00"), Arbitraries.of("", ".5", ".123", ".123456789"),
            Arbitraries.of("T", "t"))
        .as((date, second, offset, fraction, t) -> {
          LocalDateTime at = LocalDate.parse(date).atStartOfDay().plusSeconds(second);
          return String.format("%s%s%02d:%02d:%02d%s%s", date, t, at.getHour(), at.getMinute(), at.getSecond(), fraction, offset);
        });
  }

  /** A {@code $ref}'s target, followed until a schema that is not a bare reference. */
  private JsonObject deref(JsonObject schema) {
    JsonObject s = schema;
    for (int hops = 0; s.getValue("$ref") instanceof String ref && hops < 20; hops++) {
      Object node = document;
      for (String segment : ref.substring(ref.indexOf('#') + 2).split("/")) {
        node = ((JsonObject) node).getValue(segment.replace("~1", "/").replace("~0", "~"));
      }
      s = (JsonObject) node;
    }
    return s;
  }

  private static void collectNames(Object node, Set<String> names) {
    if (node instanceof JsonObject o) {
      if (o.getValue("properties") instanceof JsonObject p) {
        names.addAll(p.fieldNames());
      }
      o.forEach(e -> collectNames(e.getValue(), names));
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> collectNames(v, names));
    }
  }
}
