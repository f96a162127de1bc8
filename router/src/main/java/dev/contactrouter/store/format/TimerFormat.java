package dev.contactrouter.store.format;

import dev.contactrouter.core.Command;
import dev.contactrouter.core.RouteStage;
import io.vertx.core.json.JsonObject;

/**
 * The stored form of a timer's payload: the command a timer delivers when it is due (see {@link
 * dev.contactrouter.core.Timers}), as the timer store keeps it (in Redis, inside the value under
 * the timer's key). Only the commands timers carry have a stored form.
 *
 * <p>Format 1 is the form the engine wrote before the stored formats had their own codec, kept
 * byte for byte: {@code actor}, then {@code type}, then the command's fields. A format 1 payload
 * carries no version field; every later format adds {@code "format": N}, and {@link #decode}
 * keeps reading every earlier format, because timers armed by an older build fire in a newer
 * one. The golden file in {@code src/test/resources/journal-format/} holds what format 1 wrote.
 */
public final class TimerFormat {
  /** The format {@link #encode} writes. */
  public static final int VERSION = 1;

  private TimerFormat() {}

  /** The payload of a timer that delivers {@code command}. */
  public static JsonObject encode(Command command) {
    JsonObject json = new JsonObject().put("actor", command.actor());
    if (command instanceof Command.ExpireOffer c) {
      json.put("type", "expire_offer").put("offerId", c.offerId());
    } else if (command instanceof Command.EndWrapUp c) {
      json.put("type", "end_wrap_up").put("agentId", c.agentId()).put("until", c.until());
    } else if (command instanceof Command.ReachSlaPoint c) {
      json.put("type", "reach_sla_point").put("contactId", c.contactId()).put("point", c.point());
    } else if (command instanceof Command.WidenRouting c) {
      json.put("type", "widen_routing").put("contactId", c.contactId()).put("stage", c.stage().wire());
    } else if (command instanceof Command.StartFollowUp c) {
      json.put("type", "start_follow_up").put("followUpId", c.followUpId());
    } else if (command instanceof Command.ReachCaseDeadline c) {
      json.put("type", "reach_case_deadline").put("caseId", c.caseId()).put("stage", c.stage().wire())
          .put("point", c.point());
    } else {
      throw new IllegalArgumentException("no timer carries " + command.getClass().getSimpleName());
    }
    return json;
  }

  /** The command a stored timer payload holds, in any format this build reads. */
  public static Command decode(JsonObject json) {
    int format = json.getInteger("format", 1);
    if (format != 1) {
      throw new IllegalArgumentException("timer format " + format + " is newer than this build reads (1 to "
          + VERSION + ")");
    }
    String actor = json.getString("actor");
    String type = json.getString("type");
    switch (type) {
      case "expire_offer":
        return new Command.ExpireOffer(actor, json.getString("offerId"));
      case "end_wrap_up":
        return new Command.EndWrapUp(actor, json.getString("agentId"), json.getLong("until"));
      case "reach_sla_point":
        return new Command.ReachSlaPoint(actor, json.getString("contactId"), json.getInteger("point"));
      case "widen_routing":
        return new Command.WidenRouting(actor, json.getString("contactId"),
            RouteStage.fromWire(json.getString("stage")).orElseThrow());
      case "start_follow_up":
        return new Command.StartFollowUp(actor, json.getString("followUpId"));
      case "reach_case_deadline":
        return new Command.ReachCaseDeadline(actor, json.getString("caseId"),
            EventFormat.stage(json.getString("stage")), json.getInteger("point"));
      default:
        throw new IllegalArgumentException("unknown timer command type " + type);
    }
  }
}
