package dev.contactrouter.store;

import io.vertx.core.json.JsonObject;

/** A timer whose time has come, as the timer store hands it to its domain. */
public record DueTimer(String domain, String key, long dueAt, JsonObject payload) {}
