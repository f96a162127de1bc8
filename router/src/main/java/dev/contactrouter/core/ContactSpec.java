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
    String category) {

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

  /** A contact of no category. */
  public ContactSpec(
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
      String fingerprint) {
    this(id, channel, queue, skills, priority, customer, attributes, externalId, site, requiredLicences,
        idempotencyKey, fingerprint, null);
  }

  /** The same contact as a callback in another queue, noting where it was first meant to go. */
  ContactSpec asCallback(String callbackQueue, Map<String, String> note) {
    TreeMap<String, String> attrs = new TreeMap<>(attributes);
    attrs.putAll(note);
    return new ContactSpec(id, Channel.CALLBACK, callbackQueue, skills, priority, customer, attrs, externalId, site,
        requiredLicences, idempotencyKey, fingerprint, category);
  }
}
