package dev.contactrouter.core;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One agent's mutable state, owned by its {@link RoutingDomain}. */
final class AgentState {
  /** {@link Channel#values()}, which copies its array on every call. */
  static final Channel[] CHANNELS = Channel.values();

  final long seq;
  /** Who the agent is; changed only through {@link #reprofile}, which keeps {@link #capacity} in step. */
  AgentProfile profile;
  /**
   * The profile's capacity by channel ordinal: read on every offer and release for every channel,
   * where the profile's map cost a chain of dependent loads (map, wrapper, array, boxed count).
   */
  private int[] capacity;
  AgentStatus status = AgentStatus.OFFLINE;
  String reason;
  /**
   * When the agent's current state began: its status or reason changed, or the work it holds did
   * (an offer made, accepted or returned, a contact completed or moved on).
   */
  long statusSince;
  /** Offers in a row that rang out unanswered since the agent last accepted one or went available. */
  int missedOffers;
  Long wrapUpUntil;
  /** When the agent last became ready or last received work: the "longest idle" clock. */
  long readySince;
  /** The channel of the contacts it holds; an agent works one channel at a time. */
  Channel activeChannel;
  int held;
  /** offerId → contactId of pending offers, in the order made. */
  final Map<String, String> offers = new LinkedHashMap<>();
  final Set<String> contacts = new LinkedHashSet<>();

  private String freeReason;
  private AgentProfile freeReasonOf;
  private String levelsReason;
  private Requirement levelsFor;
  private AgentProfile levelsOf;

  /** What the ready index holds for this agent, so it can be removed exactly. */
  ReadyIndex.Ref indexedRef;
  final EnumSet<Channel> indexedChannels = EnumSet.noneOf(Channel.class);
  Set<String> indexedSkills = Set.of();

  AgentState(long seq, AgentProfile profile, long at) {
    this.seq = seq;
    reprofile(profile);
    this.statusSince = at;
    this.readySince = at;
  }

  String id() {
    return profile.id();
  }

  /** Gives the agent a new profile (it was reconfigured). */
  void reprofile(AgentProfile p) {
    int[] byChannel = new int[CHANNELS.length];
    for (Channel c : CHANNELS) {
      byChannel[c.ordinal()] = p.capacityFor(c);
    }
    this.profile = p;
    this.capacity = byChannel;
  }

  /** The offer reason that names what triggered a match for this agent: {@code trigger: agent <id> free}. */
  String freeReason() {
    if (freeReasonOf != profile) {
      freeReason = "trigger: agent " + profile.id() + " free";
      freeReasonOf = profile;
    }
    return freeReason;
  }

  /**
   * The offer reason that gives the agent's levels on {@code r}'s skills ({@code agent has: s1=3
   * s2=4}, or that none are required), kept while the same profile is asked about the same
   * signature instance: the usual case, as an agent is offered one queue's work after another's.
   */
  String levelsReason(Requirement r) {
    if (levelsFor != r || levelsOf != profile) {
      levelsReason = "agent has: " + levels(profile, r);
      levelsFor = r;
      levelsOf = profile;
    }
    return levelsReason;
  }

  private static String levels(AgentProfile agent, Requirement r) {
    if (r.skills().isEmpty()) {
      return "no skills required";
    }
    StringBuilder s = new StringBuilder();
    r.skills().keySet().forEach(k -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(agent.level(k)));
    return s.toString();
  }

  /** Whether the agent could be offered one more contact on this channel now. */
  boolean canTake(Channel channel) {
    if (status != AgentStatus.AVAILABLE) {
      return false;
    }
    int most = capacity[channel.ordinal()];
    if (most <= 0) {
      return false;
    }
    if (activeChannel != null && activeChannel != channel) {
      return false;
    }
    return held < most;
  }

  boolean canTakeAny() {
    for (Channel c : CHANNELS) {
      if (canTake(c)) {
        return true;
      }
    }
    return false;
  }

  boolean busy() {
    return status == AgentStatus.AVAILABLE && held > 0 && !canTakeAny();
  }

  Map<Channel, Integer> load() {
    EnumMap<Channel, Integer> load = new EnumMap<>(Channel.class);
    if (activeChannel != null && held > 0) {
      load.put(activeChannel, held);
    }
    return load;
  }
}
