package dev.contactrouter.api;

/**
 * Who is calling.
 *
 * @param keyId a short, non-secret name for the credential (a prefix of its hash)
 * @param role telephony, agent, supervisor, admin, board or survey
 * @param agentId the agent an agent credential acts as, else null
 * @param expiresAt epoch millis at which the credential stops being accepted, as known when it
 *     was checked (a sign-in token's expiry, a key's expiry or scheduled revocation), else null
 * @param domain the routing domain the caller acts in; null means the node's default domain
 * @param site the site whose board a board credential may read, else null
 */
public record Principal(String keyId, String role, String agentId, Long expiresAt, String domain, String site) {
  public static final String CONTEXT_KEY = "principal";

  public Principal(String keyId, String role, String agentId, Long expiresAt, String domain) {
    this(keyId, role, agentId, expiresAt, domain, null);
  }

  public Principal(String keyId, String role, String agentId, Long expiresAt) {
    this(keyId, role, agentId, expiresAt, null);
  }

  /** The domain the caller acts in, {@code fallback} (the default domain) when its credential names none. */
  public String domainOr(String fallback) {
    return domain == null ? fallback : domain;
  }

  public boolean isBoard() {
    return "board".equals(role);
  }

  public boolean isAgent() {
    return "agent".equals(role);
  }

  /** How the principal appears in the journal: {@code agent:a1}, or {@code supervisor/3fa2b1c9}. */
  public String actor() {
    return isAgent() ? "agent:" + agentId : role + "/" + keyId;
  }

  /** The agent id to hand the core when an agent acts for itself; null for everyone else. */
  public String byAgent() {
    return isAgent() ? agentId : null;
  }
}
