package dev.contactrouter.core;

import java.util.List;

/** What the client is told once a command's events are durable. */
public sealed interface Reply {

  record Done() implements Reply {}

  /** A customer's personal data was erased: this many data keys destroyed. */
  record Erased(int keysDestroyed) implements Reply {}

  /**
   * @param replayed true when an {@code Idempotency-Key} matched an earlier request and no new
   *     contact was created
   */
  record ContactReply(ContactView contact, boolean replayed) implements Reply {}

  record AgentReply(AgentView agent) implements Reply {}

  record QueueReply(QueueSpec queue) implements Reply {}

  record ApiKeyReply(ApiKeyView key) implements Reply {}

  record CalendarReply(CalendarSpec calendar) implements Reply {}

  record CategoryReply(CategorySpec category) implements Reply {}

  record CatalogueReply(Catalogue catalogue) implements Reply {}

  record WebhookReply(WebhookSpec webhook) implements Reply {}

  record RulesReply(ServiceRules rules) implements Reply {}

  record CaseReply(CaseView complaint) implements Reply {}

  record AccountCaseReply(AccountCaseView kase) implements Reply {}

  /**
   * @param ended Call-IDs of the contacts ended now because the switch no longer holds their call
   * @param unknown Call-IDs the switch holds for which the engine has no open voice contact: the
   *     switch should release them
   */
  record CallsReconciled(List<String> ended, List<String> unknown) implements Reply {
    public CallsReconciled {
      ended = List.copyOf(ended);
      unknown = List.copyOf(unknown);
    }
  }
}
