package dev.contactrouter.core;

import static dev.contactrouter.core.RoutingDomain.ROUTER;

import java.util.Map;

/**
 * Relationship routing (the manual's dedicated service for high-net-worth customers): a contact
 * is reserved for its preferred agent (a return visit's original agent, else the customer's
 * relationship manager) while that agent may take it, then for the agent's team, then offered to
 * everyone qualified; it widens at once when the preferred agent lets an offer go.
 */
final class RelationshipRouting extends RulePart {
  RelationshipRouting(Parts parts) {
    super(parts);
  }

  /**
   * Reserves a contact for its preferred agent (the return visit's original agent, else the
   * customer's relationship manager) if that agent is logged in and may take it, then widens.
   */
  void startRouting(Step step, ContactState contact) {
    String preferred = contact.spec.preferredAgent() != null
        ? contact.spec.preferredAgent() : contact.spec.customer().relationshipManager();
    if (preferred == null) {
      return;
    }
    String who = contact.spec.preferredAgent() != null ? "original agent " : "relationship manager ";
    AgentState agent = agents.get(preferred);
    ServiceRules.Relationship rel = state.rules.relationship();
    String team = agent == null ? null : agent.profile.team();
    String skip;
    GateCheck.Violation failed = agent == null ? null : contact.gate.violation(agent.profile, step.now);
    if (agent == null) {
      skip = who + preferred + " is not a known agent";
    } else if (agent.status == AgentStatus.OFFLINE) {
      skip = who + preferred + " is offline";
    } else if (agent.profile.capacityFor(contact.channel()) <= 0) {
      skip = who + preferred + " does not take " + contact.channel().wire() + " contacts";
    } else if (failed != null) {
      skip = who + preferred + " fails the " + failed.gate().wire() + " gate: " + failed.detail();
    } else if (rel.managerSeconds() <= 0) {
      skip = "no time is reserved for the " + who.trim();
    } else {
      step.emit(ROUTER, new Event.RoutingStageChanged(contact.id(), RouteStage.PREFERRED, preferred, team,
          step.now + rel.managerSeconds() * 1000L,
          "reserved for " + who + preferred + " for " + rel.managerSeconds() + " s"));
      return;
    }
    widen(step, contact, preferred, team, skip);
  }

  /** Moves a reserved contact to the next stage: the preferred agent's team, else everyone. */
  private void widen(Step step, ContactState contact, String preferred, String team, String why) {
    int teamSeconds = state.rules.relationship().teamSeconds();
    if (team != null && teamSeconds > 0) {
      step.emit(ROUTER, new Event.RoutingStageChanged(contact.id(), RouteStage.TEAM, preferred, team,
          step.now + teamSeconds * 1000L, why + "; offered to team " + team + " for " + teamSeconds + " s"));
      return;
    }
    step.emit(ROUTER, new Event.RoutingStageChanged(contact.id(), RouteStage.OPEN, preferred, team, null,
        why + "; offered to everyone qualified"));
  }

  Decision widenRouting(Step step, Command.WidenRouting c) {
    ContactState contact = contacts.get(c.contactId());
    if (contact == null || contact.status.terminal() || contact.status == ContactStatus.ASSIGNED
        || contact.routeStage != c.stage() || contact.later.stageUntil == null || step.now < contact.later.stageUntil) {
      return step.done(new Reply.Done()); // stale, repeated or early firing
    }
    String why = contact.routeStage == RouteStage.PREFERRED
        ? "nobody took it while reserved for " + contact.later.preferredAgent
        : "team " + contact.later.preferredTeam + " did not take it in time";
    if (contact.routeStage == RouteStage.PREFERRED) {
      widen(step, contact, contact.later.preferredAgent, contact.later.preferredTeam, why);
    } else {
      step.emit(ROUTER, new Event.RoutingStageChanged(contact.id(), RouteStage.OPEN, contact.later.preferredAgent,
          contact.later.preferredTeam, null, why + "; offered to everyone qualified"));
    }
    matching.matchContact(step, contact);
    return step.done(new Reply.Done());
  }

  /** The preferred agent let the offer go (declined, missed): the contact widens at once. */
  void widenIfPreferredLetGo(Step step, ContactState contact, String agentId, String what) {
    if (contact.status == ContactStatus.QUEUED && contact.routeStage == RouteStage.PREFERRED
        && agentId.equals(contact.later.preferredAgent)) {
      ContactState.Later later = contact.later;
      widen(step, contact, later.preferredAgent, later.preferredTeam, later.preferredAgent + " " + what);
    }
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.RoutingStageChanged e) {
      rePlace(e.contactId(), contact -> {
        contact.routeStage = e.stage();
        contact.later().preferredAgent = e.preferredAgent();
        contact.later().preferredTeam = e.team();
        contact.later().stageUntil = e.until();
        contact.settle();
      });
    } else {
      return false;
    }
    return true;
  }
}
