package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.forbidden;
import static dev.contactrouter.core.Refusals.invalid;

import java.util.Map;

/**
 * Where a case of any type (a complaint, an account opening) came in: the contact it was opened
 * from, which must exist and, when an agent opens the case, be assigned to that agent; or none,
 * when an integration or a supervisor names the customer and the channel instead.
 */
final class CaseOrigin {
  private CaseOrigin() {}

  /** Why a case of {@code kind} cannot be opened from {@code contactId} by {@code byAgent}, or null. */
  static Decision refusal(Map<String, ContactState> contacts, String contactId, String byAgent, String kind) {
    ContactState source = contactId == null ? null : contacts.get(contactId);
    if (contactId != null && source == null) {
      return invalid("unknown contact '" + contactId + "'", "/contactId");
    }
    if (byAgent != null && (source == null || source.status != ContactStatus.ASSIGNED
        || !byAgent.equals(source.later.agentId))) {
      return forbidden("an agent opens " + kind + " from a contact assigned to it (contactId)");
    }
    return null;
  }
}
