package dev.contactrouter.core;

import dev.contactrouter.collect.SpreadHashMap;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state every part of one {@link RoutingDomain} shares: queues, agents and contacts, the
 * offers in flight, calendars and categories, the service rules in force, the matcher that indexes
 * who waits for whom, and the arrival and registration counters. State that only one rule uses
 * lives with that rule's part instead (complaint cases, return visits, API keys).
 */
final class DomainState {
  final Map<String, QueueState> queues = new TreeMap<>();
  final Map<String, CalendarSpec> calendars = new TreeMap<>();
  final Map<String, CategorySpec> categories = new TreeMap<>();
  final Map<String, AgentState> agents = new HashMap<>();
  /** One entry per contact in memory: in parts, so no one put rehashes them all ({@link SpreadHashMap}). */
  final SpreadHashMap<String, ContactState> contacts = new SpreadHashMap<>();
  final Map<String, String> offers = new HashMap<>();
  final Map<String, String> idempotency = new SpreadHashMap<>();
  final ArrayDeque<String> retired = new ArrayDeque<>();
  /** Customer id → ids of that customer's contacts still held in memory, oldest first. */
  final CustomerIndex byCustomer = new CustomerIndex();
  /** SIP Call-ID → id of the voice contact behind that call, while the contact is held in memory. */
  final Map<String, String> byCallId = new SpreadHashMap<>();
  /** Customer tiers, one instance each, shared by the contacts that carry them. */
  final SharedNames tiers = new SharedNames();
  /** The securities service rules (review queue, relationship routing, return visits, complaints). */
  ServiceRules rules = ServiceRules.DEFAULTS;
  final Matcher matcher;
  /** How much finished work memory keeps for reads. */
  final Retention retention;
  long arrivals;
  long registrations;

  DomainState(MatcherKind kind, Retention retention) {
    this.matcher = kind.create(agents, contacts);
    this.retention = retention;
  }
}
