package dev.contactrouter.engine;

/**
 * Where a domain's writer stands: whether it takes commands, the last committed sequence number,
 * how many contacts wait, and whether its journal is durable.
 */
public record DomainStatus(String domain, boolean available, long seq, int waiting, boolean durable) {}
