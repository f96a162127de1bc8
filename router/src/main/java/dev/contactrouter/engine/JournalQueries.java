package dev.contactrouter.engine;

import dev.contactrouter.codec.JournalJson;
import dev.contactrouter.store.Journal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The questions a domain's writer answers from its journal rather than its state: a contact's
 * history, and pages of the audit trail for export and verification. Pages are bounded, so an
 * export or a verification of any length moves through the event bus a page at a time and the
 * hashing and formatting happen in the API verticles, not on the writer's thread. A journal that
 * cannot be read answers 503.
 */
final class JournalQueries {
  private static final Logger LOG = LoggerFactory.getLogger(JournalQueries.class);
  private static final Set<String> NAMES = Set.of("history", "auditPage", "storedPage", "journalHead");
  /** The most events a contact's history returns. */
  static final int HISTORY_LIMIT = 10_000;
  /** The largest page of the audit trail one request may ask for. */
  static final int PAGE_LIMIT = 5_000;

  private final String domain;
  private final Journal journal;

  JournalQueries(String domain, Journal journal) {
    this.domain = domain;
    this.journal = journal;
  }

  static boolean answers(String query) {
    return NAMES.contains(query);
  }

  Future<JsonObject> answer(JsonObject q) {
    String name = q.getString("query");
    int limit = Math.min(Math.max(q.getInteger("limit", 1000), 1), PAGE_LIMIT);
    Future<JsonObject> answer = switch (name) {
      case "history" -> history(q.getString("id"));
      case "auditPage" -> journal
          .range(domain, q.getLong("afterAt"), q.getLong("afterSeq"), q.getLong("to"), limit)
          .map(events -> found(JournalJson.storedList(events)));
      case "storedPage" -> journal.stored(domain, q.getLong("after", 0L), limit)
          .map(events -> found(JournalJson.storedList(events)));
      case "journalHead" -> journal.head(domain).map(h -> found(JournalJson.head(h)));
      default -> Future.failedFuture(new IllegalArgumentException("unknown journal query " + name));
    };
    return answer.recover(err -> {
      LOG.warn("domain {}: journal query {} failed: {}", domain, name, err.getMessage());
      return Future.failedFuture(new DomainUnavailable("the journal cannot be read right now", 2));
    });
  }

  private Future<JsonObject> history(String contactId) {
    return journal.contactEvents(domain, List.of(contactId), HISTORY_LIMIT).map(events -> {
      if (events.isEmpty()) {
        return new JsonObject();
      }
      JsonArray out = new JsonArray();
      events.forEach(e -> out.add(JournalJson.historyEvent(e)));
      return found(new JsonObject()
          .put("contactId", contactId)
          .put("domain", domain)
          .put("events", out)
          .put("complete", events.size() < HISTORY_LIMIT));
    });
  }

  private static JsonObject found(Object value) {
    return new JsonObject().put("found", value);
  }
}
