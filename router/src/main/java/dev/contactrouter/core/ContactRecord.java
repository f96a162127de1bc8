package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A contact as its own events describe it. The domain forgets ended contacts after {@link
 * Retention#endedContacts}; the journal never does, so a customer's history reaches
 * further back by folding each older contact's events here. For an ended contact the fold equals
 * the view the domain gave while it still held it (a property test checks this); for one still
 * waiting it lacks what only the whole domain knows (place in line, estimated wait, aging).
 */
public final class ContactRecord {
  private ContactRecord() {}

  /** Folds one contact's events (in journal order); empty if they do not include its arrival. */
  public static Optional<ContactView> view(List<Recorded> events) {
    // Events naming the contact before it arrived (the return visit that became it) tell nothing
    // about the contact itself.
    int start = 0;
    while (start < events.size() && !(events.get(start).event() instanceof Event.ContactQueued)) {
      start++;
    }
    if (start == events.size()) {
      return Optional.empty();
    }
    events = events.subList(start, events.size());
    Event.ContactQueued first = (Event.ContactQueued) events.get(0).event();
    ContactSpec spec = first.contact();
    long arrivedAt = events.get(0).at();
    ContactStatus status = ContactStatus.QUEUED;
    String queue = spec.queue();
    String targetAgent = null;
    long queuedAt = arrivedAt;
    String agentId = null;
    ContactView.Offer offer = null;
    Long assignedAt = null;
    Long endedAt = null;
    int offerAttempts = 0;
    Set<String> rejectedBy = new LinkedHashSet<>();
    String disposition = null;
    String notes = null;
    String stage = null;
    SlaState sla = null;
    int priorityBoost = 0;
    int relaxBy = 0;
    Channel channel = spec.channel();
    Set<String> gateLicences = Set.of();
    boolean held = false;
    String heldIn = null;
    List<String> routingReasons = List.of();
    RouteStage routeStage = RouteStage.OPEN;
    String preferredAgent = null;
    String preferredTeam = null;
    Long stageUntil = null;
    String callbackNumber = null;
    Long callbackRequestedAt = null;
    ContactView.Survey survey = null;
    List<ContactView.StageEntry> stages = new ArrayList<>();
    stages.add(new ContactView.StageEntry(ServiceStage.INTAKE, arrivedAt, events.get(0).actor(), null));
    for (Recorded r : events.subList(1, events.size())) {
      Event e = r.event();
      if (!spec.id().equals(e.contactId())) {
        continue;
      }
      if (e instanceof Event.ComplianceChecked c) {
        gateLicences = c.licences();
        held = c.held();
        heldIn = c.reviewQueue();
        routingReasons = c.reasons();
      } else if (e instanceof Event.ContactReleased c) {
        spec = spec.released(c.queue(), c.customerRiskLevel());
        gateLicences = c.licences();
        held = false;
        heldIn = null;
        routingReasons = c.reasons();
      } else if (e instanceof Event.RoutingStageChanged c) {
        routeStage = c.stage();
        preferredAgent = c.preferredAgent();
        preferredTeam = c.team();
        stageUntil = c.until();
      } else if (e instanceof Event.CallbackRequested c) {
        channel = Channel.CALLBACK;
        callbackNumber = c.number();
        callbackRequestedAt = r.at();
      } else if (e instanceof Event.SurveyRecorded c) {
        survey = new ContactView.Survey(c.csat(), c.nps(), c.comment());
      } else if (e instanceof Event.ContactStageAdvanced a) {
        stages.add(new ContactView.StageEntry(a.stage(), r.at(), a.by(), a.toQueue()));
      } else if (e instanceof Event.ContactMarkedMajor m) {
        priorityBoost += m.priorityBoost();
      } else if (e instanceof Event.SlaStarted started) {
        sla = new SlaState(started);
      } else if (e instanceof Event.SlaThresholdReached t && sla != null) {
        sla.next = t.point() + 1;
        sla.fire(new SlaView.Fired(t.atPercent(), t.action(), r.at(), t.effect()));
        switch (t.action()) {
          case RAISE_PRIORITY -> priorityBoost += t.by();
          case RELAX_SKILLS -> relaxBy += t.by();
          case OVERFLOW -> {
            // The domain defers an overflow reached while ringing, when the target could take it;
            // its recorded effect says which happened.
            if (status == ContactStatus.OFFERED && t.effect() != null && t.effect().startsWith("deferred:")) {
              sla.pendingOverflow = t.queue();
            }
          }
          default -> { }
        }
      } else if (e instanceof Event.SlaBreached b && sla != null) {
        sla.next = b.point() + 1;
        sla.breached = true;
        sla.fire(new SlaView.Fired(100, SlaPolicy.Action.BREACH, r.at(), SlaClocks.breachEffect(sla.untilHandled(), b.queue())));
      } else if (e instanceof Event.OfferMade o) {
        status = ContactStatus.OFFERED;
        offer = new ContactView.Offer(o.offerId(), o.agentId(), r.at(), o.expiresAt());
        offerAttempts++;
      } else if (e instanceof Event.OfferAccepted o) {
        status = ContactStatus.ASSIGNED;
        offer = null;
        agentId = o.agentId();
        assignedAt = r.at();
        stageUntil = null;
        if (sla != null && sla.answeredAt == null && !sla.untilHandled()) {
          sla.answeredAt = r.at();
          sla.pendingOverflow = null;
        }
      } else if (e instanceof Event.OfferRejected o) {
        status = ContactStatus.QUEUED;
        offer = null;
        rejectedBy.add(o.agentId());
      } else if (e instanceof Event.OfferTimedOut || e instanceof Event.OfferRevoked) {
        status = ContactStatus.QUEUED;
        offer = null;
      } else if (e instanceof Event.ContactTransferred t) {
        if (sla != null) {
          sla.pendingOverflow = null;
        }
        routeStage = RouteStage.OPEN;
        stageUntil = null;
        status = ContactStatus.QUEUED;
        queue = t.toQueue();
        targetAgent = t.toAgent();
        queuedAt = r.at();
        agentId = null;
        assignedAt = null;
      } else if (e instanceof Event.ContactCompleted c) {
        status = ContactStatus.COMPLETED;
        endedAt = r.at();
        disposition = c.disposition();
        notes = c.notes();
        stage = c.stage();
      } else if (e instanceof Event.ContactAbandoned) {
        status = ContactStatus.ABANDONED;
        endedAt = r.at();
        stageUntil = null;
      } else if (e instanceof Event.DispositionRecorded d) {
        disposition = d.disposition();
        notes = d.notes();
      }
    }
    Integer position = status == ContactStatus.OFFERED ? 0 : null;
    SlaView slaView = null;
    if (sla != null) {
      long until = sla.answeredAt != null ? sla.answeredAt : endedAt != null ? endedAt : r0(events);
      Long nextAt = sla.running() && !status.terminal() ? sla.dueAt.get(sla.next) : null;
      slaView = new SlaView(sla.source, sla.policy.timeBasis(), sla.policy.answerWithinSeconds(), sla.startedAt,
          sla.deadline, sla.deadline - until, sla.breached, sla.answeredAt, nextAt, sla.fired(), priorityBoost, relaxBy,
          sla.pendingOverflow);
    }
    ContactView.Routing routing = routingReasons.isEmpty() && preferredAgent == null && !held
        ? null
        : new ContactView.Routing(held, heldIn, routingReasons, gateLicences, routeStage, preferredAgent, preferredTeam,
            stageUntil);
    ContactView.Callback callback = callbackRequestedAt == null ? null : new ContactView.Callback(callbackNumber,
        callbackRequestedAt);
    return Optional.of(new ContactView(
        spec.id(), status, queue, spec, agentId, offer, targetAgent, arrivedAt, queuedAt, assignedAt, endedAt,
        spec.priority(), position, position, offerAttempts, List.copyOf(rejectedBy), disposition, notes, stage,
        slaView, channel, routing, callback, survey, stages));
  }

  /** The time of the last event: "now" for a contact still open, as far as its events know. */
  private static long r0(List<Recorded> events) {
    return events.get(events.size() - 1).at();
  }
}
