package dev.contactrouter.bench.load;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * What one load-generator run does. Every run is bounded in contacts and time, and sends traffic
 * to a loopback address only.
 *
 * @param url a running engine's base URL, or null to start one in-process on a free port
 * @param keysFile key=role pairs (as in ROUTER_API_KEYS, comma- or newline-separated) for {@code url}
 * @param agents simulated agents, spread round-robin over the queues
 * @param queues queues, each with its own skill and its own Poisson arrivals
 * @param rate contacts per second offered across all queues (the centre scenario)
 * @param warmupSeconds how long contacts arrive before the measured window (not counted)
 * @param durationSeconds how long contacts arrive in the measured window
 * @param maxContacts hard cap on contacts created in the centre scenario
 * @param thinkMillis how long an agent takes to accept an offer
 * @param handleMillis mean handling time (exponential)
 * @param wrapUpSeconds the queues' wrap-up time
 * @param patienceMillis callers' mean patience (exponential); a caller still waiting then hangs up
 * @param serviceLevelMillis the service-level target T (answered within T)
 * @param drainSeconds how long to wait after the last arrival for calls to end
 * @param intakeRate POSTs per second offered in the intake comparison (engine and bare endpoint)
 * @param intakeSeconds measured seconds of the intake comparison, per target
 * @param intakeWarmupSeconds unmeasured seconds before that, per target
 * @param intakeInFlight most requests outstanding at once in the intake comparison
 * @param connections HTTP connections per client lane
 * @param lanes client event loops; the centre's queues are split between them
 * @param verifyAcknowledged after the engine's intake, read back every contact it answered 201
 */
public record LoadOptions(
    String url,
    Path keysFile,
    String adminKey,
    String telephonyKey,
    Path writeKeys,
    int agents,
    int queues,
    double rate,
    int warmupSeconds,
    int durationSeconds,
    int maxContacts,
    int thinkMillis,
    int handleMillis,
    int wrapUpSeconds,
    int patienceMillis,
    int serviceLevelMillis,
    int drainSeconds,
    double intakeRate,
    int intakeSeconds,
    int intakeWarmupSeconds,
    int intakeInFlight,
    int connections,
    int lanes,
    boolean centre,
    boolean intake,
    boolean bare,
    long seed,
    Path out,
    boolean verifyAcknowledged,
    ServiceMix mix) {

  public static LoadOptions defaults() {
    return new LoadOptions(null, null, null, null, null,
        2160, 4, 1000, 5, 30, 100_000, 50, 1000, 1, 2000, 200, 10,
        20_000, 10, 5, 256, 64, 1,
        true, true, true, 42, null, false, ServiceMix.OFF);
  }

  /** The mean time one contact takes an agent, as configured: think + handle + wrap-up. */
  public double serviceSeconds() {
    return (thinkMillis + handleMillis) / 1000.0 + wrapUpSeconds;
  }

  public static final String USAGE = """
      usage: java -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.LoadGenerator [options]

      Without --url an engine is started in this JVM on a free loopback port. Three phases, each
      optional: the contact-centre scenario against the engine (Poisson callers, simulated agents
      on WebSockets, Erlang C next to the measurements), then the intake comparison: the same fixed
      POST schedule against a bare Vert.x endpoint started here and against the engine.

      target
        --url URL               a running engine (loopback only), e.g. http://127.0.0.1:8081
        --keys FILE             key=role pairs for it (admin, telephony, agent:lg-a0 ...)
        --admin-key KEY         overrides the admin key from --keys
        --telephony-key KEY     overrides the telephony key from --keys
        --write-keys FILE       write ROUTER_API_KEYS=... for --agents agents to FILE and exit
      contact centre
        --agents N              simulated agents (default 2160), lg-a0, lg-a1, ...
        --queues N              queues lg-q0.. with one skill each (default 4)
        --rate R                contacts/s offered across all queues (default 1000)
        --warmup-s S            arrivals before the measured window, not counted (default 5)
        --duration S            measured seconds of arrivals (default 30)
        --max-contacts N        cap on contacts (default 100000)
        --think-ms MS           agent's time to accept an offer (default 50)
        --handle-ms MS          mean handling time, exponential (default 1000)
        --wrap-up-s S           wrap-up after each contact (default 1)
        --patience-ms MS        callers' mean patience, exponential (default 2000)
        --sl-ms MS              service-level target (default 200)
        --drain-s S             wait after the last arrival (default 10)
      service mix (a soak: every kind of record the engine keeps grows)
        --sale-share F          share of completed calls recorded as a sale, 0 to 1 (default 0):
                                each schedules a return visit, a callback for the same agent
        --complaint-share F     share of answered calls the agent opens a complaint case from
                                (default 0); agents take its work items through to closing
        --return-visit-s S      delay of return visits after a sale or a closed case (default 30)
        --idempotency-keys      every agent call (accept, complete, complaint step) carries an
                                Idempotency-Key
      intake comparison
        --intake-rate R         POSTs/s offered (default 20000; above capacity it measures capacity)
        --intake-s S            measured seconds per target (default 10)
        --intake-warmup-s S     unmeasured seconds first (default 5)
        --intake-inflight N     most requests outstanding (default 256)
      general
        --connections N         HTTP connections per lane (default 64)
        --lanes N               client event loops (default 1)
        --skip-centre, --skip-intake, --skip-bare
        --verify-acks           after the engine's intake, read back every contact answered 201
                                (an overload run: refusals are 503s, acknowledged ones must all be there)
        --seed N                random seed (default 42)
        --out FILE              also write the Markdown report to FILE
      """;

  /** Parses command-line options over the defaults; throws IllegalArgumentException with the reason. */
  public static LoadOptions parse(String... args) {
    LoadOptions o = defaults();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--skip-centre")) {
        o = o.with(b -> b.centre = false);
        continue;
      }
      if (a.equals("--skip-intake")) {
        o = o.with(b -> b.intake = false);
        continue;
      }
      if (a.equals("--skip-bare")) {
        o = o.with(b -> b.bare = false);
        continue;
      }
      if (a.equals("--idempotency-keys")) {
        o = o.with(b -> b.mix = b.mix.withIdempotencyKeys());
        continue;
      }
      if (a.equals("--verify-acks")) {
        o = o.with(b -> b.verifyAcknowledged = true);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "unknown argument " + a);
      }
      String v = args[++i];
      o = switch (a) {
        case "--url" -> o.with(b -> b.url = loopback(v));
        case "--keys" -> o.with(b -> b.keysFile = Path.of(v));
        case "--admin-key" -> o.with(b -> b.adminKey = v);
        case "--telephony-key" -> o.with(b -> b.telephonyKey = v);
        case "--write-keys" -> o.with(b -> b.writeKeys = Path.of(v));
        case "--agents" -> o.with(b -> b.agents = positive(a, v));
        case "--queues" -> o.with(b -> b.queues = positive(a, v));
        case "--rate" -> o.with(b -> b.rate = positiveDouble(a, v));
        case "--warmup-s" -> o.with(b -> b.warmupSeconds = atLeast(a, v, 0));
        case "--duration" -> o.with(b -> b.durationSeconds = positive(a, v));
        case "--max-contacts" -> o.with(b -> b.maxContacts = positive(a, v));
        case "--think-ms" -> o.with(b -> b.thinkMillis = atLeast(a, v, 0));
        case "--handle-ms" -> o.with(b -> b.handleMillis = positive(a, v));
        case "--wrap-up-s" -> o.with(b -> b.wrapUpSeconds = atLeast(a, v, 0));
        case "--patience-ms" -> o.with(b -> b.patienceMillis = positive(a, v));
        case "--sl-ms" -> o.with(b -> b.serviceLevelMillis = atLeast(a, v, 0));
        case "--drain-s" -> o.with(b -> b.drainSeconds = atLeast(a, v, 0));
        case "--intake-rate" -> o.with(b -> b.intakeRate = positiveDouble(a, v));
        case "--intake-s" -> o.with(b -> b.intakeSeconds = positive(a, v));
        case "--intake-warmup-s" -> o.with(b -> b.intakeWarmupSeconds = atLeast(a, v, 0));
        case "--intake-inflight" -> o.with(b -> b.intakeInFlight = positive(a, v));
        case "--connections" -> o.with(b -> b.connections = positive(a, v));
        case "--lanes" -> o.with(b -> b.lanes = positive(a, v));
        case "--sale-share" -> o.with(b -> b.mix = b.mix.withSaleShare(share(a, v)));
        case "--complaint-share" -> o.with(b -> b.mix = b.mix.withComplaintShare(share(a, v)));
        case "--return-visit-s" -> o.with(b -> b.mix = b.mix.withReturnVisitSeconds(atLeast(a, v, 0)));
        case "--seed" -> o.with(b -> b.seed = Long.parseLong(v));
        case "--out" -> o.with(b -> b.out = Path.of(v));
        default -> throw new IllegalArgumentException("unknown option " + a);
      };
    }
    if (o.warmupSeconds + o.durationSeconds > 3600 || o.intakeSeconds + o.intakeWarmupSeconds > 3600) {
      throw new IllegalArgumentException("a run is bounded: at most an hour per phase");
    }
    if (o.agents < o.queues) {
      throw new IllegalArgumentException("--agents must be at least --queues, so every queue is staffed");
    }
    return o;
  }

  /** Only loopback targets: this tool never sends load off the machine. */
  static String loopback(String url) {
    java.net.URI uri = java.net.URI.create(url);
    String host = uri.getHost();
    if (!"http".equals(uri.getScheme()) || host == null) {
      throw new IllegalArgumentException("--url must be http://host:port, got " + url);
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (!(h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1"))) {
      throw new IllegalArgumentException("--url must be a loopback address (127.0.0.0/8, localhost, [::1]), got " + host);
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static int positive(String name, String v) {
    return atLeast(name, v, 1);
  }

  private static int atLeast(String name, String v, int min) {
    int n;
    try {
      n = Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got " + v);
    }
    if (n < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + v);
    }
    return n;
  }

  private static double share(String name, String v) {
    return number(name, v, d -> d >= 0 && d <= 1, "0 to 1");
  }

  private static double positiveDouble(String name, String v) {
    return number(name, v, d -> d > 0, "positive");
  }

  /** {@code v} as a number that {@code allowed} accepts; else a message that it must be {@code what}. */
  private static double number(String name, String v, DoublePredicate allowed, String what) {
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got " + v);
    }
    if (!allowed.test(d)) {
      throw new IllegalArgumentException(name + " must be " + what + ", got " + v);
    }
    return d;
  }

  // A small mutable copy keeps the parser readable without a dozen with-methods.
  private LoadOptions with(java.util.function.Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  private static final class Builder {
    String url;
    Path keysFile;
    String adminKey;
    String telephonyKey;
    Path writeKeys;
    int agents;
    int queues;
    double rate;
    int warmupSeconds;
    int durationSeconds;
    int maxContacts;
    int thinkMillis;
    int handleMillis;
    int wrapUpSeconds;
    int patienceMillis;
    int serviceLevelMillis;
    int drainSeconds;
    double intakeRate;
    int intakeSeconds;
    int intakeWarmupSeconds;
    int intakeInFlight;
    int connections;
    int lanes;
    boolean centre;
    boolean intake;
    boolean bare;
    long seed;
    Path out;
    boolean verifyAcknowledged;
    ServiceMix mix;

    Builder(LoadOptions o) {
      url = o.url;
      keysFile = o.keysFile;
      adminKey = o.adminKey;
      telephonyKey = o.telephonyKey;
      writeKeys = o.writeKeys;
      agents = o.agents;
      queues = o.queues;
      rate = o.rate;
      warmupSeconds = o.warmupSeconds;
      durationSeconds = o.durationSeconds;
      maxContacts = o.maxContacts;
      thinkMillis = o.thinkMillis;
      handleMillis = o.handleMillis;
      wrapUpSeconds = o.wrapUpSeconds;
      patienceMillis = o.patienceMillis;
      serviceLevelMillis = o.serviceLevelMillis;
      drainSeconds = o.drainSeconds;
      intakeRate = o.intakeRate;
      intakeSeconds = o.intakeSeconds;
      intakeWarmupSeconds = o.intakeWarmupSeconds;
      intakeInFlight = o.intakeInFlight;
      connections = o.connections;
      lanes = o.lanes;
      centre = o.centre;
      intake = o.intake;
      bare = o.bare;
      seed = o.seed;
      out = o.out;
      verifyAcknowledged = o.verifyAcknowledged;
      mix = o.mix;
    }

    LoadOptions build() {
      return new LoadOptions(url, keysFile, adminKey, telephonyKey, writeKeys, agents, queues, rate,
          warmupSeconds, durationSeconds, maxContacts, thinkMillis, handleMillis, wrapUpSeconds, patienceMillis,
          serviceLevelMillis, drainSeconds, intakeRate, intakeSeconds, intakeWarmupSeconds,
          intakeInFlight, connections, lanes, centre, intake, bare, seed, out, verifyAcknowledged, mix);
    }
  }
}
