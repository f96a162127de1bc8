package dev.contactrouter.webhook;

import io.vertx.core.buffer.Buffer;

/**
 * One event on its way to one webhook, through its attempts. Owned by the deliverer's thread.
 *
 * @see Subscription
 */
final class Delivery {
  enum State {
    PENDING, DELIVERED, FAILED;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The event's id on the stream ({@code domain:seq}); the same on every attempt. */
  final String eventId;
  /** The event's journal sequence number, or null for one that is not journaled ({@code position_changed}). */
  final Long seq;
  final String type;
  final String contactId;
  /** Deliveries of one lane go one at a time, in order: see {@link Subscription#lane}. */
  final String lane;
  /** The exact bytes sent on every attempt. */
  final Buffer body;
  final long createdAt;
  State state = State.PENDING;
  int attempts;
  boolean sending;
  Integer lastStatus;
  String lastError;
  Long lastAttemptAt;
  Long nextAttemptAt;
  long timer = -1;

  Delivery(String eventId, Long seq, String type, String contactId, String lane, Buffer body, long createdAt) {
    this.eventId = eventId;
    this.seq = seq;
    this.type = type;
    this.contactId = contactId;
    this.lane = lane;
    this.body = body;
    this.createdAt = createdAt;
  }
}
