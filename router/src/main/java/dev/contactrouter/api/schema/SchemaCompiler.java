package dev.contactrouter.api.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the JSON Schemas of an OpenAPI 3.1 document into {@link Check}s, once, at start.
 *
 * <p>It knows the keywords the document's request schemas use, and their obvious partners
 * ({@code minItems} beside {@code maxItems}, {@code anyOf} beside {@code oneOf}, {@code else}
 * beside {@code then}), listed in {@link #KEYWORDS}, and the formats {@code date} and
 * {@code date-time}; any other keyword or format fails the compile with the schema's location, so
 * the document can never say more than the validator checks. Only request schemas are compiled. {@code $ref}s point into the same document; each
 * target is compiled once and shared. Messages are written here, from the keywords around them
 * ("must be an integer from 0 to 100"), so the checks only pick the right one.
 */
public final class SchemaCompiler {
  /** The validation keywords this compiler understands. */
  public static final Set<String> KEYWORDS = Set.of(
      "$ref", "type", "enum", "const",
      "minimum", "maximum", "minLength", "maxLength", "pattern", "format",
      "properties", "additionalProperties", "required", "propertyNames", "minProperties", "maxProperties",
      "items", "minItems", "maxItems", "uniqueItems",
      "allOf", "anyOf", "oneOf", "if", "then", "else");
  /** Keywords that only describe (annotations), and OpenAPI's {@code x-} extensions. */
  private static final Set<String> ANNOTATIONS = Set.of(
      "description", "title", "default", "examples", "example", "deprecated", "readOnly", "writeOnly", "$comment");
  private static final Map<String, Integer> TYPES = Map.of(
      "null", Values.NULL, "boolean", Values.BOOLEAN, "integer", Values.INTEGER, "number", Values.NUMBER | Values.INTEGER,
      "string", Values.STRING, "object", Values.OBJECT, "array", Values.ARRAY);
  private static final int ANY = Values.NULL | Values.BOOLEAN | Values.NUMBER | Values.INTEGER | Values.STRING
      | Values.OBJECT | Values.ARRAY;

  private final JsonObject document;
  private final Map<String, Check.Ref> refs = new HashMap<>();

  public SchemaCompiler(JsonObject document) {
    this.document = document;
  }

  /**
   * The schema at {@code location}, a JSON pointer into the document written as a URI fragment
   * ({@code #/components/schemas/NewContact}). Throws {@link IllegalStateException} naming the
   * location of the first thing it cannot check.
   */
  public Check compile(String location) {
    return compile(resolve(location), location);
  }

  /** {@code schema}, found at {@code location} (used in messages and for the refs inside it). */
  public Check compile(Object schema, String location) {
    if (schema instanceof Boolean b) {
      return b ? new Check.Anything() : new Check.Nothing("is not allowed");
    }
    if (!(schema instanceof JsonObject s)) {
      throw unsupported(location, "a schema must be an object or a boolean, not " + schema);
    }
    for (String keyword : s.fieldNames()) {
      if (!KEYWORDS.contains(keyword) && !ANNOTATIONS.contains(keyword) && !keyword.startsWith("x-")
          && !keyword.startsWith("__")) { // "__absolute_uri__" and the like: the contract loader's own notes
        throw unsupported(location, "keyword \"" + keyword + "\" is not supported by the request validator"
            + (keyword.equals("nullable") ? " (OpenAPI 3.1 writes a nullable value as type: [T, \"null\"])" : "")
            + "; it supports " + new TreeSet<>(KEYWORDS));
      }
    }
    if ((s.containsKey("then") || s.containsKey("else")) && !s.containsKey("if")) {
      throw unsupported(location, "\"then\"/\"else\" without \"if\"");
    }
    List<Check> checks = new ArrayList<>();
    if (s.containsKey("$ref")) {
      checks.add(ref(s.getValue("$ref"), location));
    }
    int types = types(s, location);
    String what = describe(s, types);
    if (s.containsKey("type")) {
      checks.add(new Check.Type(types, "must be " + what));
    }
    oneOfValues(s, location, checks);
    range(s, types, what, location, checks);
    strings(s, location, checks);
    objects(s, location, checks);
    arrays(s, location, checks);
    combinations(s, location, checks);
    if (checks.isEmpty()) {
      return new Check.Anything();
    }
    return checks.size() == 1 ? checks.get(0) : new Check.Schema(location, List.copyOf(checks));
  }

  /** The kinds of value a schema can accept, from its type (or its $ref's); every kind without one. */
  private int kindsOf(Object schema, String location) {
    if (!(schema instanceof JsonObject s)) {
      return Boolean.TRUE.equals(schema) ? ANY : 0;
    }
    if (s.containsKey("type")) {
      return types(s, location);
    }
    if (s.getValue("$ref") instanceof String ref) {
      String target = target(ref, location);
      return kindsOf(resolve(target), target);
    }
    return ANY;
  }

  private static int types(JsonObject s, String location) {
    Object type = s.getValue("type");
    if (type == null) {
      return ANY;
    }
    List<Object> names = type instanceof JsonArray a ? a.getList() : List.of(type);
    int mask = 0;
    for (Object name : names) {
      Integer kind = TYPES.get(String.valueOf(name));
      if (kind == null) {
        throw unsupported(location + "/type", "unknown type " + name);
      }
      mask |= kind;
    }
    return mask;
  }

  /** What a value must be, in words: "an integer from 0 to 100", "one of voice, chat", "a string or null". */
  private static String describe(JsonObject s, int types) {
    if (s.getValue("enum") instanceof JsonArray values) {
      return values.size() == 1 ? String.valueOf(values.getValue(0)) : "one of " + list(values.getList());
    }
    if (s.containsKey("const")) {
      return String.valueOf(s.getValue("const"));
    }
    Formats format = s.getValue("format") instanceof String f ? Formats.named(f) : null;
    StringJoiner kinds = new StringJoiner(" or ");
    for (String type : typeNames(types)) {
      kinds.add(type.equals("string") && format != null ? format.example() : article(type) + bounds(s, type));
    }
    return types == ANY ? "a valid value" : kinds.toString();
  }

  /** The type names a mask stands for, in the order messages list them. */
  private static List<String> typeNames(int mask) {
    List<String> names = new ArrayList<>();
    for (String type : List.of("integer", "number", "string", "boolean", "object", "array", "null")) {
      int kind = TYPES.get(type);
      boolean integerOnly = type.equals("integer") && (mask & Values.NUMBER) != 0;
      if ((mask & kind) == kind && !integerOnly) {
        names.add(type);
      }
    }
    return names;
  }

  private static String article(String type) {
    return switch (type) {
      case "integer", "array", "object" -> "an " + type;
      case "null" -> "null";
      case "boolean" -> "true or false";
      default -> "a " + type;
    };
  }

  private static String bounds(JsonObject s, String type) {
    if (!type.equals("integer") && !type.equals("number")) {
      return "";
    }
    Object min = s.getValue("minimum");
    Object max = s.getValue("maximum");
    if (min != null && max != null) {
      return " from " + min + " to " + max;
    } else if (min != null) {
      return " of at least " + min;
    } else if (max != null) {
      return " of at most " + max;
    }
    return "";
  }

  private static void oneOfValues(JsonObject s, String location, List<Check> checks) {
    List<Object> values = new ArrayList<>();
    if (s.containsKey("enum")) {
      if (!(s.getValue("enum") instanceof JsonArray e) || e.isEmpty()) {
        throw unsupported(location + "/enum", "enum must be a non-empty array");
      }
      values.addAll(e.getList());
    }
    if (s.containsKey("const")) {
      values.add(s.getValue("const"));
    }
    if (values.isEmpty()) {
      return;
    }
    Set<String> strings = new HashSet<>();
    List<Object> others = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof String str) {
        strings.add(str);
      } else if (v == null || v instanceof Number || v instanceof Boolean) {
        others.add(v);
      } else {
        throw unsupported(location, "enum and const values must be strings, numbers, booleans or null, not " + v);
      }
    }
    String message = "must be " + (values.size() == 1 ? String.valueOf(values.get(0)) : "one of " + list(values));
    checks.add(new Check.OneOfValues(Set.copyOf(strings), Collections.unmodifiableList(others), message));
  }

  private static void range(JsonObject s, int types, String what, String location, List<Check> checks) {
    Number min = number(s, "minimum", location);
    Number max = number(s, "maximum", location);
    if (min == null && max == null) {
      return;
    }
    // With a numeric type the range joins it ("an integer from 0 to 100"); alone, it is just a range.
    String message = s.containsKey("type") && (types & Values.INTEGER) != 0 && !s.containsKey("enum")
        ? "must be " + what
        : "must be" + (min != null && max != null ? " from " + min + " to " + max : min != null ? " at least " + min : " at most " + max);
    checks.add(new Check.Range(min, max, message));
  }

  private static void strings(JsonObject s, String location, List<Check> checks) {
    int min = count(s, "minLength", location);
    int max = count(s, "maxLength", location);
    if (min > 0 || max >= 0) {
      String tooShort = min == 1 ? "must not be empty" : "must be at least " + min + " characters";
      String tooLong = "must be at most " + max + " characters";
      if (min > 1 && max >= 0) {
        tooShort = tooLong = "must be " + min + " to " + max + " characters";
      }
      checks.add(new Check.Length(Math.max(min, 0), max, tooShort, tooLong));
    }
    if (s.containsKey("pattern")) {
      if (!(s.getValue("pattern") instanceof String p)) {
        throw unsupported(location + "/pattern", "pattern must be a string");
      }
      try {
        checks.add(new Check.Matches(Pattern.compile(p), "must match the pattern " + p));
      } catch (PatternSyntaxException e) {
        throw unsupported(location + "/pattern", "pattern does not compile: " + e.getDescription());
      }
    }
    if (s.containsKey("format")) {
      Formats format = s.getValue("format") instanceof String f ? Formats.named(f) : null;
      if (format == null) {
        throw unsupported(location + "/format", "format \"" + s.getValue("format")
            + "\" is not supported by the request validator; it supports date and date-time");
      }
      checks.add(new Check.Format(format, "must be " + format.example()));
    }
  }

  private void objects(JsonObject s, String location, List<Check> checks) {
    if (s.containsKey("properties") || s.containsKey("additionalProperties") || s.containsKey("required")) {
      Map<String, Check> properties = new HashMap<>();
      if (s.containsKey("properties")) {
        if (!(s.getValue("properties") instanceof JsonObject p)) {
          throw unsupported(location + "/properties", "properties must be an object");
        }
        for (String name : p.fieldNames()) {
          properties.put(name, compile(p.getValue(name), location + "/properties/" + escape(name)));
        }
      }
      Check additional = null;
      Object extra = s.getValue("additionalProperties");
      if (Boolean.FALSE.equals(extra)) {
        additional = new Check.Nothing("unknown field");
      } else if (extra != null && !Boolean.TRUE.equals(extra)) {
        additional = compile(extra, location + "/additionalProperties");
      }
      List<String> required = new ArrayList<>();
      if (s.containsKey("required")) {
        if (!(s.getValue("required") instanceof JsonArray r)) {
          throw unsupported(location + "/required", "required must be an array of names");
        }
        for (Object name : r) {
          required.add(String.valueOf(name));
        }
      }
      checks.add(new Check.Members(Map.copyOf(properties), additional, List.copyOf(required)));
    }
    if (s.containsKey("propertyNames")) {
      checks.add(new Check.Names(compile(s.getValue("propertyNames"), location + "/propertyNames")));
    }
    int min = count(s, "minProperties", location);
    int max = count(s, "maxProperties", location);
    if (min > 0 || max >= 0) {
      String tooFew = "must have at least " + min + (min == 1 ? " field" : " fields");
      if (min == 1 && Boolean.FALSE.equals(s.getValue("additionalProperties")) && s.getValue("properties") instanceof JsonObject p) {
        tooFew = "must name at least one of " + String.join(", ", p.fieldNames());
      }
      checks.add(new Check.Size(true, Math.max(min, 0), max, tooFew, "must have at most " + max + " fields"));
    }
  }

  private void arrays(JsonObject s, String location, List<Check> checks) {
    int min = count(s, "minItems", location);
    int max = count(s, "maxItems", location);
    if (min > 0 || max >= 0) {
      checks.add(new Check.Size(false, Math.max(min, 0), max,
          "must have at least " + min + (min == 1 ? " item" : " items"), "must have at most " + max + " items"));
    }
    if (Boolean.TRUE.equals(s.getValue("uniqueItems"))) {
      checks.add(new Check.Unique("must not contain the same item twice"));
    } else if (s.containsKey("uniqueItems") && !Boolean.FALSE.equals(s.getValue("uniqueItems"))) {
      throw unsupported(location + "/uniqueItems", "uniqueItems must be true or false");
    }
    if (s.containsKey("items")) {
      if (s.getValue("items") instanceof JsonArray) {
        throw unsupported(location + "/items", "items must be one schema (tuples are prefixItems in OpenAPI 3.1)");
      }
      checks.add(new Check.Items(compile(s.getValue("items"), location + "/items")));
    }
  }

  private void combinations(JsonObject s, String location, List<Check> checks) {
    if (s.containsKey("allOf")) {
      checks.add(new Check.AllOf(List.copyOf(branches(s, "allOf", location))));
    }
    for (String keyword : List.of("anyOf", "oneOf")) {
      if (s.containsKey(keyword)) {
        List<Check> branches = branches(s, keyword, location);
        JsonArray raw = s.getJsonArray(keyword);
        int[] kinds = new int[raw.size()];
        StringJoiner forms = new StringJoiner(" or ");
        int union = 0;
        for (int i = 0; i < kinds.length; i++) {
          kinds[i] = kindsOf(raw.getValue(i), location + "/" + keyword + "/" + i);
          union |= kinds[i];
        }
        for (String type : typeNames(union)) {
          forms.add(article(type));
        }
        String message = union == ANY ? "must match one of the allowed forms" : "must be " + forms;
        checks.add(new Check.Either(List.copyOf(branches), kinds, keyword.equals("oneOf"), message));
      }
    }
    if (s.containsKey("if")) {
      Check condition = compile(s.getValue("if"), location + "/if");
      Check then = s.containsKey("then") ? compile(s.getValue("then"), location + "/then") : null;
      Check otherwise = s.containsKey("else") ? compile(s.getValue("else"), location + "/else") : null;
      checks.add(new Check.When(condition, then, otherwise));
    }
  }

  private List<Check> branches(JsonObject s, String keyword, String location) {
    if (!(s.getValue(keyword) instanceof JsonArray a) || a.isEmpty()) {
      throw unsupported(location + "/" + keyword, keyword + " must be a non-empty array of schemas");
    }
    List<Check> branches = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      branches.add(compile(a.getValue(i), location + "/" + keyword + "/" + i));
    }
    return branches;
  }

  /** A $ref, compiled once per target; a target that refers back to itself gets the same Ref. */
  private Check ref(Object value, String location) {
    if (!(value instanceof String ref)) {
      throw unsupported(location + "/$ref", "$ref must be a string");
    }
    String target = target(ref, location);
    Check.Ref known = refs.get(target);
    if (known != null) {
      return known;
    }
    Check.Ref created = new Check.Ref(target);
    refs.put(target, created);
    created.resolve(compile(resolve(target), target));
    return created;
  }

  /**
   * The location a node of the document stands for: its {@code $ref}'s target when it is a
   * reference object (as OpenAPI parameters and request bodies may be), else itself; null when
   * the document has nothing there.
   */
  public String follow(String location) {
    Object node;
    try {
      node = resolve(location);
    } catch (IllegalStateException absent) {
      return null;
    }
    if (node instanceof JsonObject o && o.getValue("$ref") instanceof String ref) {
      return follow(target(ref, location));
    }
    return location;
  }

  /** The raw node at {@code location} (see {@link #follow}). */
  public Object node(String location) {
    return resolve(location);
  }

  /** "#/components/schemas/X" from "#/components/schemas/X" or a loader's "app:///#/components/schemas/X". */
  private static String target(String ref, String location) {
    int hash = ref.indexOf('#');
    String base = hash < 0 ? ref : ref.substring(0, hash);
    if (hash < 0 || !(base.isEmpty() || base.equals("app:///") || base.equals("app://"))) {
      throw unsupported(location + "/$ref", "only references into the same document are supported, not " + ref);
    }
    return ref.substring(hash);
  }

  private Object resolve(String location) {
    if (!location.startsWith("#")) {
      throw unsupported(location, "not a location in this document");
    }
    Object node = document;
    String pointer = location.substring(1);
    if (pointer.isEmpty()) {
      return node;
    }
    for (String segment : pointer.substring(1).split("/", -1)) {
      String key = segment.replace("~1", "/").replace("~0", "~");
      if (node instanceof JsonObject o && o.containsKey(key)) {
        node = o.getValue(key);
      } else if (node instanceof JsonArray a && key.matches("[0-9]+") && Integer.parseInt(key) < a.size()) {
        node = a.getValue(Integer.parseInt(key));
      } else {
        throw unsupported(location, "nothing at this location");
      }
    }
    return node;
  }

  /** A JSON pointer segment: "~" as "~0" and "/" as "~1". */
  public static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static Number number(JsonObject s, String keyword, String location) {
    Object v = s.getValue(keyword);
    if (v != null && !(v instanceof Number)) {
      throw unsupported(location + "/" + keyword, keyword + " must be a number");
    }
    return (Number) v;
  }

  private static int count(JsonObject s, String keyword, String location) {
    Object v = s.getValue(keyword);
    if (v == null) {
      return -1;
    }
    if (!(v instanceof Number n) || !Values.isInteger(n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
      throw unsupported(location + "/" + keyword, keyword + " must be a non-negative integer");
    }
    return n.intValue();
  }

  private static String list(List<?> values) {
    StringJoiner j = new StringJoiner(", ");
    for (Object v : values) {
      j.add(String.valueOf(v));
    }
    return j.toString();
  }

  private static IllegalStateException unsupported(String location, String why) {
    return new IllegalStateException("openapi.yaml " + location + ": " + why);
  }
}
