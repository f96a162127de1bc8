package dev.contactrouter.core;

import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The plain matcher: every decision scans all waiting contacts or all agents. It applies exactly
 * the same rules as {@link IndexedMatcher}; tests compare the two decision by decision, and the
 * benchmarks measure one against the other.
 */
final class LinearMatcher implements Matcher {
  private final Map<String, AgentState> agents;
  private final LinkedHashSet<ContactState> queued = new LinkedHashSet<>();

  LinearMatcher(Map<String, AgentState> agents) {
    this.agents = agents;
  }

  @Override
  public void enqueue(ContactState c) {
    queued.add(c);
  }

  @Override
  public void dequeue(ContactState c) {
    queued.remove(c);
  }

  @Override
  public void agentChanged(AgentState a) {}

  @Override
  public AgentState agentFor(ContactState c, long now) {
    Requirement r = c.group.requirement();
    AgentState chosen = null;
    int chosenProficiency = -1;
    for (AgentState a : agents.values()) {
      if (!Matcher.mayTake(a, c, r, now)) {
        continue;
      }
      int proficiency = r.proficiency(a.profile);
      if (chosen == null
          || a.readySince < chosen.readySince
          || (a.readySince == chosen.readySince
              && (proficiency > chosenProficiency
                  || (proficiency == chosenProficiency && a.seq < chosen.seq)))) {
        chosen = a;
        chosenProficiency = proficiency;
      }
    }
    return chosen;
  }

  @Override
  public ContactState contactFor(AgentState a, long now) {
    ContactState best = null;
    double bestPriority = 0;
    for (ContactState c : queued) {
      Requirement r = c.group.requirement();
      if (!Matcher.mayTake(a, c, r, now)) {
        continue;
      }
      double p = WaitingIndex.effectivePriority(c.entry, c.group.agingRate(), now);
      if (best == null
          || p > bestPriority
          || (p == bestPriority
              && (c.entry.enqueuedAt() < best.entry.enqueuedAt()
                  || (c.entry.enqueuedAt() == best.entry.enqueuedAt()
                      && c.entry.seq() < best.entry.seq())))) {
        best = c;
        bestPriority = p;
      }
    }
    return best;
  }

  @Override
  public int position(ContactState c) {
    int ahead = 0;
    for (ContactState other : queued) {
      if (other.group.equals(c.group) && WaitingIndex.ORDER.compare(other.entry, c.entry) < 0) {
        ahead++;
      }
    }
    return ahead + 1;
  }

  @Override
  public int waiting() {
    return queued.size();
  }
}
