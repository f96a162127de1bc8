package dev.contactrouter.core;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * A part of one {@link RoutingDomain} (intake, offers, SLA clocks, ...): it reads and writes the one
 * {@link DomainState} the parts share, whose collections it sees here under their own names.
 */
abstract class DomainPart {
  protected final DomainState state;
  protected final Map<String, QueueState> queues;
  protected final Map<String, CalendarSpec> calendars;
  protected final Map<String, CategorySpec> categories;
  protected final Map<String, AgentState> agents;
  protected final Map<String, ContactState> contacts;
  protected final Map<String, String> offers;
  protected final Map<String, String> idempotency;
  protected final ArrayDeque<String> retired;
  protected final CustomerIndex byCustomer;
  protected final Map<String, String> byCallId;
  protected final Matcher matcher;

  DomainPart(DomainState state) {
    this.state = state;
    this.queues = state.queues;
    this.calendars = state.calendars;
    this.categories = state.categories;
    this.agents = state.agents;
    this.contacts = state.contacts;
    this.offers = state.offers;
    this.idempotency = state.idempotency;
    this.retired = state.retired;
    this.byCustomer = state.byCustomer;
    this.byCallId = state.byCallId;
    this.matcher = state.matcher;
  }

  /** Indexes a contact held in memory by its idempotency key, its call and its customer. */
  final void index(ContactState c) {
    if (c.spec.idempotencyKey() != null) {
      idempotency.put(c.spec.idempotencyKey(), c.id());
    }
    if (c.spec.callId() != null) {
      byCallId.put(c.spec.callId(), c.id());
    }
    String customer = c.spec.customer().id();
    if (customer != null) {
      byCustomer.add(customer, c);
    }
  }

  /** Undoes {@link #index} for a contact memory lets go of. */
  final void unindex(ContactState c) {
    if (c.spec.idempotencyKey() != null) {
      idempotency.remove(c.spec.idempotencyKey(), c.id());
    }
    if (c.spec.callId() != null) {
      byCallId.remove(c.spec.callId(), c.id());
    }
    String customer = c.spec.customer().id();
    if (customer != null) {
      byCustomer.remove(customer, c);
    }
  }
}
