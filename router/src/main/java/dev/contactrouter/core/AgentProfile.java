package dev.contactrouter.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who an agent is and what it can do; its state lives elsewhere.
 *
 * @param skills skill (including languages such as {@code mandarin}) to level 1–5
 * @param capacity how many contacts of each channel the agent may hold at once; an agent works
 *     one channel at a time (1 call, or up to 3 chats, or 1 branch ticket), and a channel that is
 *     absent or 0 is one the agent does not take
 * @param team the agent's team (a relationship manager's desk, say), or {@code null}
 * @param devices where the agent's calls ring, by kind: {@code sip} is a SIP URI a switch sends
 *     the agent's calls to; empty when the agent has none
 * @param counter the counter or desk a branch customer is called to ("Counter 3"), shown on the
 *     branch board instead of the agent's name; {@code null} when the agent has none
 */
public record AgentProfile(
    String id,
    String name,
    Map<String, Integer> skills,
    List<Licence> licences,
    String site,
    String team,
    Map<Channel, Integer> capacity,
    Map<String, String> devices,
    String counter) {

  public static final Map<Channel, Integer> DEFAULT_CAPACITY = defaultCapacity();

  public AgentProfile {
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
    skills = Skills.sorted(skills);
    licences = licences == null ? List.of() : List.copyOf(licences);
    capacity = capacity == null ? DEFAULT_CAPACITY : immutable(capacity);
    devices = devices == null || devices.isEmpty()
        ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(devices));
  }

  /** An agent with no counter label. */
  public AgentProfile(String id, String name, Map<String, Integer> skills, List<Licence> licences, String site,
      String team, Map<Channel, Integer> capacity, Map<String, String> devices) {
    this(id, name, skills, licences, site, team, capacity, devices, null);
  }

  /** An agent with no device of its own and no counter label. */
  public AgentProfile(String id, String name, Map<String, Integer> skills, List<Licence> licences, String site,
      String team, Map<Channel, Integer> capacity) {
    this(id, name, skills, licences, site, team, capacity, null, null);
  }

  public int capacityFor(Channel channel) {
    return capacity.getOrDefault(channel, 0);
  }

  public int level(String skill) {
    return skills.getOrDefault(skill, 0);
  }

  public boolean holdsValid(String licence, long now) {
    for (Licence l : licences) {
      if (l.name().equals(licence) && l.validAt(now)) {
        return true;
      }
    }
    return false;
  }

  private static Map<Channel, Integer> defaultCapacity() {
    EnumMap<Channel, Integer> m = new EnumMap<>(Channel.class);
    m.put(Channel.VOICE, 1);
    m.put(Channel.CHAT, 3);
    m.put(Channel.BRANCH, 1);
    m.put(Channel.EMAIL, 1);
    m.put(Channel.CALLBACK, 1);
    // No SMS by default: an agent takes text messages only once given an sms capacity (and the
    // default, written out in every stored profile without one, stays what journals hold).
    return Collections.unmodifiableMap(m);
  }

  private static Map<Channel, Integer> immutable(Map<Channel, Integer> capacity) {
    EnumMap<Channel, Integer> m = new EnumMap<>(Channel.class);
    capacity.forEach((c, n) -> {
      if (n != null && n > 0) {
        m.put(c, n);
      }
    });
    return Collections.unmodifiableMap(m);
  }
}
