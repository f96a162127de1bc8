package dev.contactrouter.engine;

import dev.contactrouter.codec.CommandJson;
import dev.contactrouter.codec.JournalJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.Refusal;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * How the rest of the engine talks to a domain's writer: request/reply on the event bus. A
 * refusal fails the future with {@link CommandRefused}; a writer that is down, recovering or
 * silent fails it with {@link DomainUnavailable}.
 */
public final class DomainClient {
  private final Vertx vertx;
  private final DeliveryOptions options;
  private final OwnerWatch owners;

  public DomainClient(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    this.owners = new OwnerWatch(vertx, timeoutMillis);
  }

  /** Sends a command; completes with the reply body once its events are durable. */
  public Future<JsonObject> command(String domain, Command command) {
    return command(domain, command, null, null);
  }

  /**
   * Sends a command under an {@code Idempotency-Key}: a repeat with the same fingerprint gets the
   * first outcome; with another fingerprint it is refused (CONFLICT). A null key sends it plainly.
   */
  public Future<JsonObject> command(String domain, Command command, String idempotencyKey, String fingerprint) {
    JsonObject message = new JsonObject().put("command", CommandJson.encode(command));
    if (idempotencyKey != null) {
      message.put("idempotency", new JsonObject().put("key", idempotencyKey).put("fingerprint", fingerprint));
    }
    return request(domain, message).map(body -> {
      String refused = body.getString("refused");
      if (refused != null) {
        throw new CommandRefused(Refusal.valueOf(refused), body.getString("detail"), body.getString("field"));
      }
      return body.getJsonObject("reply");
    });
  }

  /** Asks a question; an empty result means "no such thing". */
  public Future<Optional<Object>> query(String domain, String query, String id) {
    JsonObject q = new JsonObject().put("query", query);
    if (id != null) {
      q.put("id", id);
    }
    return request(domain, q).map(body -> Optional.ofNullable(body.getValue("found")));
  }

  /** Asks a question with parameters ({@code query} plus its fields); an empty result means "no such thing". */
  public Future<Optional<Object>> query(String domain, JsonObject query) {
    return request(domain, query).map(body -> Optional.ofNullable(body.getValue("found")));
  }

  /** Committed events of the domain after {@code afterSeq}, as on the event stream. */
  public Future<JsonArray> journal(String domain, long afterSeq, int limit) {
    JsonObject q = new JsonObject().put("query", "journal").put("after", afterSeq).put("limit", limit);
    return request(domain, q).map(body -> body.getJsonArray("found", new JsonArray()));
  }

  /**
   * A page of the audit trail: events before {@code toMillis} after the cursor ({@code afterAt},
   * {@code afterSeq}) in time order.
   */
  public Future<List<StoredEvent>> auditPage(String domain, long afterAt, long afterSeq, long toMillis, int limit) {
    JsonObject q = new JsonObject().put("query", "auditPage")
        .put("afterAt", afterAt).put("afterSeq", afterSeq).put("to", toMillis).put("limit", limit);
    return request(domain, q).map(body -> JournalJson.storedList(body.getJsonArray("found")));
  }

  /** The stored events of the domain after a sequence number, with their hashes. */
  public Future<List<StoredEvent>> storedPage(String domain, long afterSeq, int limit) {
    JsonObject q = new JsonObject().put("query", "storedPage").put("after", afterSeq).put("limit", limit);
    return request(domain, q).map(body -> JournalJson.storedList(body.getJsonArray("found")));
  }

  /** The domain's journal head as stored. */
  public Future<JournalHead> journalHead(String domain) {
    return request(domain, new JsonObject().put("query", "journalHead"))
        .map(body -> JournalJson.head(body.getJsonObject("found")));
  }

  /** The domain's journal as a source for {@link JournalVerifier}, a page at a time. */
  public JournalVerifier.Source journalSource(String domain) {
    return new JournalVerifier.Source() {
      @Override
      public Future<List<StoredEvent>> page(long afterSeq, int limit) {
        return storedPage(domain, afterSeq, limit);
      }

      @Override
      public Future<JournalHead> head() {
        return journalHead(domain);
      }
    };
  }

  private Future<JsonObject> request(String domain, JsonObject body) {
    return owners.send(domain, () -> vertx.eventBus().<JsonObject>request(Addresses.domain(domain), body, options))
        .map(m -> m.body())
        .recover(err -> Future.failedFuture(translate(domain, err)));
  }

  private static Throwable translate(String domain, Throwable err) {
    if (err instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        return new DomainUnavailable("domain " + domain + " has no running writer", 2);
      }
      if (re.failureType() == ReplyFailure.TIMEOUT) {
        return new DomainUnavailable("domain " + domain + " did not answer in time", 1);
      }
      if (re.failureCode() == 503) {
        return new DomainUnavailable(re.getMessage(), 2);
      }
    }
    return err;
  }
}
