package dev.contactrouter.core;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * An integrator's subscription to the domain's events: the engine POSTs each committed event of
 * {@code types} (and, when {@code queues} is not empty, only contact events of those queues) to
 * {@code url}, signed with {@code secret}. Part of the domain's configuration: journaled, so it
 * replays and is the same on every node.
 *
 * @param types event types (as the event stream names them), never empty
 * @param queues queue ids; empty means every event of {@code types}
 * @param secret the HMAC key deliveries are signed with, or null for unsigned deliveries; never
 *     shown by the API (its views say only whether one is set)
 * @param active false pauses deliveries: events committed meanwhile are not delivered
 */
public record WebhookSpec(String id, String url, Set<String> types, Set<String> queues, String secret, boolean active) {
  public WebhookSpec {
    types = Collections.unmodifiableSortedSet(new TreeSet<>(types));
    queues = Collections.unmodifiableSortedSet(queues == null ? new TreeSet<>() : new TreeSet<>(queues));
  }

  /** Whether an event of {@code type} about a contact in {@code queue} (null: none) goes to this hook. */
  public boolean wants(String type, String queue) {
    return active && types.contains(type) && (queues.isEmpty() || queue != null && queues.contains(queue));
  }

  public boolean signed() {
    return secret != null && !secret.isEmpty();
  }

  /** Never the secret: specs end up in logs. */
  @Override
  public String toString() {
    return "WebhookSpec[id=" + id + ", url=" + url + ", types=" + types + ", queues=" + queues + ", secret="
        + (signed() ? "***" : "none") + ", active=" + active + "]";
  }
}
