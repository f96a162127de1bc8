package dev.contactrouter.engine;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.CaseView;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.RoutingDomain;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The writer's answers about the securities service rules: the rules in force, complaint cases
 * (with their current work item, so the API can tell whether an agent is working one) and the
 * return visits still to come. Read from the core on the writer's thread, like every query.
 */
final class ServiceQueries {
  private ServiceQueries() {}

  static boolean answers(String query) {
    return switch (query) {
      case "rules", "complaint", "complaints", "followUps" -> true;
      default -> false;
    };
  }

  static JsonObject answer(RoutingDomain core, JsonObject q, long now) {
    switch (q.getString("query")) {
      case "rules":
        return found(SpecJson.rules(core.rules()));
      case "complaint":
        return found(core.complaint(q.getString("id"), now).map(k -> complaint(core, k, now)).orElse(null));
      case "complaints": {
        JsonArray all = new JsonArray();
        for (CaseView k : core.complaints(now, q.getBoolean("openOnly", false), q.getBoolean("nearBreachOnly", false))) {
          all.add(complaint(core, k, now));
        }
        return found(all);
      }
      case "followUps": {
        JsonArray all = new JsonArray();
        core.followUps().forEach(f -> all.add(SpecJson.followUp(f)));
        return found(all);
      }
      default:
        throw new IllegalArgumentException("unknown query " + q.getString("query"));
    }
  }

  private static JsonObject complaint(RoutingDomain core, CaseView k, long now) {
    JsonObject json = ViewJson.complaint(k, now);
    if (k.workContactId() != null) {
      core.contact(k.workContactId(), now).ifPresent(c -> json.put("work", work(c)));
    }
    return json;
  }

  private static JsonObject work(ContactView c) {
    JsonObject w = new JsonObject().put("contactId", c.id()).put("status", c.status().wire()).put("queue", c.queue());
    if (c.agentId() != null) {
      w.put("agentId", c.agentId());
    }
    if (c.offer() != null) {
      w.put("offeredTo", c.offer().agentId());
    }
    return w;
  }

  private static JsonObject found(Object value) {
    return value == null ? new JsonObject() : new JsonObject().put("found", value);
  }
}
