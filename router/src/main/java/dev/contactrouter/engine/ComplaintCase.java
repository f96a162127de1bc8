package dev.contactrouter.engine;

import dev.contactrouter.core.CaseView;
import dev.contactrouter.core.ContactStatus;

/**
 * A complaint case with its current work item as the domain holds it, so the API can tell whether
 * an agent is working it.
 *
 * @param work the routed work item of the current stage, or null when it has none (or memory no
 *     longer holds it)
 */
public record ComplaintCase(CaseView kase, Work work) {

  /**
   * @param agentId the agent it is assigned to, or null
   * @param offeredTo the agent it is offered to, or null
   */
  public record Work(String contactId, ContactStatus status, String queue, String agentId, String offeredTo) {}
}
