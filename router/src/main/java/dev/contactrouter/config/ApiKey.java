package dev.contactrouter.config;

/**
 * A configured API key and the role it grants.
 *
 * @param role {@code telephony}, {@code supervisor}, {@code admin}, {@code agent}, {@code board} or
 *     {@code survey} (a survey system or IVR, which may post a completed contact's survey and nothing else)
 * @param agentId the agent an {@code agent} key acts as, else null
 * @param domain the routing domain the key acts in, or null for the default one
 * @param site the site (branch) whose board a {@code board} key may read, else null
 */
public record ApiKey(String key, String role, String agentId, String domain, String site) {
  public ApiKey(String key, String role, String agentId) {
    this(key, role, agentId, null, null);
  }

  public ApiKey(String key, String role, String agentId, String domain) {
    this(key, role, agentId, domain, null);
  }

  public static final java.util.Set<String> ROLES = java.util.Set.of("telephony", "supervisor", "admin", "agent", "board", "survey");

  /**
   * Parses {@code key=role[@domain]} where role is telephony, supervisor, admin, agent:<id>,
   * board:<site> (a branch's "now serving" display, which may read that site's board and nothing
   * else) or survey (a survey system or IVR, which may post surveys and nothing else), and domain names the routing domain the key acts in (default: ROUTER_DOMAIN).
   */
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
    String domain = null;
    int at = role.lastIndexOf('@');
    if (at >= 0) {
      domain = role.substring(at + 1).trim();
      role = role.substring(0, at).trim();
      if (!domain.matches(DOMAIN)) {
        throw new ConfigException("ROUTER_API_KEYS: '" + domain + "' after @ is not a domain name (lower-case letters, digits, dashes)");
      }
    }
    String agentId = null;
    if (role.startsWith("agent:")) {
      agentId = role.substring("agent:".length());
      role = "agent";
      if (agentId.isEmpty()) {
        throw new ConfigException("ROUTER_API_KEYS: agent role needs an id, as in agent:a1");
      }
    }
    String site = null;
    if (role.startsWith("board:") || role.equals("board")) {
      site = role.substring(Math.min(role.length(), "board:".length()));
      role = "board";
      if (!site.matches(SITE)) {
        throw new ConfigException("ROUTER_API_KEYS: board role needs the site it shows, as in board:hq (letters, digits,"
            + " . _ -)");
      }
    }
    if (!ROLES.contains(role)) {
      throw new ConfigException("ROUTER_API_KEYS: unknown role '" + role
          + "' (telephony, supervisor, admin, agent:<id>, board:<site>, survey)");
    }
    return new ApiKey(key, role, agentId, domain, site);
  }

  /** Site names as the API's {@code Code} schema accepts them. */
  static final String SITE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  /** Domain names as ROUTER_DOMAIN accepts them. */
  static final String DOMAIN = "[a-z0-9][a-z0-9-]{0,39}";

  public String roleSpec() {
    String who = agentId != null ? role + ":" + agentId : site != null ? role + ":" + site : role;
    return who + (domain == null ? "" : "@" + domain);
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
