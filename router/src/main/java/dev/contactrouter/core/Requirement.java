package dev.contactrouter.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A requirement signature: everything an agent must have to be offered a contact. Waiting
 * contacts are grouped by it, so matching costs grow with the number of distinct signatures, not
 * with the number of contacts.
 *
 * <p>Immutable, with the value semantics of a record ({@code equals}, {@code hashCode} and {@code
 * toString} over its six parts), but its hash is computed once: the waiting index and the wait
 * estimates look signatures up on every update, and hashing the skill map and licence set each
 * time was a measurable part of every routing decision. Equal signatures that are the same
 * instance (the common case: a queue's ordinary contacts share one, see {@link
 * Matching#requirement}) compare by identity alone.
 *
 * @param channel the channel, or null (a queue open to every channel)
 * @param targetAgent set when the contact may go to one agent only (a transfer to an agent, a
 *     relationship manager's reserved time)
 * @param team set when the contact may go only to agents of this team (a relationship manager's)
 */
public final class Requirement {
  private final Channel channel;
  private final String site;
  private final Map<String, Integer> skills;
  private final Set<String> licences;
  private final String targetAgent;
  private final String team;
  private final int hash;
  /** Its line in offer reasons ({@link #reason}), written the first time it is needed. */
  private String description;

  public Requirement(
      Channel channel,
      String site,
      Map<String, Integer> skills,
      Set<String> licences,
      String targetAgent,
      String team) {
    this.channel = channel;
    this.site = site;
    this.skills = Skills.sorted(skills);
    this.licences = Skills.sortedSet(licences);
    this.targetAgent = targetAgent;
    this.team = team;
    // The same combination a record's hashCode uses (31 * h + part, over the parts in order).
    int h = Objects.hashCode(channel);
    h = 31 * h + Objects.hashCode(site);
    h = 31 * h + this.skills.hashCode();
    h = 31 * h + this.licences.hashCode();
    h = 31 * h + Objects.hashCode(targetAgent);
    h = 31 * h + Objects.hashCode(team);
    this.hash = h;
  }

  /** A requirement open to any team. */
  public Requirement(Channel channel, String site, Map<String, Integer> skills, Set<String> licences, String targetAgent) {
    this(channel, site, skills, licences, targetAgent, null);
  }

  public Channel channel() {
    return channel;
  }

  public String site() {
    return site;
  }

  public Map<String, Integer> skills() {
    return skills;
  }

  public Set<String> licences() {
    return licences;
  }

  public String targetAgent() {
    return targetAgent;
  }

  public String team() {
    return team;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Requirement r
        && hash == r.hash
        && channel == r.channel
        && Objects.equals(site, r.site)
        && Objects.equals(targetAgent, r.targetAgent)
        && Objects.equals(team, r.team)
        && skills.equals(r.skills)
        && licences.equals(r.licences);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "Requirement[channel=" + channel + ", site=" + site + ", skills=" + skills + ", licences=" + licences
        + ", targetAgent=" + targetAgent + ", team=" + team + "]";
  }

  /** The offer reason that states it: {@code requirement: } and {@link #describe} (written once per signature). */
  String reason() {
    String d = description;
    if (d == null) {
      d = "requirement: " + describe();
      description = d;
    }
    return d;
  }

  /** What an agent must have, in the words of an offer's reasons. */
  String describe() {
    StringBuilder s = new StringBuilder(channel == null ? "any channel" : channel.wire());
    if (!skills.isEmpty()) {
      s.append("; skills");
      skills.forEach((k, v) -> s.append(' ').append(k).append(">=").append(v));
    }
    if (site != null) {
      s.append("; site ").append(site);
    }
    if (!licences.isEmpty()) {
      s.append("; licences ").append(String.join(" ", licences));
    }
    if (targetAgent != null) {
      s.append("; only agent ").append(targetAgent);
    }
    if (team != null) {
      s.append("; team ").append(team);
    }
    return s.toString();
  }

  /**
   * @param channel the contact's channel now (a caller who asked for a callback is one)
   * @param gate the contact's gates in {@code queue}: its licences and site, and for a contact held
   *     for review the review queue's skills; they are part of every requirement, never relaxed
   * @param relaxBy levels taken off every required skill by SLA escalation; a level never drops
   *     below 1, and channel, site and licences never relax
   */
  static Requirement of(
      QueueSpec queue, ContactSpec contact, Channel channel, GateCheck gate, String targetAgent, String team,
      int relaxBy) {
    String site = gate.site();
    Set<String> licences = gate.licences();
    if (gate.heldIn() != null) {
      // Held for review: the review queue's own requirement in full. No named agent, reserved
      // stage or SLA escalation relaxes it.
      return new Requirement(channel, site, gate.reviewSkills(), licences, targetAgent, null);
    }
    if (targetAgent != null) {
      // A transfer to a named agent (or a relationship manager's reserved time) relaxes skills:
      // the agent was chosen by name. Never licences, channel or site.
      return new Requirement(channel, site, Map.of(), licences, targetAgent, null);
    }
    return new Requirement(channel, site, relaxedSkills(queue, contact, relaxBy), licences, null, team);
  }

  /** The queue's skills and the contact's, the higher level winning, each lowered by {@code relaxBy} (never below 1). */
  static SortedMap<String, Integer> relaxedSkills(QueueSpec queue, ContactSpec contact, int relaxBy) {
    return Skills.relaxed(Skills.strongest(queue.skills(), contact.skills()), relaxBy);
  }

  /** Whether the profile meets every part of this requirement at time {@code now}. */
  public boolean admits(AgentProfile agent, long now) {
    if (targetAgent != null && !targetAgent.equals(agent.id())) {
      return false;
    }
    if (channel != null && agent.capacityFor(channel) <= 0) {
      return false;
    }
    if (site != null && !site.equals(agent.site())) {
      return false;
    }
    if (team != null && !team.equals(agent.team())) {
      return false;
    }
    for (Map.Entry<String, Integer> need : skills.entrySet()) {
      if (agent.level(need.getKey()) < need.getValue()) {
        return false;
      }
    }
    for (String licence : licences) {
      if (!agent.holdsValid(licence, now)) {
        return false;
      }
    }
    return true;
  }

  /** Sum of the agent's levels on the required skills: higher means more proficient. */
  int proficiency(AgentProfile agent) {
    int sum = 0;
    for (String skill : skills.keySet()) {
      sum += agent.level(skill);
    }
    return sum;
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return Collections.emptySortedSet(); // most contacts and queues need no licence: nothing to build
    }
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
