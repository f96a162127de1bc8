package dev.contactrouter.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A new piece of work as a client pushed it.
 *
 * @param skills required skills on top of the queue's (the higher level wins)
 * @param priority 0–100, added to the queue's base priority
 * @param site the site that must serve it (a branch ticket's branch), or {@code null}
 * @param requiredLicences licences on top of the queue's
 * @param attributes free-form string attributes from the client (IVR path, calling number, ...)
 * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}
 * @param fingerprint a digest of the request that carried the idempotency key, so a reused key
 *     with a different request is recognised
 * @param category the kind of request (a {@link CategorySpec} id) whose SLA policy applies, or null
 * @param product the product a sale or advice contact is about (its risk level is checked against
 *     the customer's), or null
 * @param preferredAgent the agent the contact goes to first, before its team and then everyone
 *     (a return visit's original agent); null to use the customer's relationship manager
 * @param call the telephone call a switch holds for this voice contact, or null
 */
public record ContactSpec(
    String id,
    Channel channel,
    String queue,
    Map<String, Integer> skills,
    int priority,
    Customer customer,
    Map<String, String> attributes,
    String externalId,
    String site,
    Set<String> requiredLicences,
    String idempotencyKey,
    String fingerprint,
    String category,
    Product product,
    String preferredAgent,
    Call call) {

  public ContactSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(queue, "queue");
    skills = Skills.sorted(skills);
    customer = customer == null ? Customer.ANONYMOUS : customer;
    attributes = attributes == null || attributes.isEmpty()
        ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    requiredLicences = Skills.sortedSet(requiredLicences);
  }

  /**
   * A contact that names only where it goes: no skills, priority, customer, attributes or anything
   * else of its own (the queue's policy alone routes it).
   */
  public static ContactSpec of(String id, Channel channel, String queue) {
    return new ContactSpec(
        id, channel, queue, null, 0, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The SIP Call-ID of the call behind it, or null. */
  public String callId() {
    return call == null ? null : call.callId();
  }

  /** The same contact as a callback in another queue, noting where it was first meant to go. */
  ContactSpec asCallback(String callbackQueue, Map<String, String> note) {
    TreeMap<String, String> attrs = new TreeMap<>(attributes);
    attrs.putAll(note);
    return moved(Channel.CALLBACK, callbackQueue, customer, attrs);
  }

  /**
   * The same contact released from a compliance hold into {@code queue}, with the customer's risk
   * level re-assessed as {@code riskLevel} (unchanged when null).
   */
  ContactSpec released(String queue, Integer riskLevel) {
    Customer c = riskLevel == null ? customer
        : new Customer(customer.id(), customer.name(), customer.tier(), riskLevel, customer.relationshipManager());
    return moved(channel, queue, c, attributes);
  }

  /** The same contact held in a compliance review queue, noting where it was meant to go. */
  ContactSpec forReview(String reviewQueue) {
    TreeMap<String, String> attrs = new TreeMap<>(attributes);
    attrs.put("reviewFrom", queue);
    return moved(channel, reviewQueue, customer, attrs);
  }

  /**
   * The same contact holding {@code sameQueue} and {@code sameTier}, strings equal to its own queue
   * and customer tier that its domain already holds, so that waiting contacts share them; itself when
   * it holds those instances already, or when either is not equal to its own.
   */
  ContactSpec sharing(String sameQueue, String sameTier) {
    if ((sameQueue == queue && sameTier == customer.tier())
        || !queue.equals(sameQueue) || !Objects.equals(customer.tier(), sameTier)) {
      return this;
    }
    Customer c = sameTier == customer.tier() ? customer
        : new Customer(customer.id(), customer.name(), sameTier, customer.riskLevel(), customer.relationshipManager());
    return moved(channel, sameQueue, c, attributes);
  }

  /** The same contact on another channel, queue, customer record or attributes; everything else kept. */
  private ContactSpec moved(Channel toChannel, String toQueue, Customer toCustomer, Map<String, String> toAttributes) {
    return new ContactSpec(id, toChannel, toQueue, skills, priority, toCustomer, toAttributes, externalId, site,
        requiredLicences, idempotencyKey, fingerprint, category, product, preferredAgent, call);
  }
}
