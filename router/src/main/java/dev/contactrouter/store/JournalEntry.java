package dev.contactrouter.store;

import dev.contactrouter.core.Recorded;

/** One event of a domain's journal, numbered from 1 without gaps. */
public record JournalEntry(String domain, long seq, Recorded recorded) {}
