package dev.contactrouter.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorErrorType;
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

/**
 * One operation's request checks against the OpenAPI document, compiled once when the routes are
 * built and run on the event loop. vertx-openapi 5.0.7's {@code RequestValidator} builds a schema
 * validator for every parameter and body of every request and hops to a worker thread to run it;
 * the benchmarks measured that as about 40% of the engine's CPU per request. This keeps the same
 * rules (its transformers, its schema validators, its exceptions, so problem answers are unchanged)
 * without either cost. Owned by one API verticle: nothing here is shared between threads.
 */
final class RequestValidation {
  private static final Map<Style, ParameterTransformer> TRANSFORMERS = transformers();

  private record Check(Parameter parameter, ParameterTransformer transformer, Validator validator) {}

  private final List<Check> parameters = new ArrayList<>();
  private final boolean hasBody;
  private final boolean bodyRequired;
  private final Validator bodyValidator;

  RequestValidation(OpenAPIContract contract, Operation operation) {
    for (Parameter p : operation.getParameters()) {
      ParameterTransformer transformer = TRANSFORMERS.get(p.getStyle());
      if (transformer == null) {
        throw new IllegalStateException("operation " + operation.getOperationId() + ": unsupported style of " + p.getName());
      }
      parameters.add(new Check(p, transformer, contract.getSchemaRepository().validator(p.getSchema())));
    }
    hasBody = operation.getRequestBody() != null;
    bodyRequired = hasBody && operation.getRequestBody().isRequired();
    MediaType json = hasBody ? operation.getRequestBody().getContent().get("application/json") : null;
    if (hasBody && json == null) {
      throw new IllegalStateException("operation " + operation.getOperationId() + " takes a body that is not JSON");
    }
    bodyValidator = json == null || json.getSchema() == null ? null : contract.getSchemaRepository().validator(json.getSchema());
  }

  /**
   * Checks the request; returns its body decoded (a JSON object, array or value), or null when the
   * operation takes none or the optional body is absent. Throws {@link ValidatorException} (or a
   * {@link io.vertx.core.json.DecodeException} for a body that is not JSON) on anything else.
   */
  Object validate(RoutingContext ctx) {
    for (Check c : parameters) {
      check(c, raw(ctx, c.parameter()));
    }
    if (!hasBody) {
      return null;
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      if (bodyRequired) {
        throw new ValidatorException("The related request does not contain the required body.",
            ValidatorErrorType.MISSING_REQUIRED_PARAMETER);
      }
      return null;
    }
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      throw new ApiProblem(415, "unsupported-media-type", "Unsupported media type",
          "send the body as application/json, not " + contentType, null);
    }
    Object decoded = Json.decodeValue(body);
    if (bodyValidator != null) {
      OutputUnit result = bodyValidator.validate(decoded);
      try {
        result.checkValidity();
      } catch (JsonSchemaValidationException e) {
        throw SchemaValidationException.createInvalidValueBody(result, ValidationContext.REQUEST, e);
      }
    }
    return decoded;
  }

  private static void check(Check c, String raw) {
    Parameter p = c.parameter();
    if (raw == null) {
      if (p.isRequired()) {
        throw ValidatorException.createMissingRequiredParameter(p);
      }
      return;
    }
    Object value = c.transformer().transform(p, raw);
    OutputUnit result = c.validator().validate(value);
    try {
      result.checkValidity();
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createInvalidValueParameter(p, result, e);
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

  private static Map<Style, ParameterTransformer> transformers() {
    Map<Style, ParameterTransformer> t = new EnumMap<>(Style.class);
    t.put(Style.SIMPLE, new SimpleTransformer());
    t.put(Style.LABEL, new LabelTransformer());
    t.put(Style.MATRIX, new MatrixTransformer());
    t.put(Style.FORM, new FormTransformer());
    return t;
  }
}
