package dev.contactrouter.telephony;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the bridge needs, read once from the environment (deploy/telephony/run.sh sets it) and
 * checked at start: a bad value stops the bridge with a message naming the variable.
 *
 * @param engine the engine's base URL ({@code ROUTER_URL}, e.g. {@code http://127.0.0.1:8080})
 * @param telephonyKey a key with the {@code telephony} role ({@code ROUTER_TELEPHONY_KEY})
 * @param evapiHost Kamailio's evapi address ({@code TELEPHONY_EVAPI}, default 127.0.0.1:8448)
 * @param evapiPort its port
 * @param queues dialled number to queue ({@code TELEPHONY_QUEUE_MAP}, {@code 4001=stocks,4002=funds});
 *     a number not in it names its queue itself
 * @param reconcileEvery how often the switch's calls are reconciled with the engine's
 *     ({@code TELEPHONY_RECONCILE_SECONDS}, default 10)
 * @param ringMargin how long before an offer expires the switch stops ringing its phone
 *     ({@code TELEPHONY_RING_MARGIN_MILLIS}, default 1000)
 * @param statusPort where the bridge answers {@code GET /status} on 127.0.0.1
 *     ({@code TELEPHONY_STATUS_PORT}; 0, the default, for none)
 */
public record BridgeConfig(URI engine, String telephonyKey, String evapiHost, int evapiPort,
    Map<String, String> queues, Duration reconcileEvery, Duration ringMargin, int statusPort) {

  public BridgeConfig {
    queues = Map.copyOf(queues);
  }

  public static BridgeConfig fromEnvironment(Map<String, String> env) {
    URI engine = engine(required(env, "ROUTER_URL"));
    String key = required(env, "ROUTER_TELEPHONY_KEY");
    String evapi = env.getOrDefault("TELEPHONY_EVAPI", "127.0.0.1:8448").trim();
    int colon = evapi.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("TELEPHONY_EVAPI must be host:port, not '" + evapi + "'");
    }
    int port = number(evapi.substring(colon + 1), "TELEPHONY_EVAPI port", 1, 65_535);
    return new BridgeConfig(engine, key, evapi.substring(0, colon), port,
        queueMap(env.getOrDefault("TELEPHONY_QUEUE_MAP", "")),
        Duration.ofSeconds(number(env.getOrDefault("TELEPHONY_RECONCILE_SECONDS", "10"),
            "TELEPHONY_RECONCILE_SECONDS", 1, 3_600)),
        Duration.ofMillis(number(env.getOrDefault("TELEPHONY_RING_MARGIN_MILLIS", "1000"),
            "TELEPHONY_RING_MARGIN_MILLIS", 0, 60_000)),
        number(env.getOrDefault("TELEPHONY_STATUS_PORT", "0"), "TELEPHONY_STATUS_PORT", 0, 65_535));
  }

  /** The queue of a call: an IVR's header first, then the map, then the dialled number itself. */
  public String queueFor(String dialled, String queueHeader) {
    if (queueHeader != null && !queueHeader.isBlank()) {
      return queueHeader.trim();
    }
    return queues.getOrDefault(dialled, dialled);
  }

  static Map<String, String> queueMap(String spec) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : spec.split("[,\\n]")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("TELEPHONY_QUEUE_MAP: '" + pair.trim() + "' is not number=queue");
      }
      map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return map;
  }

  private static URI engine(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ROUTER_URL must be an http(s) URL such as http://127.0.0.1:8080, not '" + url + "'");
    }
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.trim();
  }

  private static int number(String text, String name, int min, int max) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ", not '" + text + "'");
    }
  }

  /** For logs: everything but the key. */
  @Override
  public String toString() {
    return "BridgeConfig[engine=" + engine + ", evapi=" + evapiHost + ":" + evapiPort + ", queues=" + queues
        + ", reconcileEvery=" + reconcileEvery + ", ringMargin=" + ringMargin + ", statusPort=" + statusPort + "]";
  }
}
