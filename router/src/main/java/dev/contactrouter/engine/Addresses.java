package dev.contactrouter.engine;

/** Every event-bus address the engine uses, in one place. */
public final class Addresses {
  private Addresses() {}

  /** Commands and queries for one routing domain's writer (request/reply). */
  public static String domain(String domainId) {
    return "router.domain." + domainId;
  }

  /** Offers, assignments and state changes for one agent of a domain (publish; every node's sockets listen). */
  public static String agent(String domainId, String agentId) {
    return "router.agent." + domainId + "." + agentId;
  }

  /** A domain's run-time API keys, published whole whenever one is issued or revoked. */
  public static String keys(String domainId) {
    return "router.keys." + domainId;
  }

  /** Questions for one domain's webhook deliverer (request/reply, JSON): its recent deliveries. */
  public static String webhooks(String domainId) {
    return "router.webhooks." + domainId;
  }

  /** Every committed event of one domain, for its telephony and supervisor streams (publish). */
  public static String events(String domainId) {
    return "router.events." + domainId;
  }
}
