package dev.contactrouter.engine;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.collect.SpreadHashMap;
import dev.contactrouter.core.PositionLook;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.core.WaitingPosition;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * HTTP requests sharing its loop go on in between. The core walks its lines of waiting contacts in
 * order ({@link PositionLook}), each contact judged by the state at its own round; nothing is
 * copied per contact when a look begins. Forgetting the contacts that no longer wait, after the
 * look, goes in rounds too: those the look did not see.
 */
final class PositionWatch {
  static final String TYPE = "position_changed";
  /** The least time between two announcements to one contact within the same minute of wait. */
  static final long GAP_MILLIS = 10_000;
  /** The most contacts looked at in one turn of the writer's loop. */
  static final int CHUNK = 1_000;

  /** What a contact was last told, and the last look that saw it waiting. */
  private static final class Told {
    int position;
    Integer waitSeconds;
    long at;
    long seen;
  }

  /** What each waiting contact was last told; contacts that stop waiting are forgotten. */
  private final Map<String, Told> told = new SpreadHashMap<>();
  /** The look under way, or null between looks. */
  private PositionLook look;
  /** Numbers the looks: a contact whose {@code seen} is not the last look's no longer waits. */
  private long looks;

  /**
   * After a look, what is told is walked (in rounds too) to forget the contacts that no longer
   * wait; null otherwise.
   */
  private Iterator<Told> toForget;

  /** Whether a look is under way (begun, and its contacts not all seen or not all forgotten yet). */
  boolean busy() {
    return look != null || toForget != null;
  }

  /** Drops the look under way, if any; what was told stays known. */
  void abandon() {
    look = null;
    toForget = null;
  }

  /** Begins a look at every contact waiting in {@code committed}: O(lines), nothing per contact. */
  void begin(RoutingDomain committed) {
    toForget = null; // a look begun while the last one was still forgetting: this one forgets afresh
    look = committed.lookAtPositions();
    looks++;
  }

  /**
   * The events due for the next {@code max} contacts of the look under way, judged by {@code
   * committed} now; the rounds after the last forget the contacts that no longer wait. A look
   * begun in another state of the domain (rebuilt since) is dropped.
   */
  List<JsonObject> next(String domain, RoutingDomain committed, long now, int max) {
    if (toForget != null) {
      forget(max);
      return List.of();
    }
    if (look == null || !look.of(committed)) {
      abandon();
      return List.of();
    }
    List<JsonObject> out = new ArrayList<>();
    for (WaitingPosition c : look.next(max, now)) {
      JsonObject e = judge(domain, c, now);
      if (e != null) {
        out.add(e);
      }
    }
    if (look.done()) {
      look = null;
      toForget = told.values().iterator();
    }
    return out;
  }

  /** Forgets, of up to {@code max} told contacts, those the look did not find waiting. */
  private void forget(int max) {
    for (int n = 0; n < max && toForget.hasNext(); n++) {
      if (toForget.next().seen != looks) {
        toForget.remove();
      }
    }
    if (!toForget.hasNext()) {
      toForget = null;
    }
  }

  /** The event due for one waiting contact, or null when it need not be told. */
  private JsonObject judge(String domain, WaitingPosition c, long now) {
    Told before = told.get(c.contactId());
    Integer wait = c.estimatedWaitSeconds();
    if (before == null) {
      before = new Told();
      told.put(c.contactId(), before);
    } else {
      before.seen = looks;
      if (before.position == c.position() && Objects.equals(before.waitSeconds, wait)) {
        return null;
      }
      boolean anotherMinute = minute(before.waitSeconds) != minute(wait);
      if (now - before.at < GAP_MILLIS && !anotherMinute) {
        return null;
      }
    }
    before.seen = looks;
    before.position = c.position();
    before.waitSeconds = wait;
    before.at = now;
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
