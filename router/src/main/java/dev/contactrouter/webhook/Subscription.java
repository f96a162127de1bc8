package dev.contactrouter.webhook;

import dev.contactrouter.core.WebhookSpec;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One webhook's deliveries, as the deliverer keeps them: no I/O here, only order and bookkeeping.
 *
 * <p>Order: deliveries wait in lanes, one lane per contact (an event naming no contact goes in
 * its agent's lane, and one naming neither in the domain's lane). A lane sends its first delivery
 * and nothing after it until that one is delivered or given up, so a receiver sees a contact's
 * events in the order they happened; lanes do not wait for each other, so a contact whose events
 * keep failing holds back only itself.
 *
 * <p>Position: {@code taken} is the last journaled event looked at for this webhook; {@link
 * #delivered} the one up to which everything is delivered or given up, which is what is saved and
 * where a restart resumes.
 */
final class Subscription {
  /** Settled deliveries kept for {@code GET /v1/webhooks/{id}/deliveries}. */
  static final int HISTORY = 200;

  WebhookSpec spec;
  /** The last journaled event looked at for this webhook (taken or passed over). */
  long taken;
  /**
   * Set when the webhook was created after the deliverer's last saved mark: events are passed
   * over until its own {@code webhook_configured} shows where it begins.
   */
  boolean awaitingCreation;
  /** Known from its {@code webhook_configured} event, its secret not yet read: nothing is taken. */
  boolean configuring;
  /** A page of missed events is being read from the journal. */
  boolean fetching;
  int inFlight;
  private int pending;
  private final Map<String, ArrayDeque<Delivery>> lanes = new HashMap<>();
  /** Lanes whose first delivery may be sent now. */
  final ArrayDeque<String> ready = new ArrayDeque<>();
  /** Sequence numbers of journaled deliveries not yet settled. */
  private final TreeSet<Long> unsettled = new TreeSet<>();
  /** The latest settled deliveries, newest settled first, at most {@link #HISTORY}. */
  private final ArrayDeque<Delivery> history = new ArrayDeque<>();

  Subscription(WebhookSpec spec, long taken, boolean awaitingCreation) {
    this.spec = spec;
    this.taken = taken;
    this.awaitingCreation = awaitingCreation;
  }

  String id() {
    return spec.id();
  }

  int pending() {
    return pending;
  }

  /** Everything up to here is delivered or given up. */
  long delivered() {
    return unsettled.isEmpty() ? taken : unsettled.first() - 1;
  }

  /**
   * Looks at a journaled event that follows {@code taken}: a delivery if the webhook wants it,
   * else nothing. Returns it, or null.
   */
  Delivery take(String domain, long seq, JsonObject event, long now) {
    taken = seq;
    String type = event.getString("type");
    if (awaitingCreation) {
      if ("webhook_configured".equals(type) && spec.id().equals(event.getJsonObject("webhook").getString("id"))) {
        awaitingCreation = false;
      }
      return null;
    }
    if (!spec.wants(type, queueOf(event))) {
      return null;
    }
    Delivery d = new Delivery(domain + ":" + seq, seq, type, event.getString("contactId"), lane(event),
        event.toBuffer(), now);
    unsettled.add(seq);
    add(d);
    return d;
  }

  /** A live event that is never journaled ({@code position_changed}): delivered if wanted and there is room. */
  Delivery takeUnjournaled(String eventId, JsonObject event, long now) {
    if (awaitingCreation || !spec.wants(event.getString("type"), queueOf(event))) {
      return null;
    }
    Delivery d = new Delivery(eventId, null, event.getString("type"), event.getString("contactId"), lane(event),
        event.toBuffer(), now);
    add(d);
    return d;
  }

  private void add(Delivery d) {
    pending++;
    ArrayDeque<Delivery> lane = lanes.computeIfAbsent(d.lane, k -> new ArrayDeque<>());
    lane.add(d);
    if (lane.size() == 1) {
      ready.add(d.lane);
    }
  }

  /** The first delivery of a lane that is ready, or null. */
  Delivery head(String lane) {
    ArrayDeque<Delivery> l = lanes.get(lane);
    return l == null ? null : l.peekFirst();
  }

  /** The lane's first delivery is delivered or given up: the next one of its lane may go. */
  void settle(Delivery d, Delivery.State state) {
    d.state = state;
    d.nextAttemptAt = null;
    ArrayDeque<Delivery> lane = lanes.get(d.lane);
    if (lane == null || lane.peekFirst() != d) {
      return; // not this webhook's to settle (it was deleted and made again meanwhile)
    }
    lane.pollFirst();
    pending--;
    if (d.seq != null) {
      unsettled.remove(d.seq);
    }
    if (lane.isEmpty()) {
      lanes.remove(d.lane);
    } else {
      ready.add(d.lane);
    }
    history.addFirst(d);
    if (history.size() > HISTORY) {
      history.removeLast();
    }
  }

  /** Every delivery not yet settled (to cancel their timers when the webhook is deleted). */
  List<Delivery> waiting() {
    return lanes.values().stream().flatMap(ArrayDeque::stream).toList();
  }

  /** The latest deliveries, pending and settled, newest event first, at most {@code limit}. */
  List<Delivery> recent(int limit) {
    List<Delivery> all = new ArrayList<>(waiting());
    all.addAll(history);
    all.sort(NEWEST_FIRST);
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  private static final Comparator<Delivery> NEWEST_FIRST = Comparator
      .comparingLong((Delivery d) -> d.createdAt).reversed()
      .thenComparing(d -> d.seq == null ? Long.MAX_VALUE : d.seq, Comparator.reverseOrder());

  /**
   * The lane of an event: its contact, else its agent, else the domain's one lane. Complaint
   * cases, configuration and sign-in events share that lane, in journal order.
   */
  static String lane(JsonObject event) {
    String contact = event.getString("contactId");
    if (contact != null) {
      return "c:" + contact;
    }
    Object agent = event.getValue("agentId");
    return agent instanceof String a ? "a:" + a : "";
  }

  /** The queue of a contact event as the stream names it; null for any other event. */
  private static String queueOf(JsonObject event) {
    return event.getString("contactId") != null && event.getValue("queue") instanceof String q ? q : null;
  }
}
