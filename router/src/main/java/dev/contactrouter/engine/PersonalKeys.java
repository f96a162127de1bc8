package dev.contactrouter.engine;

import dev.contactrouter.core.Customer;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.store.CustomerKey;
import dev.contactrouter.store.format.EventFormat;
import dev.contactrouter.store.format.Sealing;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The writer's cache of its customers' data keys (crypto-shredding): which key seals the personal
 * fields of each event it journals. Owned by the domain's writer, on its thread. A customer met for
 * the first time since the writer started gets a new random key, which the journal keeps in the
 * same transaction as the first event sealed with it; the writer never looks a key up on the hot
 * path, so a customer met again after a restart simply has one more key (erasure destroys them
 * all, and history finds the customer's contacts through each).
 */
final class PersonalKeys {
  private final Map<String, CustomerKey> byCustomer = new HashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * The key to seal {@code event} with, or null when it has no personal fields or no known
   * customer (an anonymous contact's fields are stored in clear).
   */
  CustomerKey keyFor(Event event, RoutingDomain state, long now) {
    if (!Sealing.personal(EventFormat.type(event))) {
      return null;
    }
    String customer = customerOf(event, state, now);
    if (customer == null) {
      return null;
    }
    return byCustomer.computeIfAbsent(customer, c -> CustomerKey.generate(c, random));
  }

  /** The id of the key the writer seals this customer's data with now, if it has made one. */
  Optional<String> current(String customerId) {
    return Optional.ofNullable(byCustomer.get(customerId)).map(CustomerKey::id);
  }

  /** The customer's data is being erased: what arrives for them from now on gets a new key. */
  void forget(String customerId) {
    byCustomer.remove(customerId);
  }

  private static String customerOf(Event event, RoutingDomain state, long now) {
    if (event instanceof Event.ContactQueued e) {
      return e.contact().customer().id();
    }
    if (event instanceof Event.CaseOpened e) {
      return e.customer().id();
    }
    if (event instanceof Event.AccountCaseOpened e) {
      return e.customer().id();
    }
    if (event instanceof Event.FollowUpScheduled e) {
      return e.followUp().customer().id();
    }
    if (event instanceof Event.CaseAdvanced e) {
      return state.complaint(e.caseId(), now).map(c -> c.customer().id()).orElse(null);
    }
    if (event instanceof Event.AccountCaseAdvanced e) {
      return state.accountCase(e.caseId()).map(c -> c.customer().id()).orElse(null);
    }
    if (event.contactId() != null) {
      return state.contact(event.contactId(), now).map(c -> c.spec().customer()).map(Customer::id).orElse(null);
    }
    return null;
  }
}
