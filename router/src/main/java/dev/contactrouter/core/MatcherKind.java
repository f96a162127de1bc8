package dev.contactrouter.core;

import java.util.Map;

/** Which matcher a domain uses: the engine's index, or the linear scan it is measured against. */
public enum MatcherKind {
  /** Waiting work grouped by requirement signature, agents indexed by channel and skill. */
  INDEXED,
  /** Scans every waiting contact or every agent for each decision: the reference to beat. */
  LINEAR;

  Matcher create(Map<String, AgentState> agents, Map<String, ContactState> contacts) {
    return this == INDEXED ? new IndexedMatcher(agents) : new LinearMatcher(agents);
  }
}
