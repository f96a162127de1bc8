package dev.contactrouter.core;

/**
 * An API key the domain has recorded: one issued at run time, or the revocation of a configured
 * one (then {@code digest} and {@code role} are null).
 *
 * @param revokedAt epoch millis from which the key is refused, or null
 */
public record ApiKeyView(
    String keyId,
    String digest,
    String role,
    String agentId,
    String label,
    Long issuedAt,
    Long expiresAt,
    Long revokedAt) {

  /** Whether the key may be used at {@code now}. */
  public boolean usableAt(long now) {
    return digest != null
        && (expiresAt == null || now < expiresAt)
        && (revokedAt == null || now < revokedAt);
  }
}
