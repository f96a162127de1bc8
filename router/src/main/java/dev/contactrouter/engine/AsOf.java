package dev.contactrouter.engine;

/**
 * A read that depends on the moment it was taken (a contact's waiting time, a complaint's time
 * left), with that moment on the writer's clock, so the API renders it exactly as of then.
 */
public record AsOf<T>(T value, long now) {}
