package dev.contactrouter.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/** The engine's matcher: a {@link WaitingIndex} of work and a {@link ReadyIndex} of agents. */
final class IndexedMatcher implements Matcher {
  private final Map<String, AgentState> agents;
  private final WaitingIndex waiting = new WaitingIndex();
  private final ReadyIndex ready = new ReadyIndex();

  IndexedMatcher(Map<String, AgentState> agents) {
    this.agents = agents;
  }

  @Override
  public void enqueue(ContactState c) {
    waiting.add(c.group, c);
  }

  @Override
  public void dequeue(ContactState c) {
    waiting.remove(c.group, c);
  }

  @Override
  public boolean holds(ContactState c) {
    return c.group != null && waiting.contains(c.group, c);
  }

  @Override
  public void agentChanged(AgentState a) {
    // Walks the channel array rather than the EnumSet (same ordinal order) and makes the ref only
    // for an agent that can take something: an agent whose offer filled it indexes nothing, and
    // both were garbage on every offer and release.
    if (a.indexedRef != null) {
      for (Channel ch : AgentState.CHANNELS) {
        if (a.indexedChannels.contains(ch)) {
          ready.remove(ch, a.indexedRef, a.indexedSkills);
        }
      }
    }
    a.indexedChannels.clear();
    a.indexedRef = null;
    ReadyIndex.Ref ref = null;
    Set<String> skills = a.profile.skills().keySet();
    for (Channel ch : AgentState.CHANNELS) {
      if (a.canTake(ch)) {
        if (ref == null) {
          ref = new ReadyIndex.Ref(a.readySince, a.seq, a.id());
        }
        ready.add(ch, ref, skills);
        a.indexedChannels.add(ch);
      }
    }
    if (!a.indexedChannels.isEmpty()) {
      a.indexedRef = ref;
      a.indexedSkills = skills;
    }
  }

  @Override
  public AgentState agentFor(ContactState c, long now) {
    Requirement r = c.group.requirement();
    if (r.targetAgent() != null) {
      AgentState a = agents.get(r.targetAgent());
      return a != null && Matcher.mayTake(a, c, r, now) ? a : null;
    }
    AgentState chosen = null;
    int chosenProficiency = -1;
    for (ReadyIndex.Ref ref : ready.narrowest(r.channel(), r.skills().keySet())) {
      if (chosen != null && ref.readySince() > chosen.readySince) {
        break; // later refs are less idle than the one we have
      }
      AgentState a = agents.get(ref.agentId());
      if (!Matcher.mayTake(a, c, r, now)) {
        continue;
      }
      int proficiency = r.proficiency(a.profile);
      if (chosen == null || proficiency > chosenProficiency) {
        chosen = a;
        chosenProficiency = proficiency;
      }
    }
    return chosen;
  }

  @Override
  public ContactState contactFor(AgentState a, long now) {
    WaitingIndex.Candidate best =
        waiting.best(
            now,
            r -> a.canTake(r.channel()) && r.admits(a.profile, now),
            c -> !c.rejectedBy().contains(a.id()) && c.gate.admits(a.profile, now));
    return best == null ? null : best.contact();
  }

  @Override
  public int position(ContactState c) {
    return waiting.position(c.group, c);
  }

  @Override
  public List<WaitingIndex.GroupKey> lines() {
    return waiting.lines();
  }

  @Override
  public WaitingIndex.Mark walk(WaitingIndex.GroupKey key, WaitingIndex.Mark after, int max,
      ObjIntConsumer<ContactState> visit) {
    return waiting.walk(key, after, max, visit);
  }

  @Override
  public int waiting() {
    return waiting.size();
  }
}
