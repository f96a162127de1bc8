package dev.contactrouter.config;

/** A configuration value the engine cannot start with; the message names the setting. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
