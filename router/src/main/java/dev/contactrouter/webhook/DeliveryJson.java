package dev.contactrouter.webhook;

import static dev.contactrouter.codec.SpecJson.instant;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Deliveries as {@code GET /v1/webhooks/{id}/deliveries} shows them. */
final class DeliveryJson {
  private DeliveryJson() {}

  static JsonArray list(List<Delivery> deliveries) {
    JsonArray out = new JsonArray();
    deliveries.forEach(d -> out.add(delivery(d)));
    return out;
  }

  static JsonObject delivery(Delivery d) {
    JsonObject json = new JsonObject().put("eventId", d.eventId).put("type", d.type);
    putIfSet(json, "contactId", d.contactId);
    json.put("state", d.state.wire()).put("attempts", d.attempts).put("createdAt", instant(d.createdAt));
    putIfSet(json, "lastAttemptAt", instant(d.lastAttemptAt));
    putIfSet(json, "statusCode", d.lastStatus);
    putIfSet(json, "error", d.lastError);
    putIfSet(json, "nextAttemptAt", instant(d.nextAttemptAt));
    return json;
  }

  private static void putIfSet(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
