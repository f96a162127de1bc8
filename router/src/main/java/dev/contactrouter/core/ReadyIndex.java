package dev.contactrouter.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Agents able to take a contact right now, per channel, longest-ready first; and the same agents
 * per (channel, skill), so a contact needing a rare skill looks only at agents who have it.
 */
final class ReadyIndex {

  /** An agent's place in the ready line: earlier readiness first, then registration order. */
  record Ref(long readySince, long agentSeq, String agentId) implements Comparable<Ref> {
    @Override
    public int compareTo(Ref o) {
      int c = Long.compare(readySince, o.readySince);
      return c != 0 ? c : Long.compare(agentSeq, o.agentSeq);
    }
  }

  private final EnumMap<Channel, TreeSet<Ref>> byChannel = new EnumMap<>(Channel.class);
  private final EnumMap<Channel, Map<String, TreeSet<Ref>>> bySkill = new EnumMap<>(Channel.class);

  void add(Channel channel, Ref ref, Set<String> skills) {
    byChannel.computeIfAbsent(channel, c -> new TreeSet<>()).add(ref);
    Map<String, TreeSet<Ref>> skillSets = bySkill.computeIfAbsent(channel, c -> new HashMap<>());
    for (String skill : skills) {
      skillSets.computeIfAbsent(skill, s -> new TreeSet<>()).add(ref);
    }
  }

  void remove(Channel channel, Ref ref, Set<String> skills) {
    TreeSet<Ref> all = byChannel.get(channel);
    if (all != null) {
      all.remove(ref);
    }
    Map<String, TreeSet<Ref>> skillSets = bySkill.get(channel);
    if (skillSets == null) {
      return;
    }
    for (String skill : skills) {
      TreeSet<Ref> set = skillSets.get(skill);
      if (set != null) {
        // An emptied set stays: the next agent of that skill to become ready reuses it, where
        // dropping it cost a TreeSet, a TreeMap and a map entry per offer in a busy centre. The
        // sets are bounded by the skills agents have; an empty one answers like an absent one.
        set.remove(ref);
      }
    }
  }

  int count(Channel channel) {
    TreeSet<Ref> all = byChannel.get(channel);
    return all == null ? 0 : all.size();
  }

  /**
   * The smallest candidate set for a requirement: the ready agents of the channel who have the
   * rarest of the required skills (at some level), in ready order.
   */
  NavigableSet<Ref> narrowest(Channel channel, Set<String> requiredSkills) {
    TreeSet<Ref> best = byChannel.get(channel);
    if (best == null) {
      return Collections.emptyNavigableSet();
    }
    Map<String, TreeSet<Ref>> skillSets = bySkill.getOrDefault(channel, Map.of());
    for (String skill : requiredSkills) {
      TreeSet<Ref> set = skillSets.get(skill);
      if (set == null || set.isEmpty()) {
        return Collections.emptyNavigableSet(); // nobody ready has this skill at all
      }
      if (set.size() < best.size()) {
        best = set;
      }
    }
    return best;
  }
}
