package dev.contactrouter.config;

/**
 * A configured API key and the role it grants.
 *
 * @param role {@code telephony}, {@code supervisor}, {@code admin} or {@code agent}
 * @param agentId the agent an {@code agent} key acts as, else null
 */
public record ApiKey(String key, String role, String agentId) {
  public static final java.util.Set<String> ROLES = java.util.Set.of("telephony", "supervisor", "admin", "agent");

  /** Parses {@code key=role} where role is telephony, supervisor, admin or agent:<id>. */
  public static ApiKey parse(String pair) {
    int eq = pair.indexOf('=');
    if (eq <= 0 || eq == pair.length() - 1) {
      throw new ConfigException("ROUTER_API_KEYS: expected key=role, got '" + mask(pair) + "'");
    }
    String key = pair.substring(0, eq).trim();
    String role = pair.substring(eq + 1).trim();
    if (key.length() < 8) {
      throw new ConfigException("ROUTER_API_KEYS: keys must be at least 8 characters (role " + role + ")");
    }
    String agentId = null;
    if (role.startsWith("agent:")) {
      agentId = role.substring("agent:".length());
      role = "agent";
      if (agentId.isEmpty()) {
        throw new ConfigException("ROUTER_API_KEYS: agent role needs an id, as in agent:a1");
      }
    }
    if (!ROLES.contains(role)) {
      throw new ConfigException("ROUTER_API_KEYS: unknown role '" + role + "' (telephony, supervisor, admin, agent:<id>)");
    }
    return new ApiKey(key, role, agentId);
  }

  public String roleSpec() {
    return agentId == null ? role : role + ":" + agentId;
  }

  @Override
  public String toString() {
    return "ApiKey[" + roleSpec() + "]"; // never the key itself
  }

  private static String mask(String pair) {
    int eq = pair.indexOf('=');
    return eq < 0 ? "***" : "***" + pair.substring(eq);
  }
}
