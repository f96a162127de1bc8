package dev.contactrouter.engine;

import dev.contactrouter.core.Command;
import dev.contactrouter.store.ArchivedPart;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the rest of the engine talks to a domain's writer: typed request/reply ({@link
 * DomainMessage}s), handed to the writer's context directly when it runs in this process ({@link
 * LocalWriters}), else on the event bus. A refusal fails the future with
 * {@link CommandRefused}; a writer that is down, recovering, silent or on a node that speaks
 * another protocol version fails it with {@link DomainUnavailable}; one whose backlog is past its
 * bound fails it with {@link DomainOverloaded}, at once.
 */
public final class DomainClient {
  private static final Logger LOG = LoggerFactory.getLogger(DomainClient.class);
  private final Vertx vertx;
  private final DeliveryOptions options;
  /** When requests handed to local writers give up waiting (the event bus's send timeout, for them). */
  private final LocalWriters.Deadlines deadlines;
  private final OwnerWatch owners;
  /**
   * The local writer last asked (most nodes serve one domain), so a request does not look it up in
   * the shared map; checked to be open and of the right domain at every use.
   */
  private volatile LocalWriters.Writer lastLocal;

  public DomainClient(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.deadlines = new LocalWriters.Deadlines(vertx, timeoutMillis);
    this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    this.owners = new OwnerWatch(vertx, timeoutMillis);
    DomainMessageCodec.install(vertx.eventBus());
    SharedJsonCodec.install(vertx.eventBus());
  }

  /** Sends a command; completes with its outcome once its events are durable. */
  public Future<Outcome.Applied> command(String domain, Command command) {
    return command(domain, command, null, null);
  }

  /**
   * Sends a command under an {@code Idempotency-Key}: a repeat with the same fingerprint gets the
   * first outcome; with another fingerprint it is refused (CONFLICT). A null key sends it plainly.
   */
  public Future<Outcome.Applied> command(String domain, Command command, String idempotencyKey, String fingerprint) {
    return request(domain, new DomainMessage.Submit(command, idempotencyKey, fingerprint)).map(body -> {
      if (body instanceof Outcome.Refused r) {
        throw new CommandRefused(r.reason(), r.detail(), r.field(), r.gate());
      }
      if (body instanceof Outcome.Applied applied) {
        return applied;
      }
      throw new IllegalStateException("a command answered with " + body.getClass().getSimpleName());
    });
  }

  /** Asks a question; the answer has the type the query declares. */
  public <T> Future<T> ask(String domain, DomainQuery<T> query) {
    return request(domain, query).map(body -> {
      if (!(body instanceof DomainMessage.Answer answer) || !query.equals(answer.query())) {
        throw new IllegalStateException("a query for " + query + " answered with " + body);
      }
      // The writer answered this query with query.answer(...), a Future<T>; on another node the
      // codec read the value back as the T the query declares.
      @SuppressWarnings("unchecked")
      T value = (T) answer.value();
      return value;
    });
  }

  /** The domain's journal as a source for {@link JournalVerifier}, a page at a time. */
  public JournalVerifier.Source journalSource(String domain) {
    return new JournalVerifier.Source() {
      @Override
      public Future<List<StoredEvent>> page(long afterSeq, int limit) {
        return ask(domain, new DomainQuery.StoredPageQuery(afterSeq, limit));
      }

      @Override
      public Future<JournalHead> head() {
        return ask(domain, new DomainQuery.JournalHeadQuery());
      }

      @Override
      public Future<ArchivedPart> archived() {
        return ask(domain, new DomainQuery.ArchivedHeadQuery());
      }
    };
  }

  /**
   * Hands the message to the domain's writer if it runs in this process ({@link LocalWriters}),
   * else sends it over the event bus, as it does when the local writer stopped before taking it.
   */
  private Future<DomainMessage> request(String domain, DomainMessage body) {
    LocalWriters.Writer local = lastLocal;
    if (local == null || !local.serves(domain)) {
      local = LocalWriters.find(vertx, domain);
      if (local == null) {
        return overEventBus(domain, body);
      }
      lastLocal = local;
    }
    return local.request(vertx, body, deadlines).recover(err -> err == LocalWriters.CLOSED
        ? overEventBus(domain, body)
        : Future.failedFuture(translate(domain, err)));
  }

  private Future<DomainMessage> overEventBus(String domain, DomainMessage body) {
    return owners.send(domain, () -> vertx.eventBus().<DomainMessage>request(Addresses.domain(domain), body, options))
        .map(m -> m.body())
        .recover(err -> Future.failedFuture(translate(domain, err)));
  }

  private static Throwable translate(String domain, Throwable err) {
    if (err instanceof DomainMessageCodec.Unreadable unreadable) {
      // The writer's node speaks another protocol version: as unreachable as a silent writer.
      LOG.error("the answer of domain {}'s writer cannot be read: {}", domain, unreadable.getMessage());
      return new DomainUnavailable("domain " + domain + " answered in a form this node cannot read", 2);
    }
    if (err instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        return new DomainUnavailable("domain " + domain + " has no running writer", 2);
      }
      if (re.failureType() == ReplyFailure.TIMEOUT) {
        return new DomainUnavailable("domain " + domain + " did not answer in time", 1);
      }
      if (re.failureCode() == Admission.SHED_CODE) {
        return new DomainOverloaded(re.getMessage(), Admission.RETRY_AFTER_SECONDS);
      }
      if (re.failureCode() == 503) {
        return new DomainUnavailable(re.getMessage(), 2);
      }
    }
    return err;
  }
}
