package dev.contactrouter.api;

import dev.contactrouter.api.schema.Check;
import dev.contactrouter.api.schema.Problem;
import dev.contactrouter.api.schema.SchemaCompiler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One operation's request checks, compiled once from the OpenAPI document when the routes are
 * built and run on the event loop: each parameter (read by vertx-openapi's transformers, by its
 * style, as before) and the JSON body go through the checks {@link SchemaCompiler} made of their
 * schemas. A request with problems fails with an {@link InvalidRequest} listing all of them.
 * Owned by one API verticle: nothing here is shared between threads.
 */
final class RequestValidation {
  private static final Map<Style, ParameterTransformer> TRANSFORMERS = transformers();

  /**
   * @param plainString whether the parameter is a string read in the simple or form style, whose
   *     transformer is the library's {@code transformPrimitive} alone (see {@link #plain})
   */
  private record ParameterCheck(Parameter parameter, String in, ParameterTransformer transformer, Check check,
      boolean plainString) {}

  /** A JSON number, the whole text (RFC 8259): what the library's JSON parser reads as one. */
  private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final List<ParameterCheck> parameters = new ArrayList<>();
  private final boolean hasBody;
  private final boolean bodyRequired;
  private final Check body;

  RequestValidation(SchemaCompiler compiler, Operation operation) {
    String pathItem = "#/paths/" + SchemaCompiler.escape(operation.getOpenAPIPath());
    String location = pathItem + "/" + operation.getHttpMethod().name().toLowerCase(Locale.ROOT);
    for (Parameter p : operation.getParameters()) {
      ParameterTransformer transformer = TRANSFORMERS.get(p.getStyle());
      if (transformer == null) {
        throw new IllegalStateException("operation " + operation.getOperationId() + ": unsupported style of " + p.getName());
      }
      String at = parameterLocation(compiler, p, location, pathItem);
      if (at == null) {
        throw new IllegalStateException("operation " + operation.getOperationId() + ": parameter " + p.getName()
            + " not found in the document");
      }
      Check check = compiler.follow(at + "/schema") == null ? null : compiler.compile(at + "/schema");
      boolean plainString = SchemaType.STRING.equals(p.getSchemaType())
          && (p.getStyle() == Style.SIMPLE || p.getStyle() == Style.FORM);
      parameters.add(new ParameterCheck(p, p.getIn().name().toLowerCase(Locale.ROOT), transformer, check, plainString));
    }
    hasBody = operation.getRequestBody() != null;
    bodyRequired = hasBody && operation.getRequestBody().isRequired();
    if (hasBody && operation.getRequestBody().getContent().get("application/json") == null) {
      throw new IllegalStateException("operation " + operation.getOperationId() + " takes a body that is not JSON");
    }
    String schema = hasBody ? compiler.follow(location + "/requestBody") + "/content/application~1json/schema" : null;
    body = schema == null || compiler.follow(schema) == null ? null : compiler.compile(schema);
  }

  /** The body's compiled schema, or null (for the test that holds it against vertx-json-schema). */
  Check bodyCheck() {
    return body;
  }

  /** Each parameter's compiled schema (null when it has none), in the operation's order. */
  Map<Parameter, Check> parameterChecks() {
    Map<Parameter, Check> checks = new java.util.LinkedHashMap<>();
    parameters.forEach(c -> checks.put(c.parameter(), c.check()));
    return checks;
  }

  /** Where the document declares {@code p}: the operation's own parameters win over the path's. */
  static String parameterLocation(SchemaCompiler compiler, Parameter p, String operation, String pathItem) {
    for (String list : List.of(operation + "/parameters", pathItem + "/parameters")) {
      if (compiler.follow(list) != null && compiler.node(list) instanceof JsonArray declared) {
        for (int i = 0; i < declared.size(); i++) {
          String at = compiler.follow(list + "/" + i);
          if (compiler.node(at) instanceof io.vertx.core.json.JsonObject raw
              && p.getName().equals(raw.getString("name"))
              && p.getIn().name().equalsIgnoreCase(raw.getString("in"))) {
            return at;
          }
        }
      }
    }
    return null;
  }

  /**
   * Checks the request; returns its body decoded (a JSON object, array or value), or null when the
   * operation takes none or the optional body is absent. Throws {@link InvalidRequest} with every
   * problem found, a 415 {@link ApiProblem} for a body that is not JSON, or a {@link
   * DecodeException} for one that does not parse.
   */
  Object validate(RoutingContext ctx) {
    List<InvalidRequest.Item> problems = List.of(); // grown only when there is something to say
    for (ParameterCheck c : parameters) {
      problems = check(c, raw(ctx, c.parameter()), problems);
    }
    if (!hasBody) {
      failIfAny(problems);
      return null;
    }
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      if (bodyRequired) {
        problems = add(problems, new InvalidRequest.Item("body", "/", "is required: send a JSON body"));
      }
      failIfAny(problems);
      return null;
    }
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      failIfAny(problems);
      throw new ApiProblem(415, "unsupported-media-type", "Unsupported media type",
          "send the body as application/json, not " + contentType, null);
    }
    Object decoded;
    try {
      // Jackson's streaming parser: the same values as Json.decodeValue (JsonObject, JsonArray,
      // String, Integer/Long/BigInteger, Double, Boolean), without databind's untyped deserializer.
      decoded = Requests.JSON.fromBuffer(buffer);
    } catch (DecodeException e) {
      failIfAny(problems);
      throw e;
    }
    if (body != null && !body.valid(decoded)) {
      for (Problem p : body.problems(decoded)) {
        // The body as a whole is "/" in answers, as it always was (RFC 6901 writes it "").
        problems = add(problems, new InvalidRequest.Item("body", p.pointer().isEmpty() ? "/" : p.pointer(), p.detail()));
      }
    }
    failIfAny(problems);
    return decoded;
  }

  private static List<InvalidRequest.Item> check(ParameterCheck c, String raw, List<InvalidRequest.Item> problems) {
    Parameter p = c.parameter();
    if (raw == null) {
      return p.isRequired() ? add(problems, new InvalidRequest.Item(c.in(), p.getName(), "is required")) : problems;
    }
    Object value;
    try {
      value = c.plainString() && plain(raw) ? raw : c.transformer().transform(p, raw);
    } catch (ValidatorException e) {
      return add(problems, new InvalidRequest.Item(c.in(), p.getName(),
          "could not be decoded (a value that starts with a double quote must be a whole JSON string)"));
    }
    if (c.check() != null && !c.check().valid(value)) {
      for (Problem problem : c.check().problems(value)) {
        problems = add(problems, new InvalidRequest.Item(c.in(), p.getName() + problem.pointer(), problem.detail()));
      }
    }
    return problems;
  }

  /**
   * Whether vertx-openapi's transformer reads a string parameter's text {@code raw} as that text
   * itself, known without running it. The transformer first tries the text as a JSON document and,
   * when that fails, as the inside of a JSON string; an id (a contact's UUID, an agent's name)
   * takes the second way, and the first way's failure (an exception, with a message formatted and a
   * regular expression compiled) cost 8% of the HTTP loops' time in a centre's traffic. Here: ASCII
   * letters, digits and {@code - _ . : @ ~} only (nothing a JSON string would unescape), starting
   * with none of {@code t f n N I} (which may begin a JSON literal), and, if it starts like a number,
   * not a whole JSON number. Anything else goes to the transformer. A property test holds the two
   * to the same values ({@code PlainParameterTest}).
   */
  static boolean plain(String raw) {
    int n = raw.length();
    if (n == 0) {
      return false;
    }
    char first = raw.charAt(0);
    if ("tfnNI".indexOf(first) >= 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char ch = raw.charAt(i);
      boolean letterOrDigit = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9';
      if (!letterOrDigit && "-_.:@~".indexOf(ch) < 0) {
        return false;
      }
    }
    return !(first == '-' || first >= '0' && first <= '9') || !JSON_NUMBER.matcher(raw).matches();
  }

  private static List<InvalidRequest.Item> add(List<InvalidRequest.Item> problems, InvalidRequest.Item item) {
    List<InvalidRequest.Item> grown = problems.isEmpty() ? new ArrayList<>() : problems;
    grown.add(item);
    return grown;
  }

  private static void failIfAny(List<InvalidRequest.Item> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidRequest(problems);
    }
  }

  private static String raw(RoutingContext ctx, Parameter p) {
    return switch (p.getIn()) {
      case PATH -> ctx.pathParam(p.getName());
      case QUERY -> ctx.queryParams().get(p.getName());
      case HEADER -> ctx.request().getHeader(p.getName());
      case COOKIE -> ctx.request().getCookie(p.getName()) == null ? null : ctx.request().getCookie(p.getName()).getValue();
    };
  }

  /** How parameters of {@code style} are read from their text (vertx-openapi's rules). */
  static ParameterTransformer transformer(Style style) {
    return TRANSFORMERS.get(style);
  }

  private static Map<Style, ParameterTransformer> transformers() {
    Map<Style, ParameterTransformer> t = new EnumMap<>(Style.class);
    t.put(Style.SIMPLE, new SimpleTransformer());
    t.put(Style.LABEL, new LabelTransformer());
    t.put(Style.MATRIX, new MatrixTransformer());
    t.put(Style.FORM, new FormTransformer());
    return t;
  }
}
