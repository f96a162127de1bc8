package dev.contactrouter.core;

/**
 * An event as it happened: when, and who or which rule caused it. The journal adds the domain's
 * sequence number.
 *
 * @param at epoch millis
 * @param actor e.g. {@code agent:a1}, {@code telephony}, {@code supervisor}, {@code router} (a
 *     routing decision) or {@code timer}
 */
public record Recorded(long at, String actor, Event event) {}
