package dev.contactrouter.codec;

import dev.contactrouter.core.WebhookSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/** Webhooks as the API shows and takes them: never with their secret, only whether one is set. */
public final class WebhookJson {
  private WebhookJson() {}

  public static JsonObject webhook(WebhookSpec w) {
    return new JsonObject()
        .put("id", w.id())
        .put("url", w.url())
        .put("types", new JsonArray(new ArrayList<>(w.types())))
        .put("queues", new JsonArray(new ArrayList<>(w.queues())))
        .put("secretSet", w.signed())
        .put("active", w.active());
  }

  /** The webhook a PUT body describes (already valid against the API's schema). */
  public static WebhookSpec webhook(String id, JsonObject json) {
    return new WebhookSpec(id, json.getString("url"), strings(json.getJsonArray("types")),
        strings(json.getJsonArray("queues")), json.getString("secret"), json.getBoolean("active", true));
  }

  static Set<String> strings(JsonArray array) {
    Set<String> out = new LinkedHashSet<>();
    if (array != null) {
      array.forEach(o -> out.add((String) o));
    }
    return out;
  }
}
