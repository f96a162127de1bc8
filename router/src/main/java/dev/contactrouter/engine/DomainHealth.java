package dev.contactrouter.engine;

/**
 * What readiness needs of a domain's writer: whether it takes commands, and whether its journal
 * and its timer store answer right now.
 *
 * @param journal {@code UP}, or {@code DOWN: <why>}
 * @param timers {@code UP}, or {@code DOWN: <why>}
 */
public record DomainHealth(String domain, boolean available, long seq, String journal, String timers) {}
