package dev.contactrouter.bench.load;

import dev.contactrouter.RouterApp;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.config.Setting;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Puts load on an engine and reports what a contact centre would see, next to Erlang C, and how
 * the engine's intake compares with a bare Vert.x endpoint on the same machine. See {@link
 * LoadOptions#USAGE} and benchmarks/README.md.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.LoadGenerator [options]</pre>
 */
public final class LoadGenerator {
  static final String INTAKE_QUEUE = "lg-intake";

  private final LoadOptions o;
  private final String command;
  private final Vertx client = Vertx.vertx();
  private final Vertx engineVertx;
  private final Vertx bareVertx;
  private Context ctx;
  private RouterApp app;
  private LoadKeys keys;
  private String host;
  private int port;
  private CentreLane.Result centre;
  private IntakeLane.Result bare;
  private IntakeLane.Result engine;

  private LoadGenerator(LoadOptions o, String command) {
    this.o = o;
    this.command = command;
    // Each side gets its own Vert.x, as separate processes would have: engine, bare endpoint, client.
    this.engineVertx = o.url() == null ? Vertx.vertx() : null;
    this.bareVertx = o.intake() && o.bare() ? Vertx.vertx() : null;
  }

  public static void main(String[] args) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(LoadOptions.USAGE);
      return;
    }
    LoadOptions o;
    try {
      o = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    if (o.writeKeys() != null) {
      writeKeys(o);
      return;
    }
    if (System.getProperty("ROUTER_LOG_LEVEL") == null && System.getenv("ROUTER_LOG_LEVEL") == null) {
      System.setProperty("ROUTER_LOG_LEVEL", "WARN"); // the embedded engine's INFO lines would drown the report
    }
    String command = "java -cp benchmarks/target/benchmarks.jar " + LoadGenerator.class.getName()
        + (args.length == 0 ? "" : " " + String.join(" ", args));
    long bound = o.warmupSeconds() + o.durationSeconds() + o.drainSeconds() + 2L * (o.intakeSeconds() + o.intakeWarmupSeconds()) + 600;
    try {
      LoadReport report = run(o, command).toCompletionStage().toCompletableFuture().get(bound, TimeUnit.SECONDS);
      String markdown = report.markdown();
      System.out.println(markdown);
      if (o.out() != null) {
        Files.writeString(o.out(), markdown, StandardCharsets.UTF_8);
        System.out.println("report written to " + o.out());
      }
      System.exit(0);
    } catch (ExecutionException e) {
      System.err.println("load run failed: " + e.getCause());
      System.exit(1);
    } catch (TimeoutException e) {
      System.err.println("load run did not finish within " + bound + " s; giving up");
      System.exit(1);
    } catch (InterruptedException | IOException e) {
      System.err.println("load run failed: " + e);
      System.exit(1);
    }
  }

  /** One whole run; every Vert.x instance it starts is closed before the future completes. */
  public static Future<LoadReport> run(LoadOptions o, String command) {
    LoadGenerator g = new LoadGenerator(o, command);
    g.ctx = g.client.getOrCreateContext();
    Promise<LoadReport> report = Promise.promise();
    g.ctx.runOnContext(v -> g.phases().onComplete(report));
    return report.future();
  }

  private Future<LoadReport> phases() {
    Instant at = Instant.now();
    return target()
        .compose(v -> configure())
        .compose(v -> o.centre() ? centre() : Future.succeededFuture())
        .compose(v -> o.intake() && o.bare() ? intakeBare() : Future.succeededFuture())
        .compose(v -> o.intake() ? intakeEngine() : Future.succeededFuture())
        .map(v -> new LoadReport(at, Machine.current(), o,
            o.url() == null ? "embedded engine, started in this JVM on 127.0.0.1:" + port : o.url(),
            command, centre, bare, engine))
        .eventually(this::shutdown);
  }

  // ------------------------------------------------------------ target

  private Future<Void> target() {
    if (o.url() == null) {
      keys = LoadKeys.generate(o.agents());
      RouterConfig config = RouterConfig.from(new JsonObject()
          .put(Setting.HTTP_PORT.env(), 0)
          .put(Setting.HTTP_HOST.env(), "127.0.0.1")
          .put(Setting.API_KEYS.env(), keys.asRouterApiKeys())
          // The load is one telephony key offering thousands of contacts a second: measure
          // capacity, not the per-key rate limit (start an engine with --url to include it).
          .put(Setting.RATE_LIMIT_PER_SECOND.env(), 0));
      return here(RouterApp.start(engineVertx, config)).map(started -> {
        app = started;
        host = "127.0.0.1";
        port = started.httpPort();
        return null;
      });
    }
    try {
      keys = o.keysFile() == null
          ? new LoadKeys(null, null, java.util.Map.of())
          : LoadKeys.parse(Files.readString(o.keysFile()));
    } catch (IOException e) {
      return Future.failedFuture(new IllegalArgumentException("cannot read --keys " + o.keysFile() + ": " + e.getMessage()));
    }
    keys = keys.withAdmin(o.adminKey()).withTelephony(o.telephonyKey());
    URI uri = URI.create(o.url());
    host = uri.getHost();
    port = uri.getPort() > 0 ? uri.getPort() : 80;
    if (keys.admin() == null || keys.telephony() == null) {
      return Future.failedFuture(new IllegalArgumentException("--url needs an admin and a telephony key (--keys, --admin-key, --telephony-key)"));
    }
    if (o.centre()) {
      for (int i = 0; i < o.agents(); i++) {
        if (!keys.agents().containsKey(LoadKeys.agentId(i))) {
          return Future.failedFuture(new IllegalArgumentException("no key for agent " + LoadKeys.agentId(i)
              + " in --keys; generate a set with --write-keys FILE --agents " + o.agents() + " and start the engine with it"));
        }
      }
    }
    return Future.succeededFuture();
  }

  /** Queues lg-q0.. (one skill each), their agents, and the intake queue nobody serves. */
  private Future<Void> configure() {
    WebClient admin = WebClient.create(client, new WebClientOptions().setDefaultHost(host).setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(16));
    List<Supplier<Future<?>>> puts = new ArrayList<>();
    puts.add(() -> put(admin, "/v1/queues/" + INTAKE_QUEUE, new JsonObject()
        .put("name", "Load generator intake (nobody serves it)")
        .put("channel", "voice")
        .put("skills", new JsonObject().put("lg-nobody", 1))));
    if (o.centre()) {
      for (int q = 0; q < o.queues(); q++) {
        int queue = q;
        puts.add(() -> put(admin, "/v1/queues/lg-q" + queue, new JsonObject()
            .put("name", "Load generator queue " + queue)
            .put("channel", "voice")
            .put("skills", new JsonObject().put("lg-s" + queue, 1))
            .put("wrapUpSeconds", o.wrapUpSeconds())
            .put("offerTimeoutSeconds", 30)
            .put("expectedHandleSeconds", Math.max(1, o.handleMillis() / 1000))));
      }
      for (int i = 0; i < o.agents(); i++) {
        int agent = i;
        puts.add(() -> put(admin, "/v1/agents/" + LoadKeys.agentId(agent), new JsonObject()
            .put("name", "Load generator agent " + agent)
            .put("skills", new JsonObject().put("lg-s" + (agent % o.queues()), 3))
            .put("capacity", o.mix().services()
                ? new JsonObject().put("voice", 1).put("email", 1).put("callback", 1)
                : new JsonObject().put("voice", 1))));
      }
      if (o.mix().services()) {
        puts.add(() -> put(admin, "/v1/queues/" + ServiceMix.COMPLAINT_QUEUE, ServiceMix.complaintQueue())
            .compose(v -> put(admin, "/v1/queues/" + ServiceMix.RETURN_QUEUE, ServiceMix.returnQueue()))
            .compose(v -> put(admin, "/v1/rules", o.mix().rules())));
      }
    }
    return Bounded.all(puts, 16).eventually(() -> {
      admin.close();
      return Future.succeededFuture();
    });
  }

  private Future<Void> put(WebClient admin, String path, JsonObject body) {
    return admin.put(path).putHeader("Authorization", "Bearer " + keys.admin()).sendJsonObject(body)
        .compose(r -> r.statusCode() == 200
            ? Future.<Void>succeededFuture()
            : Future.failedFuture("PUT " + path + " -> " + r.statusCode() + " " + r.bodyAsString()));
  }

  // ------------------------------------------------------------ contact centre

  private Future<Void> centre() {
    int lanes = Math.min(o.lanes(), o.queues());
    List<CentreLane> all = new ArrayList<>();
    String runId = Long.toString(System.currentTimeMillis(), 36);
    for (int lane = 0; lane < lanes; lane++) {
      List<Integer> queues = new ArrayList<>();
      for (int q = lane; q < o.queues(); q += lanes) {
        queues.add(q);
      }
      List<Integer> agents = new ArrayList<>();
      for (int i = 0; i < o.agents(); i++) {
        if ((i % o.queues()) % lanes == lane) {
          agents.add(i);
        }
      }
      int maxContacts = (int) Math.max(1, (long) o.maxContacts() * queues.size() / o.queues());
      all.add(new CentreLane(new CentreLane.Plan(host, port, keys, queues, agents, o, lane, runId, maxContacts)));
    }
    List<String> ids = new ArrayList<>();
    return here(Future.all(all.stream().map(l -> client.deployVerticle(l).onSuccess(ids::add)).toList()))
        .compose(v -> {
          long start = System.nanoTime() + 200_000_000L;
          long measureFrom = start + o.warmupSeconds() * 1_000_000_000L;
          long end = measureFrom + o.durationSeconds() * 1_000_000_000L;
          all.forEach(l -> l.begin(start, measureFrom, end));
          return here(Future.all(all.stream().map(CentreLane::finished).toList()));
        })
        .map(done -> {
          CentreLane.Result merged = new CentreLane.Result();
          all.forEach(l -> merged.add(l.finished().result()));
          centre = merged;
          return (Void) null;
        })
        .eventually(() -> undeploy(ids));
  }

  // ------------------------------------------------------------ intake comparison

  private Future<Void> intakeBare() {
    return here(BareServer.start(bareVertx, 0))
        .compose(server -> intake("127.0.0.1", server.port(), false))
        .map(r -> {
          bare = r;
          return (Void) null;
        })
        .eventually(() -> here(bareVertx.close()));
  }

  private Future<Void> intakeEngine() {
    return intake(host, port, o.verifyAcknowledged()).compose(r -> {
      engine = r;
      return o.verifyAcknowledged() ? readBack(r) : Future.succeededFuture();
    });
  }

  /**
   * Reads back every contact the engine acknowledged (201) during the intake phase, 16 at a time:
   * one that is not there (404) or cannot be read is counted as lost.
   */
  private Future<Void> readBack(IntakeLane.Result r) {
    WebClient reader = WebClient.create(client, new WebClientOptions().setDefaultHost(host).setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(16));
    List<Supplier<Future<?>>> reads = new ArrayList<>();
    long[] found = new long[1];
    List<String> lost = new ArrayList<>();
    for (String id : r.acknowledgedIds) {
      reads.add(() -> reader.get("/v1/contacts/" + id).putHeader("Authorization", "Bearer " + keys.admin()).send()
          .map(resp -> {
            if (resp.statusCode() == 200) {
              found[0]++;
            } else {
              lost.add(id + " -> " + resp.statusCode());
            }
            return null;
          })
          .recover(err -> {
            lost.add(id + " -> " + err);
            return Future.succeededFuture();
          }));
    }
    return Bounded.all(reads, 16).eventually(() -> {
      reader.close();
      return Future.succeededFuture();
    }).map(v -> {
      r.readBack = found[0];
      r.lost = lost;
      return null;
    });
  }

  private Future<IntakeLane.Result> intake(String targetHost, int targetPort, boolean collectIds) {
    Buffer body = new JsonObject()
        .put("channel", "voice")
        .put("queue", INTAKE_QUEUE)
        .put("customer", new JsonObject().put("id", "intake-caller").put("tier", "standard"))
        .toBuffer();
    long start = System.nanoTime() + 300_000_000L;
    List<IntakeLane> lanes = new ArrayList<>();
    for (int lane = 0; lane < o.lanes(); lane++) {
      long offset = (long) (lane * 1e9 / o.intakeRate());
      lanes.add(new IntakeLane(new IntakeLane.Plan(targetHost, targetPort, "/v1/contacts",
          "Bearer " + keys.telephony(), body, o.intakeRate() / o.lanes(), start + offset,
          o.intakeWarmupSeconds() * 1_000_000_000L, o.intakeSeconds() * 1_000_000_000L,
          Math.max(1, o.intakeInFlight() / o.lanes()), o.connections(), 10_000_000_000L, collectIds)));
    }
    List<String> ids = new ArrayList<>();
    return here(Future.all(lanes.stream().map(l -> client.deployVerticle(l).onSuccess(ids::add)).toList()))
        .compose(v -> here(Future.all(lanes.stream().map(IntakeLane::finished).toList())))
        .map(v -> {
          IntakeLane.Result merged = new IntakeLane.Result();
          lanes.forEach(l -> merged.add(l.finished().result()));
          return merged;
        })
        .eventually(() -> undeploy(ids));
  }

  // ------------------------------------------------------------ housekeeping

  private Future<Void> undeploy(List<String> ids) {
    return here(Future.all(ids.stream().map(id -> client.undeploy(id).recover(err -> Future.succeededFuture())).toList()))
        .mapEmpty();
  }

  /**
   * The same outcome, delivered on the run's own context: a future completed by another Vert.x
   * instance (the engine's, the bare endpoint's) or another lane would otherwise carry the rest of
   * the run onto that thread, and hang it once that instance is closed.
   */
  private <T> Future<T> here(Future<T> elsewhere) {
    Promise<T> p = Promise.promise();
    elsewhere.onComplete(ar -> ctx.runOnContext(v -> p.handle(ar)));
    return p.future();
  }

  private Future<Void> shutdown() {
    Future<Void> stopped = app == null ? Future.succeededFuture() : here(app.stop());
    return stopped
        .compose(v -> engineVertx == null ? Future.succeededFuture() : here(engineVertx.close()))
        .eventually(() -> bareVertx == null ? Future.succeededFuture() : here(bareVertx.close()))
        .eventually(() -> {
          // Closing our own Vert.x from one of its threads: let the close run on its own.
          new Thread(client::close, "load-generator-close").start();
          return Future.succeededFuture();
        });
  }

  private static void writeKeys(LoadOptions o) {
    LoadKeys k = LoadKeys.generate(o.agents());
    try {
      Files.writeString(o.writeKeys(), "ROUTER_API_KEYS=" + k.asRouterApiKeys() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("cannot write " + o.writeKeys() + ": " + e.getMessage());
      System.exit(1);
    }
    System.out.println("wrote keys for an admin, a telephony system and " + o.agents() + " agents (lg-a0..lg-a"
        + (o.agents() - 1) + ") to " + o.writeKeys() + ". Start the engine with them, e.g.\n"
        + "  env $(cat " + o.writeKeys() + ") ROUTER_HTTP_PORT=8081 java -jar router/target/contact-router.jar\n"
        + "then run the load generator with --url http://127.0.0.1:8081 --keys " + o.writeKeys());
  }
}
