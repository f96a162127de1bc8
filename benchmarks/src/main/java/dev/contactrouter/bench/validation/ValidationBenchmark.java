package dev.contactrouter.bench.validation;

import dev.contactrouter.api.ApiVerticle;
import dev.contactrouter.api.schema.Check;
import dev.contactrouter.api.schema.SchemaCompiler;
import dev.contactrouter.bench.ThroughputBenchmark;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidationContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What checking one {@code POST /v1/contacts} body against {@code openapi.yaml} costs: the
 * validator the API used before (vertx-json-schema's, built once for the operation's schema, then
 * {@code checkValidity} and, for a bad body, the {@code SchemaValidationException} the old step
 * threw) against the checks {@link SchemaCompiler} compiles from the same schema (a verdict, and
 * for a bad body the list of problems). The body is decoded once at setup, as the API decodes it
 * before validating; decoding is the same for both and not measured.
 *
 * <p>{@code body=typical} is the telephony push of {@code BadInputPropertyTest} (channel, queue,
 * skills, priority, customer, attributes, external id); {@code body=invalid} is the same with three
 * mistakes (a channel not in the enum, a priority out of range, an unknown field).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ValidationBenchmark extends ThroughputBenchmark {
  static final String TYPICAL = "{\"channel\":\"voice\",\"queue\":\"stocks\",\"skills\":{\"mandarin\":3},\"priority\":10,"
      + "\"customer\":{\"id\":\"c-1\",\"tier\":\"vip\",\"riskLevel\":3},\"attributes\":{\"ivr\":\"1-2\"},\"externalId\":\"call-1\"}";
  static final String INVALID = "{\"channel\":\"phone\",\"queue\":\"stocks\",\"skills\":{\"mandarin\":3},\"priority\":500,"
      + "\"customer\":{\"id\":\"c-1\",\"tier\":\"vip\",\"riskLevel\":3},\"attributes\":{\"ivr\":\"1-2\"},\"status\":\"busy\"}";
  private static final String SCHEMA = "#/paths/~1v1~1contacts/post/requestBody/content/application~1json/schema";

  /** {@code typical}: a valid body; {@code invalid}: one with three problems. */
  @Param({"typical", "invalid"})
  public String body;

  private Validator vertxJsonSchema;
  private Check compiled;
  private Object decoded;

  @Setup(Level.Trial)
  public void compile() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract = OpenAPIContract.from(vertx, ApiVerticle.OPENAPI)
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      Operation op = contract.operation("createContact");
      vertxJsonSchema = contract.getSchemaRepository().validator(op.getRequestBody().getContent().get("application/json").getSchema());
      compiled = new SchemaCompiler(contract.getRawContract()).compile(SCHEMA);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    decoded = Json.decodeValue(Buffer.buffer(body.equals("typical") ? TYPICAL : INVALID));
    boolean expected = body.equals("typical");
    if (vertxJsonSchema.validate(decoded).getValid() != expected || compiled.valid(decoded) != expected) {
      throw new IllegalStateException("the " + body + " body is not judged " + (expected ? "valid" : "invalid") + " by both");
    }
  }

  /** The old step: validate, then {@code checkValidity}, and the exception it answered a bad body with. */
  @Benchmark
  public Object vertxJsonSchema() {
    OutputUnit result = vertxJsonSchema.validate(decoded);
    try {
      result.checkValidity();
      return result;
    } catch (JsonSchemaValidationException e) {
      return SchemaValidationException.createInvalidValueBody(result, ValidationContext.REQUEST, e);
    }
  }

  /** The compiled checks: the verdict, and every problem when there are any. */
  @Benchmark
  public Object compiled() {
    return compiled.valid(decoded) ? List.of() : compiled.problems(decoded);
  }
}
