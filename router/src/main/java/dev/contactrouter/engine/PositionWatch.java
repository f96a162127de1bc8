package dev.contactrouter.engine;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.core.WaitingPosition;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 */
final class PositionWatch {
  static final String TYPE = "position_changed";
  /** The least time between two announcements to one contact within the same minute of wait. */
  static final long GAP_MILLIS = 10_000;

  private record Told(int position, Integer waitSeconds, long at) {}

  /** What each waiting contact was last told; contacts that stop waiting are forgotten. */
  private final Map<String, Told> told = new HashMap<>();

  /** The events due now, for the contacts waiting in {@code committed}. */
  List<JsonObject> due(String domain, RoutingDomain committed, long now) {
    Set<String> waiting = new HashSet<>();
    List<JsonObject> out = new ArrayList<>();
    for (QueueSpec queue : committed.queues()) {
      for (WaitingPosition c : committed.waitingPositions(queue.id(), now).orElse(List.of())) {
        waiting.add(c.contactId());
        Told before = told.get(c.contactId());
        Integer wait = c.estimatedWaitSeconds();
        if (before != null && before.position() == c.position() && Objects.equals(before.waitSeconds(), wait)) {
          continue;
        }
        boolean anotherMinute = before == null || minute(before.waitSeconds()) != minute(wait);
        if (before != null && now - before.at() < GAP_MILLIS && !anotherMinute) {
          continue;
        }
        told.put(c.contactId(), new Told(c.position(), wait, now));
        out.add(event(domain, c, now));
      }
    }
    told.keySet().retainAll(waiting);
    return out;
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
