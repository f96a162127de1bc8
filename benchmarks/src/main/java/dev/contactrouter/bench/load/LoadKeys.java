package dev.contactrouter.bench.load;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API keys the load generator acts with: an administrator (to set up queues and agents), a
 * telephony system (to push contacts and report hang-ups) and one key per simulated agent, each
 * of which may act only as its own agent.
 *
 * @param agents agent id to key, in id order
 */
public record LoadKeys(String admin, String telephony, Map<String, String> agents) {

  public LoadKeys {
    agents = Map.copyOf(agents);
  }

  public static String agentId(int i) {
    return "lg-a" + i;
  }

  /** Fresh random keys for {@code agentCount} agents. */
  public static LoadKeys generate(int agentCount) {
    SecureRandom random = new SecureRandom();
    Map<String, String> agents = new LinkedHashMap<>();
    for (int i = 0; i < agentCount; i++) {
      agents.put(agentId(i), newKey(random));
    }
    return new LoadKeys(newKey(random), newKey(random), agents);
  }

  /**
   * Reads key=role pairs, comma- or newline-separated, as ROUTER_API_KEYS holds them (a leading
   * {@code ROUTER_API_KEYS=} is skipped). Roles other than admin, telephony and agent:ID are ignored.
   */
  public static LoadKeys parse(String text) {
    String admin = null;
    String telephony = null;
    Map<String, String> agents = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      String l = line.strip();
      if (l.startsWith("ROUTER_API_KEYS=")) {
        l = l.substring("ROUTER_API_KEYS=".length());
      }
      for (String pair : l.split(",")) {
        String p = pair.strip();
        int eq = p.lastIndexOf('=');
        if (p.isEmpty() || p.startsWith("#") || eq <= 0) {
          continue;
        }
        String key = p.substring(0, eq);
        String role = p.substring(eq + 1);
        if (role.equals("admin") && admin == null) {
          admin = key;
        } else if (role.equals("telephony") && telephony == null) {
          telephony = key;
        } else if (role.startsWith("agent:")) {
          agents.put(role.substring("agent:".length()), key);
        }
      }
    }
    return new LoadKeys(admin, telephony, agents);
  }

  /** The same keys as ROUTER_API_KEYS wants them: {@code key=admin,key=telephony,key=agent:lg-a0,...}. */
  public String asRouterApiKeys() {
    StringBuilder s = new StringBuilder();
    s.append(admin).append("=admin,").append(telephony).append("=telephony");
    agents.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> s.append(',').append(e.getValue()).append("=agent:").append(e.getKey()));
    return s.toString();
  }

  public LoadKeys withAdmin(String key) {
    return key == null ? this : new LoadKeys(key, telephony, agents);
  }

  public LoadKeys withTelephony(String key) {
    return key == null ? this : new LoadKeys(admin, key, agents);
  }

  private static String newKey(SecureRandom random) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return "lg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
