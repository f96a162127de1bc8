package dev.contactrouter.engine;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.core.WaitingPosition;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Tells waiting callers where they stand, so an IVR can announce it: looked at every few seconds
 * on the writer's thread, a waiting contact whose place in line or estimated wait changed gets a
 * {@code position_changed} event on the domain's event stream, at most one per contact per {@link
 * #GAP_MILLIS} unless its estimated wait moved into another whole minute. A contact that starts
 * waiting is told at once. The event is derived from the committed state, like a report, and is
 * not journaled: it has no {@code seq}, and a resumed stream does not replay it (the next one
 * brings the news).
 *
 * <p>A look goes in rounds of at most {@link #CHUNK} contacts, one round per turn of the writer's
 * loop ({@link #begin}, then {@link #next} until it is no longer {@link #busy}), so however many
 * contacts wait, the writer never holds its loop for more than one round's worth: commands and the
 * HTTP requests sharing its loop go on in between. Each contact is judged by the state at its own
 * round; one that stopped waiting meanwhile is skipped. Forgetting the contacts that no longer
 * wait, after the look, goes in rounds too.
 */
final class PositionWatch {
  static final String TYPE = "position_changed";
  /** The least time between two announcements to one contact within the same minute of wait. */
  static final long GAP_MILLIS = 10_000;
  /** The most contacts looked at in one turn of the writer's loop. */
  static final int CHUNK = 1_000;

  private record Told(int position, Integer waitSeconds, long at) {}

  /** What each waiting contact was last told; contacts that stop waiting are forgotten. */
  private final Map<String, Told> told = new HashMap<>();
  /** The contacts still to look at in the look under way, or null between looks. */
  private Iterator<String> toLook;
  /** The contacts found waiting so far in the look under way. */
  private Set<String> waiting;

  /**
   * After a look, what is told is walked (in rounds too) to forget the contacts that no longer
   * wait; null otherwise.
   */
  private Iterator<String> toForget;

  /** Whether a look is under way (begun, and its contacts not all seen or not all forgotten yet). */
  boolean busy() {
    return toLook != null || toForget != null;
  }

  /** Drops the look under way, if any; what was told stays known. */
  void abandon() {
    toLook = null;
    toForget = null;
    waiting = null;
  }

  /** Begins a look at every contact waiting now in {@code committed}: their ids only. */
  void begin(RoutingDomain committed) {
    List<String> ids = new ArrayList<>();
    for (QueueSpec queue : committed.queues()) {
      ids.addAll(committed.waitingIds(queue.id()));
    }
    toForget = null; // a look begun while the last one was still forgetting: this one forgets afresh
    toLook = ids.iterator();
    waiting = new HashSet<>(ids.size() * 2);
  }

  /**
   * The events due for the next {@code max} contacts of the look under way, judged by {@code
   * committed} now; the last round forgets the contacts that no longer wait.
   */
  List<JsonObject> next(String domain, RoutingDomain committed, long now, int max) {
    if (toForget != null) {
      forget(max);
      return List.of();
    }
    List<JsonObject> out = new ArrayList<>();
    for (int n = 0; n < max && toLook.hasNext(); n++) {
      committed.waitingPosition(toLook.next(), now).ifPresent(c -> {
        waiting.add(c.contactId());
        JsonObject e = judge(domain, c, now);
        if (e != null) {
          out.add(e);
        }
      });
    }
    if (!toLook.hasNext()) {
      toLook = null;
      toForget = told.keySet().iterator();
    }
    return out;
  }

  /** Forgets, of up to {@code max} told contacts, those the look did not find waiting. */
  private void forget(int max) {
    for (int n = 0; n < max && toForget.hasNext(); n++) {
      if (!waiting.contains(toForget.next())) {
        toForget.remove();
      }
    }
    if (!toForget.hasNext()) {
      toForget = null;
      waiting = null;
    }
  }

  /** The event due for one waiting contact, or null when it need not be told. */
  private JsonObject judge(String domain, WaitingPosition c, long now) {
    Told before = told.get(c.contactId());
    Integer wait = c.estimatedWaitSeconds();
    if (before != null && before.position() == c.position() && Objects.equals(before.waitSeconds(), wait)) {
      return null;
    }
    boolean anotherMinute = before == null || minute(before.waitSeconds()) != minute(wait);
    if (before != null && now - before.at() < GAP_MILLIS && !anotherMinute) {
      return null;
    }
    told.put(c.contactId(), new Told(c.position(), wait, now));
    return event(domain, c, now);
  }

  private static int minute(Integer waitSeconds) {
    return waitSeconds == null ? -1 : waitSeconds / 60;
  }

  private static JsonObject event(String domain, WaitingPosition c, long now) {
    JsonObject json = new JsonObject()
        .put("type", TYPE)
        .put("at", SpecJson.instant(now))
        .put("actor", "router")
        .put("contactId", c.contactId())
        .put("position", c.position());
    if (c.estimatedWaitSeconds() != null) {
      json.put("estimatedWaitSeconds", c.estimatedWaitSeconds());
    }
    json.put("domain", domain).put("queue", c.queue());
    if (c.externalId() != null) {
      json.put("externalId", c.externalId());
    }
    if (c.callId() != null) {
      json.put("callId", c.callId());
    }
    return json;
  }
}
