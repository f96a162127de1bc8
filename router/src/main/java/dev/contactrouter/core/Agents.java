package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.invalid;
import static dev.contactrouter.core.Refusals.notFound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Agents: their profiles (skills, channels and capacity, licences, team) and their status:
 * available, not ready with a reason, offline (never while holding contacts), and wrap-up, which
 * only completing a contact starts and its timer ends. An agent leaving takes back its offers;
 * an agent becoming free is offered the most urgent work it may take.
 */
final class Agents extends RulePart {
  Agents(Parts parts) {
    super(parts);
  }

  Decision configureAgent(Step step, Command.ConfigureAgent c) {
    AgentProfile p = c.agent();
    String badSkill = Skills.invalidLevel(p.skills());
    if (badSkill != null) {
      return invalid("skill level must be 1 to 5", "/skills/" + badSkill);
    }
    AgentState before = agents.get(p.id());
    boolean newLicences = before == null ? !p.licences().isEmpty() : !before.profile.licences().containsAll(p.licences());
    step.emit(new Event.AgentConfigured(p));
    AgentState agent = agents.get(p.id());
    List<ContactState> ringing = new ArrayList<>();
    agent.offers.values().forEach(id -> ringing.add(state.contacts.get(id)));
    matching.matchMostUrgentFirst(step, parts.offers.withdrawGated(step, ringing).contacts());
    matching.matchAgent(step, agent);
    if (newLicences) {
      parts.holds.releaseNowServable(step); // a licence nobody held may be held now
    }
    return step.done(new Reply.AgentReply(views.agentView(agent)));
  }

  Decision setAgentStatus(Step step, Command.SetAgentStatus c) {
    AgentState agent = agents.get(c.agentId());
    if (agent == null) {
      return notFound("no agent '" + c.agentId() + "'");
    }
    if (c.status() == AgentStatus.WRAP_UP) {
      return invalid("wrap-up is entered by completing a contact", "/status");
    }
    if (c.status() == AgentStatus.OFFLINE && !agent.contacts.isEmpty()) {
      return conflict(
          "agent holds " + agent.contacts.size() + " assigned contact(s); complete or transfer them first");
    }
    String reason = c.status() == AgentStatus.NOT_READY && c.reason() == null ? "unspecified" : c.reason();
    if (c.status() == AgentStatus.AVAILABLE) {
      reason = null;
    }
    if (agent.status == c.status() && Objects.equals(agent.reason, reason)) {
      return step.done(new Reply.AgentReply(views.agentView(agent)));
    }
    List<ContactState> returned = new ArrayList<>();
    if (c.status() != AgentStatus.AVAILABLE) {
      returned = parts.offers.revokeOffers(step, agent, "agent went " + c.status().wire());
    }
    step.emit(new Event.AgentStatusChanged(agent.id(), c.status(), reason, null));
    returned.forEach(contact -> sla.overflowIfPending(step, contact));
    matching.matchMostUrgentFirst(step, returned);
    matching.matchAgent(step, agent);
    return step.done(new Reply.AgentReply(views.agentView(agent)));
  }

  Decision endWrapUp(Step step, Command.EndWrapUp c) {
    AgentState agent = agents.get(c.agentId());
    if (agent == null
        || agent.status != AgentStatus.WRAP_UP
        || !Objects.equals(agent.wrapUpUntil, c.until())) {
      return step.done(new Reply.Done()); // stale firing
    }
    step.emit(new Event.AgentStatusChanged(agent.id(), AgentStatus.AVAILABLE, null, null));
    matching.matchAgent(step, agent);
    return step.done(new Reply.Done());
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.AgentStatusChanged e) {
      applyAgentStatusChanged(e, at);
    } else if (event instanceof Event.AgentConfigured e) {
      applyAgentConfigured(e, at);
    } else {
      return false;
    }
    return true;
  }

  private void applyAgentConfigured(Event.AgentConfigured e, long at) {
    AgentState agent = agents.get(e.agent().id());
    if (agent == null) {
      agent = new AgentState(state.registrations++, e.agent(), at);
      agents.put(agent.id(), agent);
    } else {
      agent.reprofile(e.agent());
    }
    matcher.agentChanged(agent);
    staffingChanged();
  }

  private void applyAgentStatusChanged(Event.AgentStatusChanged e, long at) {
    AgentState agent = agents.get(e.agentId());
    boolean wasOffline = agent.status == AgentStatus.OFFLINE;
    if (e.status() == AgentStatus.AVAILABLE && agent.status != AgentStatus.AVAILABLE) {
      agent.readySince = at;
    }
    if (e.status() != agent.status || !Objects.equals(e.reason(), agent.reason)) {
      agent.statusSince = at;
    }
    if (e.status() != agent.status) {
      agent.missedOffers = 0; // a new status starts the count of offers missed in a row afresh
    }
    agent.status = e.status();
    agent.reason = e.reason();
    agent.wrapUpUntil = e.status() == AgentStatus.WRAP_UP ? e.until() : null;
    matcher.agentChanged(agent);
    if (wasOffline != (e.status() == AgentStatus.OFFLINE)) {
      staffingChanged();
    }
  }

  private void staffingChanged() {
    for (QueueState q : queues.values()) {
      q.slots.clear();
    }
  }
}
