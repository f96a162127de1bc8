package dev.contactrouter.config;

import java.util.Set;

/**
 * A person who signs in to the console. Only the password's hash is kept.
 *
 * @param role agent, supervisor or admin
 * @param agentId the agent an {@code agent} user works as, else null
 * @param domain the routing domain the user works in, or null for the default one
 */
public record User(String username, PasswordHash password, String role, String agentId, String domain) {
  public User(String username, PasswordHash password, String role, String agentId) {
    this(username, password, role, agentId, null);
  }

  public static final Set<String> ROLES = Set.of("agent", "supervisor", "admin");
  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

  /**
   * Parses {@code user:password:role[:agentId][@domain]}. The password may be a hash as {@link
   * PasswordHash} writes it; a plain one is hashed here with {@code iterations}, and only the
   * hash is kept. A password may contain colons (the role is read from the right) but no comma.
   */
  public static User parse(String spec, int iterations) {
    String domain = null;
    int lastColon = spec.lastIndexOf(':');
    int at = spec.lastIndexOf('@');
    if (at > lastColon && lastColon >= 0) {
      domain = spec.substring(at + 1).trim();
      spec = spec.substring(0, at);
      if (!domain.matches(ApiKey.DOMAIN)) {
        throw new ConfigException("ROUTER_USERS: '" + domain + "' after @ is not a domain name (lower-case letters, digits, dashes)");
      }
    }
    String[] parts = spec.split(":", -1);
    if (parts.length < 3) {
      throw new ConfigException("ROUTER_USERS: expected user:password:role[:agentId], got '" + mask(parts[0]) + ":***'");
    }
    String username = parts[0].trim();
    if (!username.matches(NAME)) {
      throw new ConfigException("ROUTER_USERS: user names are letters, digits and . _ @ - (at most 64), got '" + username + "'");
    }
    String role;
    String agentId = null;
    int passwordEnd;
    if (parts.length >= 4 && parts[parts.length - 2].equals("agent")) {
      role = "agent";
      agentId = parts[parts.length - 1].trim();
      passwordEnd = parts.length - 2;
      if (!agentId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
        throw new ConfigException("ROUTER_USERS: user " + username + " has an invalid agent id");
      }
    } else {
      role = parts[parts.length - 1].trim();
      passwordEnd = parts.length - 1;
    }
    if (role.equals("agent") && agentId == null) {
      throw new ConfigException("ROUTER_USERS: user " + username + " has role agent but no agent id (user:password:agent:a1)");
    }
    if (!ROLES.contains(role)) {
      throw new ConfigException("ROUTER_USERS: user " + username + " has unknown role '" + role + "' (agent, supervisor, admin)");
    }
    String password = String.join(":", java.util.Arrays.asList(parts).subList(1, passwordEnd));
    if (password.isEmpty()) {
      throw new ConfigException("ROUTER_USERS: user " + username + " has an empty password");
    }
    PasswordHash hash;
    if (PasswordHash.looksHashed(password)) {
      hash = PasswordHash.parse(password);
    } else {
      char[] chars = password.toCharArray();
      try {
        hash = PasswordHash.of(chars, iterations);
      } finally {
        java.util.Arrays.fill(chars, '\0');
      }
    }
    return new User(username, hash, role, agentId, domain);
  }

  /** The stored form, with the hash in place of the password. */
  public String spec() {
    return username + ":" + password.encoded() + ":" + roleSpec();
  }

  public String roleSpec() {
    return (agentId == null ? role : role + ":" + agentId) + (domain == null ? "" : "@" + domain);
  }

  @Override
  public String toString() {
    return "User[" + username + ", " + roleSpec() + "]";
  }

  private static String mask(String user) {
    return user.length() > 64 ? user.substring(0, 64) : user;
  }
}
