package dev.contactrouter.engine;

import dev.contactrouter.core.Command;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What reaches a domain's writer on the event bus, and how each is answered: a submitted command
 * is decided (once per {@code Idempotency-Key}: a retry gets the first outcome) and answered with
 * its {@link Outcome}, or 503 when it could not be decided; a query is answered from what the
 * writer reads at that moment, or 503 when that is the journal and it cannot be read. A command
 * beyond the writer's backlog bound is refused at once, before it is decided ({@link Admission});
 * queries are never refused for load. Runs on the writer's thread. Messages come over the event
 * bus ({@link #onMessage}) or, from this process, handed over directly ({@link #onLocal}, {@link
 * LocalWriters}); both are answered the same way.
 */
final class DomainInbox {
  private static final Logger LOG = LoggerFactory.getLogger(DomainInbox.class);

  private final String domainId;
  private final Function<Command, Future<Outcome>> decide;
  private final Supplier<Future<DomainReads>> reads;
  private final LongSupplier clock;
  private final Idempotency idempotency;
  private final Admission admission;
  private final RouterMetrics metrics;

  /**
   * @param decide decides a command; fails with {@link DomainUnavailable} when it cannot
   * @param reads what a query arriving now reads, once it can be read (the committed state may be held still for a moment)
   * @param admission how many commands may wait for the journal before new ones are refused
   * @param idempotency the outcomes remembered by {@code Idempotency-Key}
   */
  DomainInbox(String domainId, Function<Command, Future<Outcome>> decide, Supplier<Future<DomainReads>> reads,
      LongSupplier clock, Admission admission, RouterMetrics metrics, Idempotency idempotency) {
    this.idempotency = idempotency;
    this.domainId = domainId;
    this.admission = admission;
    this.metrics = metrics;
    this.decide = decide;
    this.reads = reads;
    this.clock = clock;
  }

  /** How a message is answered: over the event bus, or straight back to a caller in this process. */
  interface Reply {
    void reply(DomainMessage message);

    /** A failure, with the code {@link DomainClient} reads (503, {@link Admission#SHED_CODE}, ...). */
    void fail(int code, String message);
  }

  void onMessage(Message<DomainMessage> message) {
    DomainMessage body;
    try {
      body = message.body();
    } catch (DomainMessageCodec.Unreadable e) {
      // From a node that speaks another protocol version (mid-upgrade, say): nothing done, say so.
      LOG.error("domain {} cannot read a message: {}", domainId, e.getMessage());
      message.fail(503, e.getMessage());
      return;
    }
    onLocal(body, new Reply() {
      @Override
      public void reply(DomainMessage answer) {
        message.reply(answer);
      }

      @Override
      public void fail(int code, String detail) {
        message.fail(code, detail);
      }
    });
  }

  /** Takes a message handed over in this process, answered through {@code message}. */
  void onLocal(DomainMessage body, Reply message) {
    if (body instanceof DomainMessage.Submit submit) {
      decide(message, submit);
    } else if (body instanceof DomainQuery<?> query) {
      answer(message, query);
    } else {
      message.fail(400, "a domain's writer takes commands and queries, not " + body.getClass().getSimpleName());
    }
  }

  private void decide(Reply message, DomainMessage.Submit submit) {
    Command command = submit.command();
    Admission.Reason shed = admission.refusal(command);
    if (shed != null) {
      // Refused before it is decided or queued: the client hears at once, and nothing changed.
      metrics.shed(shed.tag);
      message.fail(Admission.SHED_CODE, admission.detail(domainId, shed));
      return;
    }
    Admission.Ticket ticket = admission.take();
    metrics.pending(admission.pending());
    Future<Outcome> outcome = submit.idempotencyKey() == null
        ? decide.apply(command)
        : idempotency.run(command.actor(), submit.idempotencyKey(), submit.fingerprint(), clock.getAsLong(),
            () -> decide.apply(command));
    outcome.onComplete(ar -> {
      admission.answered(ticket);
      metrics.pending(admission.pending());
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        message.fail(503, ar.cause().getMessage());
      }
    });
  }

  private <T> void answer(Reply message, DomainQuery<T> query) {
    reads.get().compose(r -> {
      try {
        return query.answer(r);
      } catch (RuntimeException e) {
        return Future.<T>failedFuture(e);
      }
    }).onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(new DomainMessage.Answer(query, ar.result()));
      } else if (ar.cause() instanceof DomainUnavailable u) {
        message.fail(503, u.getMessage());
      } else {
        LOG.error("query failed in domain {}: {}", domainId, query, ar.cause());
        message.fail(500, "query failed");
      }
    });
  }
}
