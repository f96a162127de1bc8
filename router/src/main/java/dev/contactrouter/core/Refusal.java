package dev.contactrouter.core;

/** Why the core turned a command down. Nothing changes when a command is refused. */
public enum Refusal {
  /** The contact, agent, queue or offer does not exist. */
  NOT_FOUND,
  /** It exists, but its current state does not allow this (an offer no longer current, say). */
  CONFLICT,
  /** The command names something invalid (an unknown queue in a new contact, a bad level). */
  INVALID,
  /** The acting agent may not do this to someone else's offer or contact. */
  FORBIDDEN,
  /** The queue is closed and its calendar refuses contacts out of hours. */
  CLOSED,
  /** It would put a contact in front of an agent past one of its compliance {@link Gate}s (named with it). */
  GATE
}
