package dev.contactrouter.store;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;

/**
 * Webhook positions in memory, beside the embedded journal: they outlive a deliverer handed over
 * within the process, and end with it as the journal does.
 */
public final class MemoryWebhookPositions implements WebhookPositions {
  private final Map<String, Saved> saved = new HashMap<>();

  @Override
  public synchronized Future<Saved> load(String domain) {
    return Future.succeededFuture(saved.getOrDefault(domain, new Saved(null, Map.of())));
  }

  @Override
  public synchronized Future<Void> save(String domain, long scanned, Map<String, Long> delivered) {
    saved.put(domain, new Saved(scanned, delivered));
    return Future.succeededFuture();
  }
}
