package dev.contactrouter.api.schema;

/**
 * One thing wrong with a value: where (a JSON pointer into it, {@code ""} for the value itself)
 * and why, in words a client can act on ("must be an integer from 0 to 100").
 */
public record Problem(String pointer, String detail) {}
