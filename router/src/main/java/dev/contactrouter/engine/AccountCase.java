package dev.contactrouter.engine;

import dev.contactrouter.core.AccountCaseView;

/**
 * An account-opening case with the work item asking for its next step, as the domain holds it, so
 * the API can tell whether an agent is working it.
 *
 * @param work the current work item, or null once the account is active (or memory no longer holds it)
 */
public record AccountCase(AccountCaseView kase, ComplaintCase.Work work) {}
