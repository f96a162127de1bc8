package dev.contactrouter.core;

import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * Finds who gets what. The domain tells it when contacts start or stop waiting and when an
 * agent's readiness changes; it answers the two questions of routing. Implementations must agree
 * exactly on every answer: they differ only in cost.
 */
interface Matcher {

  /** {@code c} is now queued, with its group and key set. */
  void enqueue(ContactState c);

  /** {@code c} is no longer queued (offered, gone, or about to be re-placed). */
  void dequeue(ContactState c);

  /**
   * Whether {@code c} is queued here now (found by its group and key as they are): both must not
   * change while it is. For assertions.
   */
  boolean holds(ContactState c);

  /** The agent's status, load, profile or ready time changed. */
  void agentChanged(AgentState a);

  /**
   * The agent to offer a waiting contact to: longest ready among those who can take it now, then
   * most proficient, then earliest registered. Null if none.
   */
  AgentState agentFor(ContactState c, long now);

  /**
   * The contact to offer a free agent: highest effective priority among waiting contacts it may
   * take, then longest waiting, then earliest arrived. Null if none.
   */
  ContactState contactFor(AgentState a, long now);

  /** 1-based place of a queued contact among those competing for the same agents. */
  int position(ContactState c);

  /** The lines of queued contacts now: each the contacts that compete for the same agents. */
  List<WaitingIndex.GroupKey> lines();

  /**
   * Visits up to {@code max} contacts of line {@code key} in order with their 1-based {@link
   * #position}, starting after place {@code after} (null: at the head; its contact may have left
   * or moved since). Returns the place of the last contact visited while the line may go on, null
   * once it has ended.
   */
  WaitingIndex.Mark walk(WaitingIndex.GroupKey key, WaitingIndex.Mark after, int max,
      ObjIntConsumer<ContactState> visit);

  /** Number of queued contacts. */
  int waiting();

  /**
   * Whether {@code a} may be offered {@code c} right now (channel slot, requirement, no reject, and
   * the contact's compliance gates, asked of every pair whatever its requirement says).
   */
  static boolean mayTake(AgentState a, ContactState c, Requirement r, long now) {
    return a.canTake(r.channel()) && r.admits(a.profile, now) && !c.rejectedBy().contains(a.id())
        && c.gate.admits(a.profile, now);
  }
}
