package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;

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
  public boolean holds(ContactState c) {
    return queued.contains(c);
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
      double p = WaitingIndex.effectivePriority(c, c.group.agingRate(), now);
      if (best == null
          || p > bestPriority
          || (p == bestPriority
              && (c.arrivedAt < best.arrivedAt
                  || (c.arrivedAt == best.arrivedAt
                      && c.seq < best.seq)))) {
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
      if (other.group.equals(c.group) && WaitingIndex.ORDER.compare(other, c) < 0) {
        ahead++;
      }
    }
    return ahead + 1;
  }

  @Override
  public List<WaitingIndex.GroupKey> lines() {
    return queued.stream().map(c -> c.group).distinct().toList();
  }

  @Override
  public WaitingIndex.Mark walk(WaitingIndex.GroupKey key, WaitingIndex.Mark after, int max,
      ObjIntConsumer<ContactState> visit) {
    if (max < 1) {
      throw new IllegalArgumentException("a walk visits at least one entry, not " + max);
    }
    List<ContactState> line = new ArrayList<>();
    for (ContactState c : queued) {
      if (c.group.equals(key)) {
        line.add(c);
      }
    }
    line.sort(WaitingIndex.ORDER);
    int from = 0;
    while (after != null && from < line.size() && after.compareWith(line.get(from)) >= 0) {
      from++;
    }
    int end = Math.min(line.size(), from + max);
    for (int i = from; i < end; i++) {
      visit.accept(line.get(i), i + 1);
    }
    return end < line.size() ? WaitingIndex.Mark.of(line.get(end - 1)) : null;
  }

  @Override
  public int waiting() {
    return queued.size();
  }
}
