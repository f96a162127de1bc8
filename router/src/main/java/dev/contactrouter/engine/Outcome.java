package dev.contactrouter.engine;

import dev.contactrouter.core.Gate;
import dev.contactrouter.core.Refusal;
import dev.contactrouter.core.Reply;

/**
 * What became of a submitted command, as its writer tells it: carried out (and durable), or
 * refused with nothing changed. A command that could not be decided at all (the journal is down)
 * gets no outcome: its request fails with 503 instead.
 */
public sealed interface Outcome extends DomainMessage {

  /**
   * Carried out, and its events are durable.
   *
   * @param now the writer's time of the decision: the reply is rendered as of then (a contact's
   *     waiting time, a complaint's time left)
   */
  record Applied(Reply reply, long now) implements Outcome {}

  /**
   * Refused by the domain (or by the writer, for a reused {@code Idempotency-Key}).
   *
   * @param field the offending input as a JSON pointer into the request, or null
   * @param gate the compliance gate the command would have breached, or null
   */
  record Refused(Refusal reason, String detail, String field, Gate gate) implements Outcome {
    public Refused(Refusal reason, String detail, String field) {
      this(reason, detail, field, null);
    }
  }
}
