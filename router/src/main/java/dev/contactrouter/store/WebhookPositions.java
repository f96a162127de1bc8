package dev.contactrouter.store;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Where a domain's webhook deliveries stand, kept where its journal is kept: PostgreSQL beside a
 * durable journal ({@link PgWebhookPositions}), memory beside the embedded one ({@link
 * MemoryWebhookPositions}, gone with the process like the journal itself). After a restart or a
 * takeover the deliverer resumes from here; what was delivered after the last save is delivered
 * again (at least once), with the same event id.
 */
public interface WebhookPositions {

  /**
   * @param scanned the deliverer's own mark: every event up to it was looked at for every webhook
   *     it knew then (null: never saved)
   * @param delivered per webhook id, the sequence number up to which every event was delivered or
   *     given up on
   */
  record Saved(Long scanned, Map<String, Long> delivered) {
    public Saved {
      delivered = Map.copyOf(delivered);
    }
  }

  Future<Saved> load(String domain);

  /** Replaces what is saved for the domain, all of it at once (webhooks not named are forgotten). */
  Future<Void> save(String domain, long scanned, Map<String, Long> delivered);
}
