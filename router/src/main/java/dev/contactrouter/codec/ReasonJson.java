package dev.contactrouter.codec;

import dev.contactrouter.core.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The code and parameters of a worded reason, beside its text, as the API shows them: a field
 * {@code reason} (or {@code effect}, {@code note}, a problem's {@code detail}) gets {@code
 * reasonCode} and {@code reasonParams} when its text has a code; a list {@code reasons} gets
 * {@code reasonCodes}, one {@code {code, params}} (or null) per reason. A parameter that is itself
 * a reason is a nested {@code {code, params}}; see docs/api.md, "Reason codes".
 */
public final class ReasonJson {
  private ReasonJson() {}

  /** {@code {code, params}} for a text with a code, else null. */
  public static JsonObject coded(String text) {
    Reason reason = Reason.of(text);
    return reason == null ? null : json(reason);
  }

  /** Puts {@code <field>Code} and {@code <field>Params} beside {@code field} when its text has a code. */
  public static JsonObject putCode(JsonObject json, String field, String text) {
    Reason reason = Reason.of(text);
    if (reason != null) {
      json.put(field + "Code", reason.code().code()).put(field + "Params", params(reason.params()));
    }
    return json;
  }

  /** Puts {@code reasonCodes} beside a list of reasons: one {@code {code, params}} or null per reason. */
  public static JsonObject putCodes(JsonObject json, List<String> reasons) {
    return json.put("reasonCodes", codes(reasons));
  }

  /** One {@code {code, params}} (or null) per reason. */
  public static JsonArray codes(List<String> reasons) {
    JsonArray codes = new JsonArray();
    reasons.forEach(r -> codes.add(coded(r)));
    return codes;
  }

  private static JsonObject json(Reason reason) {
    return new JsonObject().put("code", reason.code().code()).put("params", params(reason.params()));
  }

  private static JsonObject params(Map<String, Object> params) {
    JsonObject out = new JsonObject();
    params.forEach((name, value) -> out.put(name, value instanceof Reason nested ? json(nested)
        : value instanceof List<?> list ? new JsonArray(List.copyOf(list)) : value));
    return out;
  }
}
