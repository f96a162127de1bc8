package dev.contactrouter.core;

import java.util.Objects;

/**
 * A kind of request (a major issue, a trade exception, a system fault, a complaint, ...) that
 * carries its own service-level policy, whatever queue the contact waits in. A contact names its
 * category; the category's policy then wins over the queue's. Case workflows with several staged
 * deadlines (a complaint's acknowledge, investigate, answer) are meant to hang off categories too.
 *
 * @param sla the category's policy, or null to use the queue's
 */
public record CategorySpec(String id, String name, SlaPolicy sla) {
  public CategorySpec {
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
  }
}
