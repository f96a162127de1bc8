package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.invalid;

import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The centre's configuration: queues (skills, priority and aging, offer timeout, wrap-up, SLA
 * policy, calendar), business-hours calendars, contact categories with their own SLA, and the
 * securities service rules (review queue, relationship routing, return visits, complaint limits,
 * agent score weights). A changed queue re-places its waiting contacts and offers them to agents
 * free now.
 */
final class Configuration extends RulePart {
  Configuration(Parts parts) {
    super(parts);
  }

  Decision configureQueue(Step step, Command.ConfigureQueue c) {
    QueueSpec q = c.queue();
    String badSkill = Skills.invalidLevel(q.skills());
    if (badSkill != null) {
      return invalid("skill level must be 1 to 5", "/skills/" + badSkill);
    }
    if (q.priority() < 0 || q.priority() > 100) {
      return invalid("priority must be 0 to 100", "/priority");
    }
    if (!(q.agingRate() >= 0 && q.agingRate() <= 100)) {
      return invalid("agingRate must be 0 to 100 points per second", "/agingRate");
    }
    if (q.offerTimeoutSeconds() < 1) {
      return invalid("offerTimeoutSeconds must be at least 1", "/offerTimeoutSeconds");
    }
    if (q.wrapUpSeconds() < 0) {
      return invalid("wrapUpSeconds must not be negative", "/wrapUpSeconds");
    }
    if (q.expectedHandleSeconds() < 1) {
      return invalid("expectedHandleSeconds must be at least 1", "/expectedHandleSeconds");
    }
    if (q.calendar() != null && !calendars.containsKey(q.calendar())) {
      return invalid("unknown calendar '" + q.calendar() + "'", "/calendar");
    }
    Decision badSla = invalidSla(q.sla(), "/sla", q.id());
    if (badSla != null) {
      return badSla;
    }
    QueueState before = queues.get(q.id());
    boolean renamedOnly = before != null && before.spec.sameButName(q);
    step.emit(new Event.QueueConfigured(q));
    if (renamedOnly) {
      // No gate, requirement, priority or policy changed: every contact keeps its place and every
      // offer stands. Re-placing and re-matching a queue of 200,000 waiting contacts held the
      // writer for about a second, for a tool that sent the same spec again.
      return step.done(new Reply.QueueReply(q));
    }
    // A changed requirement may close a gate on an offer ringing now, or let waiting contacts
    // reach agents who are free now.
    Offers.Withdrawn withdrawn = parts.offers.withdrawGated(step, List.copyOf(queues.get(q.id()).present));
    LinkedHashSet<ContactState> waiting = new LinkedHashSet<>(queues.get(q.id()).present);
    waiting.addAll(withdrawn.contacts()); // one may have moved on to its overflow
    // An agent a gate just freed takes the best contact it may take anywhere (as any agent who
    // becomes free does); then the queue's waiting contacts, most urgent first, reach the agents
    // still free, who had nothing better waiting.
    withdrawn.agents().forEach(agent -> matching.matchAgent(step, agent));
    matching.matchMostUrgentFirst(step, List.copyOf(waiting));
    return step.done(new Reply.QueueReply(q));
  }

  /** Why a policy cannot be configured (its fields under {@code prefix}), or null. */
  private Decision invalidSla(SlaPolicy sla, String prefix, String ownQueue) {
    if (sla == null) {
      return null;
    }
    String[] bad = sla.invalid(prefix);
    if (bad != null) {
      return invalid(bad[0], bad[1]);
    }
    if (sla.calendar() != null && !calendars.containsKey(sla.calendar())) {
      return invalid("unknown calendar '" + sla.calendar() + "'", prefix + "/calendar");
    }
    for (int i = 0; i < sla.thresholds().size(); i++) {
      SlaPolicy.Threshold t = sla.thresholds().get(i);
      if (t.action() == SlaPolicy.Action.OVERFLOW) {
        if (t.queue().equals(ownQueue)) {
          return invalid("a queue cannot overflow to itself", prefix + "/thresholds/" + i + "/queue");
        }
        if (!queues.containsKey(t.queue())) {
          return invalid("unknown queue '" + t.queue() + "'", prefix + "/thresholds/" + i + "/queue");
        }
      }
    }
    return null;
  }

  Decision configureCalendar(Step step, Command.ConfigureCalendar c) {
    CalendarSpec cal = c.calendar();
    String[] bad = cal.invalid();
    if (bad != null) {
      return invalid(bad[0], bad[1]);
    }
    String callbacks = cal.outOfHours().callbackQueue();
    if (cal.outOfHours().treatment() == CalendarSpec.Treatment.CALLBACK) {
      QueueState q = queues.get(callbacks);
      if (q == null) {
        return invalid("unknown queue '" + callbacks + "'", "/outOfHours/callbackQueue");
      }
      if (q.spec.channel() != null && q.spec.channel() != Channel.CALLBACK) {
        return invalid("queue '" + callbacks + "' does not take callbacks", "/outOfHours/callbackQueue");
      }
    }
    // Contacts already waiting keep the deadlines computed when their clocks started.
    step.emit(new Event.CalendarConfigured(cal));
    return step.done(new Reply.CalendarReply(cal));
  }

  Decision configureCategory(Step step, Command.ConfigureCategory c) {
    Decision badSla = invalidSla(c.category().sla(), "/sla", null);
    if (badSla != null) {
      return badSla;
    }
    step.emit(new Event.CategoryConfigured(c.category()));
    return step.done(new Reply.CategoryReply(c.category()));
  }

  Decision configureRules(Step step, Command.ConfigureRules c) {
    ServiceRules r = c.rules();
    if (r.reviewQueue() != null && !queues.containsKey(r.reviewQueue())) {
      return invalid("unknown queue '" + r.reviewQueue() + "'", "/reviewQueue");
    }
    ServiceRules.Relationship rel = r.relationship();
    if (rel.managerSeconds() < 0 || rel.managerSeconds() > 86_400) {
      return invalid("managerSeconds must be 0 to 86400", "/relationshipManager/managerSeconds");
    }
    if (rel.teamSeconds() < 0 || rel.teamSeconds() > 86_400) {
      return invalid("teamSeconds must be 0 to 86400", "/relationshipManager/teamSeconds");
    }
    ServiceRules.ReturnVisit rv = r.returnVisit();
    Decision returnVisitQueue = ruleQueue(rv.queue(), "/returnVisit/queue",
        channel -> channel == null || channel == Channel.CALLBACK, "does not take callbacks");
    if (returnVisitQueue != null) {
      return returnVisitQueue;
    }
    if (rv.afterSaleSeconds() < 0 || rv.afterComplaintSeconds() < 0) {
      return invalid("return visit delays must not be negative", "/returnVisit");
    }
    ServiceRules.Complaints cp = r.complaints();
    Decision complaintsQueue = ruleQueue(cp.queue(), "/complaints/queue", channel -> channel == null,
        "must take every channel (case work is email and callback)");
    if (complaintsQueue != null) {
      return complaintsQueue;
    }
    if (cp.calendar() != null && !calendars.containsKey(cp.calendar())) {
      return invalid("unknown calendar '" + cp.calendar() + "'", "/complaints/calendar");
    }
    int[] limits = {cp.acknowledgeSeconds(), cp.investigateSeconds(), cp.resultSeconds(), cp.tradeExceptionSeconds(),
        cp.systemFaultSeconds(), cp.majorSeconds()};
    for (int limit : limits) {
      if (limit < 1 || limit > SlaPolicy.MAX_SECONDS) {
        return invalid("complaint limits must be 1 to " + SlaPolicy.MAX_SECONDS + " seconds", "/complaints");
      }
    }
    if (cp.nearBreachPercent() < 1 || cp.nearBreachPercent() > 100) {
      return invalid("nearBreachPercent must be 1 to 100", "/complaints/nearBreachPercent");
    }
    Decision accounts = invalidAccountOpening(r.accountOpening());
    if (accounts != null) {
      return accounts;
    }
    ServiceRules.ScoreWeights w = r.scoreWeights();
    if (w.satisfaction() < 0 || w.responseSpeed() < 0 || w.volume() < 0 || w.answerRate() < 0
        || w.satisfaction() + w.responseSpeed() + w.volume() + w.answerRate() <= 0) {
      return invalid("score weights must not be negative, and not all 0", "/scoreWeights");
    }
    if (w.responseTargetSeconds() < 1) {
      return invalid("responseTargetSeconds must be at least 1", "/scoreWeights/responseTargetSeconds");
    }
    if (r.missedOffersBeforeNotReady() < 1 || r.missedOffersBeforeNotReady() > ServiceRules.MAX_MISSED_OFFERS) {
      return invalid("missedOffersBeforeNotReady must be 1 to " + ServiceRules.MAX_MISSED_OFFERS,
          "/missedOffersBeforeNotReady");
    }
    step.emit(new Event.RulesConfigured(r));
    return step.done(new Reply.RulesReply(state.rules));
  }

  /**
   * Why queue {@code id}, which a rule names at {@code pointer}, will not do: it is unknown, or its
   * channel (null: every channel) is not one {@code takes} accepts, and then the queue {@code
   * otherwise}; null if it will do or no queue is named.
   */
  private Decision ruleQueue(String id, String pointer, Predicate<Channel> takes, String otherwise) {
    if (id == null) {
      return null;
    }
    QueueState q = queues.get(id);
    if (q == null) {
      return invalid("unknown queue '" + id + "'", pointer);
    }
    return takes.test(q.spec.channel()) ? null : invalid("queue '" + id + "' " + otherwise, pointer);
  }

  /** Why the account-opening rules cannot be configured, or null: every desk must take email work. */
  private Decision invalidAccountOpening(ServiceRules.AccountOpenings ao) {
    if (ao.queue() == null && !ao.desks().isEmpty()) {
      return invalid("desks need a default queue for the other steps", "/accountOpening/queue");
    }
    List<String> desks = new ArrayList<>(ao.desks().values());
    if (ao.queue() != null) {
      desks.add(0, ao.queue());
    }
    for (String desk : desks) {
      QueueState q = queues.get(desk);
      if (q == null) {
        return invalid("unknown queue '" + desk + "'", "/accountOpening");
      }
      if (q.spec.channel() != null && q.spec.channel() != Channel.EMAIL) {
        return invalid("queue '" + desk + "' must take email work (account-opening steps are back-office work)",
            "/accountOpening");
      }
    }
    for (String step : ao.desks().keySet()) {
      if (AccountOpening.Step.fromWire(step).filter(s -> s != AccountOpening.Step.RECEIVED).isEmpty()) {
        return invalid("desks are named by the step they ask for: documents_checked, suitability_assessed, approved"
            + " or active, not '" + step + "'", "/accountOpening/desks");
      }
    }
    if (ao.calendar() != null && !calendars.containsKey(ao.calendar())) {
      return invalid("unknown calendar '" + ao.calendar() + "'", "/accountOpening/calendar");
    }
    if (ao.workingDays() < 1 || ao.workingDays() > 30) {
      return invalid("workingDays must be 1 to 30", "/accountOpening/workingDays");
    }
    if (ao.nearBreachPercent() < 1 || ao.nearBreachPercent() > 100) {
      return invalid("nearBreachPercent must be 1 to 100", "/accountOpening/nearBreachPercent");
    }
    return null;
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.QueueConfigured e) {
      applyQueueConfigured(e);
    } else if (event instanceof Event.CalendarConfigured e) {
      calendars.put(e.calendar().id(), e.calendar());
    } else if (event instanceof Event.CategoryConfigured e) {
      categories.put(e.category().id(), e.category());
    } else if (event instanceof Event.RulesConfigured e) {
      state.rules = e.rules();
    } else {
      return false;
    }
    return true;
  }

  private void applyQueueConfigured(Event.QueueConfigured e) {
    QueueState queue = queues.get(e.queue().id());
    if (queue == null) {
      queues.put(e.queue().id(), new QueueState(e.queue()));
      return;
    }
    QueueSpec before = queue.spec;
    queue.spec = e.queue();
    if (before.sameButName(e.queue())) {
      // Only the name (if anything) changed: the contacts keep their places, and the queue's
      // ordinary contacts keep sharing one signature with the ones still to come. Only a
      // signature made for the spec just replaced carries over: one made for an older spec (the
      // queue changed since, and no ordinary contact arrived to remake it) would let the next
      // arrival through the old requirement.
      QueueState.Ordinary shared = queue.ordinary;
      queue.ordinary = shared == null || shared.spec() != before ? null
          : new QueueState.Ordinary(e.queue(), shared.channel(), shared.gate(), shared.group());
      return;
    }
    queue.slots.clear();
    for (ContactState contact : queue.present) {
      matching.place(contact); // new requirement, priority or aging rate
    }
  }
}
