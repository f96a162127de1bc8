package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.api.schema.Check;
import dev.contactrouter.testing.Await;
import dev.contactrouter.api.schema.Problem;
import dev.contactrouter.api.schema.SchemaCompiler;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The compiled request checks say valid exactly when vertx-json-schema does: every operation's
 * body schema and every parameter schema of {@code openapi.yaml}, compiled by {@link
 * SchemaCompiler} as the API runs them, against the validator vertx-openapi builds for the same
 * schema (the one the API used before). Bodies are derived from each schema (valid ones, each kind
 * of violation, random JSON with the document's names), written as JSON text and decoded as a
 * request is; parameters are text read by the parameter's own transformer. A disagreement fails
 * with the operation, the schema's location and the value. The statistics (printed with the
 * results) show how the verdicts split; coverage requires both verdicts for every body.
 */
class ValidationEquivalenceTest {
  private static final int BODY_TRIES = 10_000;
  private static final int PARAMETER_TRIES = 5_000;

  record BodyTarget(String operation, String location, Check compiled, Validator reference) {}

  record Body(BodyTarget target, String family, String json) {}

  record ParameterTarget(String operation, String location, Parameter parameter, ParameterTransformer transformer,
      Check compiled, Validator reference) {}

  record ParameterValue(ParameterTarget target, String family, String raw) {}

  private static Vertx vertx;
  private static final List<BodyTarget> BODIES = new ArrayList<>();
  private static final List<Arbitrary<Body>> BODY_VALUES = new ArrayList<>();
  private static final List<Arbitrary<ParameterValue>> PARAMETER_VALUES = new ArrayList<>();

  @BeforeContainer
  static void compile() {
    vertx = Vertx.vertx();
    OpenAPIContract contract = Await.await(OpenAPIContract.from(vertx, ApiVerticle.OPENAPI));
    JsonObject document = contract.getRawContract();
    SchemaCompiler compiler = new SchemaCompiler(document);
    SchemaValues values = new SchemaValues(document);
    Map<String, ParameterTarget> parameters = new LinkedHashMap<>();
    for (Operation op : contract.operations()) {
      RequestValidation validation = new RequestValidation(compiler, op);
      String at = "#/paths/" + SchemaCompiler.escape(op.getOpenAPIPath()) + "/" + op.getHttpMethod().name().toLowerCase(Locale.ROOT);
      if (validation.bodyCheck() != null) {
        String location = compiler.follow(at + "/requestBody") + "/content/application~1json/schema";
        BodyTarget target = new BodyTarget(op.getOperationId(), location, validation.bodyCheck(),
            contract.getSchemaRepository().validator(op.getRequestBody().getContent().get("application/json").getSchema()));
        BODIES.add(target);
        Object schema = compiler.node(location);
        BODY_VALUES.add(Arbitraries.frequencyOf(
            Tuple.of(3, values.valid(schema).map(v -> new Body(target, "valid", Json.encode(v)))),
            Tuple.of(5, values.broken(schema).map(v -> new Body(target, "one violation", Json.encode(v)))),
            Tuple.of(2, values.anyJson(3).map(v -> new Body(target, "random", Json.encode(v))))));
      }
      for (Map.Entry<Parameter, Check> p : validation.parameterChecks().entrySet()) {
        if (p.getValue() == null) {
          continue;
        }
        Parameter parameter = p.getKey();
        String declared = RequestValidation.parameterLocation(compiler, parameter, at, at.substring(0, at.lastIndexOf('/')));
        ParameterTarget target = new ParameterTarget(op.getOperationId(), declared + "/schema",
            parameter, RequestValidation.transformer(parameter.getStyle()), p.getValue(),
            contract.getSchemaRepository().validator(parameter.getSchema()));
        // One target per declared parameter: many operations share the path's id.
        if (parameters.putIfAbsent(declared, target) == null) {
          Object schema = compiler.node(declared + "/schema");
          PARAMETER_VALUES.add(Arbitraries.frequencyOf(
              Tuple.of(3, values.valid(schema).map(v -> new ParameterValue(target, "valid", text(v)))),
              Tuple.of(4, values.broken(schema).map(v -> new ParameterValue(target, "one violation", text(v)))),
              Tuple.of(3, rawText().map(v -> new ParameterValue(target, "random", v)))));
        }
      }
    }
  }

  @AfterContainer
  static void close() {
    Await.await(vertx.close());
  }

  @Property(tries = BODY_TRIES, edgeCases = EdgeCasesMode.NONE)
  void bodiesGetTheSameVerdictFromBothValidators(@ForAll("bodies") Body body) {
    BodyTarget t = body.target();
    boolean compiled = t.compiled().valid(Json.decodeValue(body.json()));
    OutputUnit reference = t.reference().validate(Json.decodeValue(body.json()));
    assertThat(compiled)
        .as("%s body, schema %s: compiled says %s, vertx-json-schema says %s (%s) for %s", t.operation(), t.location(),
            verdict(compiled), verdict(reference.getValid()), reference.getErrors(), body.json())
        .isEqualTo(reference.getValid());
    List<Problem> problems = t.compiled().problems(Json.decodeValue(body.json()));
    assertThat(problems.isEmpty()).as("problems %s for %s", problems, body.json()).isEqualTo(compiled);
    assertThat(problems).allSatisfy(p -> assertThat(p.detail()).isNotBlank());

    Statistics.label("verdict").collect(verdict(compiled));
    Statistics.label("family").collect(body.family());
    Statistics.label("operation").collect(t.operation(), verdict(compiled));
    Statistics.label("verdict").coverage(c -> {
      c.check("valid").percentage(p -> p >= 15);
      c.check("invalid").percentage(p -> p >= 40);
    });
    Statistics.label("operation").coverage(c -> {
      for (BodyTarget target : BODIES) {
        c.check(target.operation(), "valid").count(n -> n > 0);
        c.check(target.operation(), "invalid").count(n -> n > 0);
      }
    });
  }

  @Property(tries = PARAMETER_TRIES, edgeCases = EdgeCasesMode.NONE)
  void parametersGetTheSameVerdictFromBothValidators(@ForAll("parameters") ParameterValue value) {
    ParameterTarget t = value.target();
    Object mine;
    Object theirs;
    try {
      mine = t.transformer().transform(t.parameter(), value.raw());
      theirs = t.transformer().transform(t.parameter(), value.raw());
    } catch (ValidatorException undecodable) {
      Statistics.label("verdict").collect("undecodable");
      return; // refused before any schema is asked, the same way as before
    }
    boolean compiled = t.compiled().valid(mine);
    OutputUnit reference = t.reference().validate(theirs);
    assertThat(compiled)
        .as("%s %s: compiled says %s, vertx-json-schema says %s (%s) for %s (read as %s)", t.operation(), t.location(),
            verdict(compiled), verdict(reference.getValid()), reference.getErrors(), value.raw(), mine)
        .isEqualTo(reference.getValid());
    Statistics.label("verdict").collect(verdict(compiled));
    Statistics.label("verdict").coverage(c -> {
      c.check("valid").percentage(p -> p >= 15);
      c.check("invalid").percentage(p -> p >= 15);
    });
  }

  @Provide
  Arbitrary<Body> bodies() {
    return Arbitraries.oneOf(BODY_VALUES);
  }

  @Provide
  Arbitrary<ParameterValue> parameters() {
    return Arbitraries.oneOf(PARAMETER_VALUES);
  }

  /** Parameter text a client might send: numbers of every form, quotes, JSON, blanks. */
  private static Arbitrary<String> rawText() {
    return Arbitraries.oneOf(
        Arbitraries.of("", " ", "-1", "0", "1", "1.5", "86400", "86401", "1e40", "99999999999999999999", "true", "null",
            "\"abc", "\"abc\"", "[1]", "{}", "abc def", "a,b", "sla_breached,contact_queued", "Asia/Shanghai",
            "2025-01-06T09:00:00+08:00", "2025-01-06T09:00:00 08:00", "0123456789abcdef", "é", "a".repeat(129)),
        Arbitraries.strings().ofMaxLength(20),
        Arbitraries.strings().withChars("0123456789.-+e\"").ofMaxLength(8));
  }

  private static String text(Object v) {
    if (v instanceof JsonObject || v instanceof JsonArray || v instanceof BigInteger) {
      return Json.encode(v);
    }
    return String.valueOf(v);
  }

  private static String verdict(boolean valid) {
    return valid ? "valid" : "invalid";
  }
}
