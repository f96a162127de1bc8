package dev.contactrouter.codec;

import static dev.contactrouter.codec.SpecJson.putIfSet;

import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Catalogue;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ServiceStage;
import io.vertx.core.json.JsonObject;
import java.util.function.BiFunction;

/** Commands as they travel over the event bus and sit in timer payloads. */
public final class CommandJson {
  private CommandJson() {}

  public static JsonObject encode(Command command) {
    JsonObject json = new JsonObject().put("actor", command.actor());
    if (command instanceof Command.ConfigureQueue c) {
      json.put("type", "configure_queue").put("queue", SpecJson.queue(c.queue()));
    } else if (command instanceof Command.ConfigureAgent c) {
      json.put("type", "configure_agent").put("agent", SpecJson.agent(c.agent()));
    } else if (command instanceof Command.SetAgentStatus c) {
      json.put("type", "set_agent_status").put("agentId", c.agentId()).put("status", c.status().wire());
      putIfSet(json, "reason", c.reason());
    } else if (command instanceof Command.CreateContact c) {
      json.put("type", "create_contact").put("contact", SpecJson.contact(c.contact()));
      putIfSet(json, "major", c.major());
    } else if (command instanceof Command.MarkMajor c) {
      json.put("type", "mark_major").put("contactId", c.contactId());
      putIfSet(json, "byAgent", c.byAgent());
      putIfSet(json, "reason", c.reason());
    } else if (command instanceof Command.AdvanceStage c) {
      json.put("type", "advance_stage").put("contactId", c.contactId()).put("stage", c.stage().wire());
      putIfSet(json, "byAgent", c.byAgent());
      putIfSet(json, "queue", c.queue());
    } else if (command instanceof Command.ReleaseHold c) {
      json.put("type", "release_hold").put("contactId", c.contactId());
      putIfSet(json, "riskLevel", c.riskLevel());
      putIfSet(json, "reason", c.reason());
    } else if (command instanceof Command.AbandonContact c) {
      json.put("type", "abandon_contact").put("contactId", c.contactId());
    } else if (command instanceof Command.TransferContact c) {
      json.put("type", "transfer_contact").put("contactId", c.contactId());
      putIfSet(json, "queue", c.queue());
      putIfSet(json, "agentId", c.agentId());
      putIfSet(json, "byAgent", c.byAgent());
    } else if (command instanceof Command.CompleteContact c) {
      json.put("type", "complete_contact").put("contactId", c.contactId());
      putIfSet(json, "byAgent", c.byAgent());
      putIfSet(json, "disposition", c.disposition());
      putIfSet(json, "notes", c.notes());
      putIfSet(json, "stage", c.stage());
    } else if (command instanceof Command.AcceptOffer c) {
      json.put("type", "accept_offer").put("offerId", c.offerId());
      putIfSet(json, "byAgent", c.byAgent());
    } else if (command instanceof Command.RejectOffer c) {
      json.put("type", "reject_offer").put("offerId", c.offerId());
      putIfSet(json, "byAgent", c.byAgent());
      putIfSet(json, "reason", c.reason());
    } else if (command instanceof Command.ExpireOffer c) {
      json.put("type", "expire_offer").put("offerId", c.offerId());
    } else if (command instanceof Command.EndWrapUp c) {
      json.put("type", "end_wrap_up").put("agentId", c.agentId()).put("until", c.until());
    } else if (command instanceof Command.IssueApiKey c) {
      json.put("type", "issue_api_key").put("keyId", c.keyId()).put("digest", c.digest()).put("role", c.role());
      putIfSet(json, "agentId", c.agentId());
      putIfSet(json, "label", c.label());
      putIfSet(json, "expiresAt", c.expiresAt());
    } else if (command instanceof Command.RecordSignInRefusal c) {
      json.put("type", "record_sign_in_refusal").put("username", c.username()).put("address", c.address())
          .put("reason", c.reason()).put("failures", c.failures()).put("retryAfterSeconds", c.retryAfterSeconds());
    } else if (command instanceof Command.RevokeApiKey c) {
      json.put("type", "revoke_api_key").put("keyId", c.keyId());
      putIfSet(json, "effectiveAt", c.effectiveAt());
    } else if (command instanceof Command.ReachSlaPoint c) {
      json.put("type", "reach_sla_point").put("contactId", c.contactId()).put("point", c.point());
    } else if (command instanceof Command.ConfigureCalendar c) {
      json.put("type", "configure_calendar").put("calendar", SpecJson.calendar(c.calendar()));
    } else if (command instanceof Command.ConfigureCategory c) {
      json.put("type", "configure_category").put("category", SpecJson.category(c.category()));
    } else if (command instanceof Command.ConfigureCatalogue c) {
      json.put("type", "configure_catalogue").put("catalogue", SpecJson.catalogue(c.catalogue()));
    } else if (command instanceof Command.ConfigureRules c) {
      json.put("type", "configure_rules").put("rules", SpecJson.rules(c.rules()));
    } else if (command instanceof Command.WidenRouting c) {
      json.put("type", "widen_routing").put("contactId", c.contactId()).put("stage", c.stage().wire());
    } else if (command instanceof Command.RequestCallback c) {
      json.put("type", "request_callback").put("contactId", c.contactId());
      putIfSet(json, "number", c.number());
    } else if (command instanceof Command.RecordSurvey c) {
      json.put("type", "record_survey").put("contactId", c.contactId());
      putIfSet(json, "csat", c.csat());
      putIfSet(json, "nps", c.nps());
      putIfSet(json, "comment", c.comment());
    } else if (command instanceof Command.StartFollowUp c) {
      json.put("type", "start_follow_up").put("followUpId", c.followUpId());
    } else if (command instanceof Command.OpenComplaint c) {
      json.put("type", "open_complaint").put("caseId", c.caseId());
      putIfSet(json, "contactId", c.contactId());
      putIfSet(json, "byAgent", c.byAgent());
      if (c.customer() != null) {
        json.put("customer", SpecJson.customer(c.customer()));
      }
      putIfSet(json, "channel", c.channel() == null ? null : c.channel().wire());
      putIfSet(json, "summary", c.summary());
      putIfSet(json, "class", c.kind() == null ? null : c.kind().wire());
      putIfSet(json, "severity", c.severity() == null ? null : c.severity().wire());
    } else if (command instanceof Command.ReopenComplaint c) {
      json.put("type", "reopen_complaint").put("caseId", c.caseId()).put("reason", c.reason());
      putIfSet(json, "department", c.department());
      putIfSet(json, "agentId", c.agentId());
    } else if (command instanceof Command.AdvanceComplaint c) {
      json.put("type", "advance_complaint").put("caseId", c.caseId()).put("step", c.step().wire());
      putIfSet(json, "byAgent", c.byAgent());
      putIfSet(json, "note", c.note());
      putIfSet(json, "class", c.kind() == null ? null : c.kind().wire());
      putIfSet(json, "severity", c.severity() == null ? null : c.severity().wire());
      putIfSet(json, "department", c.department());
      putIfSet(json, "agentId", c.agentId());
      putIfSet(json, "satisfied", c.satisfied());
    } else if (command instanceof Command.ReachCaseDeadline c) {
      json.put("type", "reach_case_deadline").put("caseId", c.caseId()).put("stage", c.stage().wire())
          .put("point", c.point());
    } else if (command instanceof Command.OpenAccountCase c) {
      json.put("type", "open_account_case").put("caseId", c.caseId());
      putIfSet(json, "contactId", c.contactId());
      putIfSet(json, "byAgent", c.byAgent());
      if (c.customer() != null) {
        json.put("customer", SpecJson.customer(c.customer()));
      }
      putIfSet(json, "channel", c.channel() == null ? null : c.channel().wire());
    } else if (command instanceof Command.AdvanceAccountCase c) {
      json.put("type", "advance_account_case").put("caseId", c.caseId()).put("step", c.step().wire());
      putIfSet(json, "byAgent", c.byAgent());
      putIfSet(json, "note", c.note());
    } else {
      throw new IllegalArgumentException("unknown command " + command);
    }
    return json;
  }

  /** The spec a configuring command carries in {@code field}, read with its own id. */
  private static <T> T spec(JsonObject json, String field, BiFunction<String, JsonObject, T> read) {
    JsonObject spec = json.getJsonObject(field);
    return read.apply(spec.getString("id"), spec);
  }

  public static Command decode(JsonObject json) {
    String actor = json.getString("actor");
    String type = json.getString("type");
    switch (type) {
      case "configure_queue":
        return new Command.ConfigureQueue(actor, spec(json, "queue", SpecJson::queue));
      case "configure_agent":
        return new Command.ConfigureAgent(actor, spec(json, "agent", SpecJson::agent));
      case "set_agent_status":
        return new Command.SetAgentStatus(
            actor, json.getString("agentId"),
            AgentStatus.fromWire(json.getString("status")).orElseThrow(), json.getString("reason"));
      case "create_contact":
        return new Command.CreateContact(actor, SpecJson.contact(json.getJsonObject("contact")), json.getString("major"));
      case "mark_major":
        return new Command.MarkMajor(actor, json.getString("contactId"), json.getString("byAgent"), json.getString("reason"));
      case "advance_stage":
        return new Command.AdvanceStage(actor, json.getString("contactId"), json.getString("byAgent"),
            ServiceStage.fromWire(json.getString("stage")).orElseThrow(), json.getString("queue"));
      case "release_hold":
        return new Command.ReleaseHold(actor, json.getString("contactId"), json.getInteger("riskLevel"),
            json.getString("reason"));
      case "abandon_contact":
        return new Command.AbandonContact(actor, json.getString("contactId"));
      case "transfer_contact":
        return new Command.TransferContact(
            actor, json.getString("contactId"), json.getString("queue"), json.getString("agentId"), json.getString("byAgent"));
      case "complete_contact":
        return new Command.CompleteContact(
            actor, json.getString("contactId"), json.getString("byAgent"), json.getString("disposition"), json.getString("notes"),
            json.getString("stage"));
      case "accept_offer":
        return new Command.AcceptOffer(actor, json.getString("offerId"), json.getString("byAgent"));
      case "reject_offer":
        return new Command.RejectOffer(actor, json.getString("offerId"), json.getString("byAgent"), json.getString("reason"));
      case "expire_offer":
        return new Command.ExpireOffer(actor, json.getString("offerId"));
      case "end_wrap_up":
        return new Command.EndWrapUp(actor, json.getString("agentId"), json.getLong("until"));
      case "issue_api_key":
        return new Command.IssueApiKey(actor, json.getString("keyId"), json.getString("digest"), json.getString("role"),
            json.getString("agentId"), json.getString("label"), json.getLong("expiresAt"));
      case "record_sign_in_refusal":
        return new Command.RecordSignInRefusal(actor, json.getString("username"), json.getString("address"),
            json.getString("reason"), json.getInteger("failures"), json.getLong("retryAfterSeconds"));
      case "revoke_api_key":
        return new Command.RevokeApiKey(actor, json.getString("keyId"), json.getLong("effectiveAt"));
      case "reach_sla_point":
        return new Command.ReachSlaPoint(actor, json.getString("contactId"), json.getInteger("point"));
      case "configure_calendar":
        return new Command.ConfigureCalendar(actor, spec(json, "calendar", SpecJson::calendar));
      case "configure_category":
        return new Command.ConfigureCategory(actor, spec(json, "category", SpecJson::category));
      case "configure_catalogue": {
        JsonObject c = json.getJsonObject("catalogue");
        return new Command.ConfigureCatalogue(actor,
            SpecJson.catalogue(Catalogue.Kind.fromWire(c.getString("kind")).orElseThrow(), c));
      }
      case "configure_rules":
        return new Command.ConfigureRules(actor, SpecJson.rules(json.getJsonObject("rules")));
      case "widen_routing":
        return new Command.WidenRouting(actor, json.getString("contactId"),
            dev.contactrouter.core.RouteStage.fromWire(json.getString("stage")).orElseThrow());
      case "request_callback":
        return new Command.RequestCallback(actor, json.getString("contactId"), json.getString("number"));
      case "record_survey":
        return new Command.RecordSurvey(actor, json.getString("contactId"), json.getInteger("csat"),
            json.getInteger("nps"), json.getString("comment"));
      case "start_follow_up":
        return new Command.StartFollowUp(actor, json.getString("followUpId"));
      case "open_complaint":
        return new Command.OpenComplaint(actor, json.getString("caseId"), json.getString("contactId"),
            json.getString("byAgent"), json.getJsonObject("customer") == null ? null
                : SpecJson.customer(json.getJsonObject("customer")),
            json.getString("channel") == null ? null : SpecJson.channel(json.getString("channel")),
            json.getString("summary"), EventJson.kind(json.getString("class")),
            EventJson.severity(json.getString("severity")));
      case "advance_complaint":
        return new Command.AdvanceComplaint(actor, json.getString("caseId"),
            dev.contactrouter.core.Complaint.Step.fromWire(json.getString("step")).orElseThrow(),
            json.getString("byAgent"), json.getString("note"), EventJson.kind(json.getString("class")),
            EventJson.severity(json.getString("severity")), json.getString("department"), json.getString("agentId"),
            json.getBoolean("satisfied"));
      case "reopen_complaint":
        return new Command.ReopenComplaint(actor, json.getString("caseId"), json.getString("reason"),
            json.getString("department"), json.getString("agentId"));
      case "reach_case_deadline":
        return new Command.ReachCaseDeadline(actor, json.getString("caseId"), EventJson.stage(json.getString("stage")),
            json.getInteger("point"));
      case "open_account_case":
        return new Command.OpenAccountCase(actor, json.getString("caseId"), json.getString("contactId"),
            json.getString("byAgent"), json.getJsonObject("customer") == null ? null
                : SpecJson.customer(json.getJsonObject("customer")),
            json.getString("channel") == null ? null : SpecJson.channel(json.getString("channel")));
      case "advance_account_case":
        return new Command.AdvanceAccountCase(actor, json.getString("caseId"),
            dev.contactrouter.core.AccountOpening.Step.fromWire(json.getString("step")).orElseThrow(),
            json.getString("byAgent"), json.getString("note"));
      default:
        throw new IllegalArgumentException("unknown command type " + type);
    }
  }
}
