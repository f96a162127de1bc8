package dev.contactrouter.core;

/** What the client is told once a command's events are durable. */
public sealed interface Reply {

  record Done() implements Reply {}

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

  record RulesReply(ServiceRules rules) implements Reply {}

  record CaseReply(CaseView complaint) implements Reply {}
}
