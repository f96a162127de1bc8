package dev.contactrouter.codec;

import static dev.contactrouter.codec.SpecJson.instant;
import static dev.contactrouter.codec.SpecJson.putIfSet;

import dev.contactrouter.core.AccountCaseView;
import dev.contactrouter.core.AgentView;
import dev.contactrouter.core.ApiKeyView;
import dev.contactrouter.core.CaseView;
import dev.contactrouter.core.Complaint;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.QueueStats;
import dev.contactrouter.core.Reply;
import dev.contactrouter.core.SlaView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** The API's JSON for what clients read: contacts, agents, queue figures. */
public final class ViewJson {
  private ViewJson() {}

  public static JsonObject contact(ContactView c, long now) {
    ContactSpec s = c.spec();
    JsonObject json = new JsonObject()
        .put("id", c.id())
        .put("status", c.status().wire())
        .put("queue", c.queue())
        .put("channel", c.channel().wire())
        .put("priority", s.priority())
        .put("effectivePriority", Math.round(c.effectivePriority() * 100) / 100.0);
    putIfSet(json, "position", c.position());
    putIfSet(json, "estimatedWaitSeconds", c.estimatedWaitSeconds());
    putIfSet(json, "agentId", c.agentId());
    if (c.offer() != null) {
      json.put("offer", new JsonObject()
          .put("offerId", c.offer().offerId())
          .put("agentId", c.offer().agentId())
          .put("expiresAt", instant(c.offer().expiresAt())));
    }
    putIfSet(json, "targetAgent", c.targetAgent());
    json.put("customer", SpecJson.customer(s.customer()))
        .put("skills", SpecJson.levels(s.skills()))
        .put("attributes", new JsonObject(new LinkedHashMap<>(s.attributes())));
    putIfSet(json, "externalId", s.externalId());
    SpecJson.putCall(json, s.call());
    putIfSet(json, "site", s.site());
    if (!s.requiredLicences().isEmpty()) {
      json.put("requiredLicences", new JsonArray(new ArrayList<>(s.requiredLicences())));
    }
    json.put("arrivedAt", instant(c.arrivedAt())).put("queuedAt", instant(c.queuedAt()));
    putIfSet(json, "assignedAt", instant(c.assignedAt()));
    putIfSet(json, "endedAt", instant(c.endedAt()));
    long waitedUntil = c.assignedAt() != null ? c.assignedAt() : c.endedAt() != null ? c.endedAt() : now;
    json.put("waitingSeconds", Math.max(0, waitedUntil - c.queuedAt()) / 1000.0);
    json.put("offerAttempts", c.offerAttempts());
    if (!c.rejectedBy().isEmpty()) {
      json.put("rejectedBy", new JsonArray(new ArrayList<>(c.rejectedBy())));
    }
    putIfSet(json, "disposition", c.disposition());
    putIfSet(json, "notes", c.notes());
    putIfSet(json, "stage", c.stage());
    json.put("stages", stages(c.stages()));
    putIfSet(json, "category", s.category());
    if (c.sla() != null) {
      json.put("sla", sla(c.sla()));
    }
    if (s.product() != null) {
      json.put("product", SpecJson.product(s.product()));
    }
    if (c.routing() != null) {
      ContactView.Routing r = c.routing();
      JsonObject routing = new JsonObject()
          .put("held", r.held())
          .put("reasons", new JsonArray(new ArrayList<>(r.reasons())))
          .put("reasonCodes", ReasonJson.codes(r.reasons()))
          .put("licences", new JsonArray(new ArrayList<>(r.licences())))
          .put("stage", r.stage().wire());
      putIfSet(routing, "reviewQueue", r.reviewQueue());
      putIfSet(routing, "preferredAgent", r.preferredAgent());
      putIfSet(routing, "team", r.team());
      putIfSet(routing, "stageUntil", instant(r.stageUntil()));
      json.put("routing", routing);
    }
    if (c.callback() != null) {
      JsonObject cb = new JsonObject().put("requestedAt", instant(c.callback().requestedAt()));
      putIfSet(cb, "number", c.callback().number());
      json.put("callback", cb);
    }
    if (c.survey() != null) {
      JsonObject sv = new JsonObject().put("csat", c.survey().csat());
      putIfSet(sv, "nps", c.survey().nps());
      putIfSet(sv, "comment", c.survey().comment());
      json.put("survey", sv);
    }
    return json;
  }

  /** An account-opening case: its deadline, where it stands at {@code now}, and who took each step. */
  public static JsonObject accountCase(AccountCaseView k, long now) {
    JsonObject json = new JsonObject().put("id", k.id()).put("type", "account_opening")
        .put("step", k.step().wire());
    putIfSet(json, "nextStep", k.step().next() == null ? null : k.step().next().wire());
    json.put("customer", SpecJson.customer(k.customer())).put("channel", k.channel().wire());
    putIfSet(json, "sourceContactId", k.sourceContactId());
    json.put("openedAt", instant(k.openedAt())).put("deadline", instant(k.deadline()))
        .put("nearAt", instant(k.nearAt()));
    if (k.open()) {
      json.put("remainingSeconds", (k.deadline() - now) / 1000.0);
    }
    json.put("nearBreach", k.nearBreach(now)).put("breached", k.breached(now));
    putIfSet(json, "workContactId", k.workContactId());
    putIfSet(json, "activatedAt", instant(k.activatedAt()));
    putIfSet(json, "workingDays", k.workingDays());
    JsonArray steps = new JsonArray();
    for (AccountCaseView.StepTaken t : k.steps()) {
      JsonObject st = new JsonObject().put("step", t.step().wire()).put("at", instant(t.at())).put("by", t.by());
      putIfSet(st, "workedBy", t.workedBy());
      putIfSet(st, "note", t.note());
      steps.add(st);
    }
    return json.put("steps", steps);
  }

  /** The service stages (§1.2.2) a contact entered, oldest first: stage, when, by whom, and the queue it was handed to. */
  private static JsonArray stages(List<ContactView.StageEntry> stages) {
    JsonArray out = new JsonArray();
    for (ContactView.StageEntry e : stages) {
      JsonObject j = new JsonObject().put("stage", e.stage().wire()).put("at", instant(e.at()));
      putIfSet(j, "by", e.by());
      putIfSet(j, "queue", e.queue());
      out.add(j);
    }
    return out;
  }

  /** A complaint case; {@code work} describes its current work item when the caller passes it. */
  public static JsonObject complaint(CaseView k, long now) {
    JsonObject json = new JsonObject()
        .put("id", k.id())
        .put("stage", k.stage().wire())
        .put("customer", SpecJson.customer(k.customer()))
        .put("channel", k.channel().wire())
        .put("summary", k.summary());
    putIfSet(json, "sourceContactId", k.sourceContactId());
    putIfSet(json, "class", k.kind() == null ? null : k.kind().wire());
    json.put("severity", k.severity().wire());
    putIfSet(json, "department", k.department());
    putIfSet(json, "owner", k.owner());
    json.put("openedAt", instant(k.openedAt())).put("stageStartedAt", instant(k.stageStartedAt()));
    putIfSet(json, "workContactId", k.workContactId());
    putIfSet(json, "deadline", instant(k.deadline()));
    putIfSet(json, "nearAt", instant(k.nearAt()));
    if (k.deadline() != null) {
      json.put("remainingSeconds", (k.deadline() - now) / 1000.0);
    }
    json.put("nearBreach", k.nearBreach()).put("breached", k.breachedNow());
    JsonArray breached = new JsonArray();
    k.breachedStages().forEach(st -> breached.add(st.wire()));
    json.put("breachedStages", breached);
    putIfSet(json, "findings", k.findings());
    putIfSet(json, "result", k.result());
    putIfSet(json, "satisfied", k.satisfied());
    putIfSet(json, "feedbackComment", k.feedbackComment());
    putIfSet(json, "resultAt", instant(k.resultAt()));
    putIfSet(json, "closedAt", instant(k.closedAt()));
    json.put("reopened", k.history().stream().filter(t -> t.step() == Complaint.Step.REOPEN).count());
    JsonArray history = new JsonArray();
    for (CaseView.Transition t : k.history()) {
      JsonObject h = new JsonObject();
      putIfSet(h, "from", t.from() == null ? null : t.from().wire());
      h.put("to", t.to().wire());
      putIfSet(h, "step", t.step() == null ? null : t.step().wire());
      h.put("at", instant(t.at())).put("by", t.by());
      putIfSet(h, "note", t.note());
      history.add(h);
    }
    return json.put("history", history);
  }

  /** A contact's SLA clock: the minimal shape (deadline, remainingSeconds, breached, fired) and more. */
  public static JsonObject sla(SlaView s) {
    JsonArray fired = new JsonArray();
    for (SlaView.Fired f : s.fired()) {
      fired.add(ReasonJson.putCode(new JsonObject()
          .put("atPercent", f.atPercent())
          .put("action", f.action().wire())
          .put("at", instant(f.at()))
          .put("effect", f.effect()), "effect", f.effect()));
    }
    JsonObject json = new JsonObject()
        .put("deadline", instant(s.deadline()))
        .put("remainingSeconds", s.remainingMillis() / 1000.0)
        .put("breached", s.breached())
        .put("fired", fired)
        .put("source", s.source())
        .put("timeBasis", s.timeBasis().wire())
        .put("answerWithinSeconds", s.answerWithinSeconds())
        .put("startedAt", instant(s.startedAt()))
        .put("running", s.nextAt() != null);
    putIfSet(json, "answeredAt", instant(s.answeredAt()));
    putIfSet(json, "nextAt", instant(s.nextAt()));
    if (s.priorityBoost() > 0) {
      json.put("priorityBoost", s.priorityBoost());
    }
    if (s.relaxedBy() > 0) {
      json.put("relaxedBy", s.relaxedBy());
    }
    putIfSet(json, "pendingOverflow", s.pendingOverflow());
    return json;
  }

  public static JsonObject agent(AgentView a) {
    JsonObject json = SpecJson.agent(a.profile())
        .put("status", a.status().wire())
        .put("state", a.state())
        .put("busy", a.busy());
    putIfSet(json, "reason", a.reason());
    json.put("statusSince", instant(a.statusSince()));
    putIfSet(json, "wrapUpUntil", instant(a.wrapUpUntil()));
    json.put("missedOffers", a.missedOffers());
    JsonObject load = new JsonObject();
    a.load().forEach((c, n) -> load.put(c.wire(), n));
    json.put("load", load);
    JsonArray offers = new JsonArray();
    for (int i = 0; i < a.offers().size(); i++) {
      ContactView.Offer o = a.offers().get(i);
      offers.add(new JsonObject()
          .put("offerId", o.offerId())
          .put("contactId", a.offerContacts().get(i))
          .put("expiresAt", instant(o.expiresAt())));
    }
    return json.put("offers", offers).put("contacts", new JsonArray(new ArrayList<>(a.contacts())));
  }

  public static JsonObject queueStats(QueueStats s) {
    JsonObject agents = new JsonObject();
    s.agents().forEach(agents::put);
    return new JsonObject()
        .put("queue", s.queue())
        .put("waiting", s.waiting())
        .put("ringing", s.ringing())
        .put("longestWaitSeconds", round(s.longestWaitSeconds()))
        .put("offered", s.offered())
        .put("answered", s.answered())
        .put("abandoned", s.abandoned())
        .put("completed", s.completed())
        .put("transferredOut", s.transferredOut())
        .put("missedOffers", s.missedOffers())
        .put("averageSpeedOfAnswerSeconds", round(s.averageSpeedOfAnswerSeconds()))
        .put("averageHandleSeconds", round(s.averageHandleSeconds()))
        .put("agents", agents)
        .put("serviceLevel", s.sla().serviceLevel())
        .put("targetPercent", s.sla().targetPercent())
        .put("slaDecided", s.sla().decided())
        .put("answeredWithinTarget", s.sla().answeredWithinTarget())
        .put("breaches", s.sla().breaches())
        .put("breachesTotal", s.sla().breachesTotal())
        .put("nearBreach", s.sla().nearBreach())
        .put("interval", new JsonObject()
            .put("start", instant(s.sla().intervalStart()))
            .put("end", instant(s.sla().intervalEnd())));
  }

  /** The body a client gets for a command's reply. */
  public static JsonObject reply(Reply reply, long now) {
    if (reply instanceof Reply.ContactReply r) {
      return contact(r.contact(), now).put("replayed", r.replayed());
    }
    if (reply instanceof Reply.AgentReply r) {
      return agent(r.agent());
    }
    if (reply instanceof Reply.QueueReply r) {
      return SpecJson.queue(r.queue());
    }
    if (reply instanceof Reply.ApiKeyReply r) {
      return apiKey(r.key());
    }
    if (reply instanceof Reply.CalendarReply r) {
      return SpecJson.calendar(r.calendar());
    }
    if (reply instanceof Reply.CategoryReply r) {
      return SpecJson.category(r.category());
    }
    if (reply instanceof Reply.CatalogueReply r) {
      return SpecJson.catalogue(r.catalogue());
    }
    if (reply instanceof Reply.WebhookReply r) {
      return WebhookJson.webhook(r.webhook());
    }
    if (reply instanceof Reply.RulesReply r) {
      return SpecJson.rules(r.rules());
    }
    if (reply instanceof Reply.CaseReply r) {
      return complaint(r.complaint(), now);
    }
    if (reply instanceof Reply.AccountCaseReply r) {
      return accountCase(r.kase(), now);
    }
    if (reply instanceof Reply.Erased r) {
      return new JsonObject().put("erased", true).put("keysDestroyed", r.keysDestroyed());
    }
    if (reply instanceof Reply.CallsReconciled r) {
      return new JsonObject().put("ended", new JsonArray(new ArrayList<>(r.ended())))
          .put("unknown", new JsonArray(new ArrayList<>(r.unknown())));
    }
    return new JsonObject();
  }

  /** A recorded key without its digest: ids, role and dates are all a client needs. */
  public static JsonObject apiKey(ApiKeyView k) {
    JsonObject json = new JsonObject().put("id", k.keyId()).put("source", k.digest() == null ? "config" : "managed");
    putIfSet(json, "role", k.role());
    putIfSet(json, "agentId", k.agentId());
    putIfSet(json, "label", k.label());
    putIfSet(json, "issuedAt", instant(k.issuedAt()));
    putIfSet(json, "expiresAt", instant(k.expiresAt()));
    putIfSet(json, "revokedAt", instant(k.revokedAt()));
    return json;
  }

  /** Everything an API node needs to authenticate run-time keys, digests included. */
  public static JsonObject apiKeyRecord(ApiKeyView k) {
    JsonObject json = apiKey(k);
    putIfSet(json, "digest", k.digest());
    return json;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
