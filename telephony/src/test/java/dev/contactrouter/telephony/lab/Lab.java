package dev.contactrouter.telephony.lab;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The test bed: the packaged engine, Kamailio with the shipped configuration and the bridge, each
 * a process of its own on free loopback ports, started through deploy/telephony/run.sh; agents'
 * phones and callers are SIPp processes. Everything it started ends when it is closed (also when
 * the test failed), and its logs stay under target/telephony-it/.
 *
 * <p>Needs kamailio and sipp on the PATH (deploy/telephony/install-deps.sh). With {@code durable}
 * the engine journals in a PostgreSQL database of its own and keeps timers in a redis-server of
 * its own; both are removed at the end.
 */
public final class Lab implements AutoCloseable {
  public static final Path DEPLOY = Path.of(System.getProperty("telephony.deployDir", "../deploy/telephony")).toAbsolutePath().normalize();
  private static final Path ENGINE_JAR = Path.of(System.getProperty("telephony.engineJar", "../router/target/contact-router.jar"));
  private static final Path BRIDGE_JAR = Path.of(System.getProperty("telephony.bridgeJar", "target/telephony-bridge.jar"));
  private static final Path WORK = Path.of(System.getProperty("telephony.workDir", "target/telephony-it"));

  public final Path dir;
  public final String telephonyKey = "tel-" + UUID.randomUUID().toString().replace("-", "");
  public final String supervisorKey = "sup-" + UUID.randomUUID().toString().replace("-", "");
  public final String adminKey = "adm-" + UUID.randomUUID().toString().replace("-", "");
  public final int enginePort = Ports.free();
  public final int sipPort = Ports.free();
  public final int evapiPort = Ports.free();
  public final int bridgeStatusPort = Ports.free();
  private final boolean durable;
  private final int reconcileSeconds;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<AutoCloseable> phonesAndCallers = new ArrayList<>();
  private ChildProcess engine;
  private ChildProcess kamailio;
  private ChildProcess bridge;
  private ChildProcess redis;
  private int redisPort;
  private String database;
  private EngineEvents events;

  private Lab(String name, boolean durable, int reconcileSeconds) throws IOException {
    this.durable = durable;
    this.reconcileSeconds = reconcileSeconds;
    this.dir = WORK.resolve(name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss")) + "-" + enginePort)
        .toAbsolutePath();
    Files.createDirectories(dir);
  }

  /** Fails with a message naming the script that installs them when kamailio or sipp is missing. */
  public static void requireTools() {
    for (String tool : List.of("kamailio", "sipp")) {
      if (!onPath(tool)) {
        throw new AssertionError(tool + " is not installed: run deploy/telephony/install-deps.sh "
            + "(or skip these tests with -Dskip.telephony=true)");
      }
    }
  }

  private static void requireJars() {
    for (Path jar : List.of(ENGINE_JAR, BRIDGE_JAR)) {
      if (!Files.exists(jar)) {
        throw new AssertionError(jar + " is missing: the integration tests run after 'package' (mvn -B verify -Ptelephony)");
      }
    }
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool));
  }

  /** Only Kamailio, for tests that play the bridge themselves ({@link EvapiDriver}). */
  public static Lab switchOnly(String name) throws Exception {
    requireTools();
    Lab lab = new Lab(name, false, 10);
    try {
      lab.startKamailio();
      return lab;
    } catch (Exception | AssertionError e) {
      lab.close();
      throw e;
    }
  }

  /** A phone that is no agent of any engine: a SIPp UAS playing {@code scenario}. */
  public Phone phone(String name, String scenario, int answerDelayMillis) throws IOException {
    Phone phone = Phone.start(name, DEPLOY.resolve("sipp").resolve(scenario), answerDelayMillis, dir);
    phonesAndCallers.add(phone);
    return phone;
  }

  public static Lab start(String name, boolean durable) throws Exception {
    return start(name, durable, 10);
  }

  public static Lab start(String name, boolean durable, int reconcileSeconds) throws Exception {
    requireTools();
    requireJars();
    Lab lab = new Lab(name, durable, reconcileSeconds);
    try {
      if (durable) {
        lab.startStores();
      }
      lab.startEngine();
      lab.startKamailio();
      lab.startBridge();
      lab.awaitBridge(30);
      lab.events = new EngineEvents(lab.enginePort, lab.supervisorKey);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!lab.events.isOpen() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      return lab;
    } catch (Exception | AssertionError e) {
      lab.close();
      throw e;
    }
  }

  // ---- processes

  private void startStores() throws Exception {
    database = "telephony_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    run(List.of("createdb", "-h", "127.0.0.1", "-U", "postgres", database), 30);
    redisPort = Ports.free();
    redis = ChildProcess.start("redis", List.of("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString()), Map.of(), dir.resolve("redis.log"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (var s = new java.net.Socket("127.0.0.1", redisPort)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("redis-server did not start:\n" + redis.tail(20));
  }

  public void startEngine() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("ROUTER_HTTP_PORT", String.valueOf(enginePort));
    env.put("ROUTER_HTTP_HOST", "127.0.0.1");
    env.put("ROUTER_API_KEYS", telephonyKey + "=telephony," + supervisorKey + "=supervisor," + adminKey + "=admin");
    env.put("ROUTER_LOG_LEVEL", "INFO");
    if (durable) {
      env.put("ROUTER_PG_URL", "postgresql://postgres@127.0.0.1:5432/" + database);
      env.put("ROUTER_REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0");
    }
    engine = ChildProcess.start("engine", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-jar", ENGINE_JAR.toAbsolutePath().toString()), env, dir.resolve("engine.log"));
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (true) {
      if (!engine.isAlive()) {
        throw new AssertionError("the engine exited:\n" + engine.tail(40));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + enginePort + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the engine did not answer /health within 90 s:\n" + engine.tail(40));
      }
      Thread.sleep(200);
    }
  }

  public void killEngine() {
    engine.kill();
  }

  public void startKamailio() throws Exception {
    Path runDir = dir.resolve("kamailio-run");
    Files.createDirectories(runDir);
    kamailio = ChildProcess.start("kamailio", List.of("bash", DEPLOY.resolve("run.sh").toString(), "kamailio"),
        Map.of("SIP_LISTEN", "127.0.0.1:" + sipPort, "EVAPI_LISTEN", "127.0.0.1:" + evapiPort,
            "RUN_DIR", runDir.toString(), "KAMAILIO_LOG_LEVEL", "1", "SIP_WORKERS", "4"),
        dir.resolve("kamailio.log"));
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!Files.exists(runDir.resolve("kamailio.pid")) || !listening(evapiPort)) {
      if (!kamailio.isAlive()) {
        throw new AssertionError("Kamailio exited:\n" + kamailio.tail(40));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Kamailio did not start within 20 s:\n" + kamailio.tail(40));
      }
      Thread.sleep(100);
    }
  }

  private static boolean listening(int port) {
    try (var s = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL for Kamailio and all its processes: every call it held is gone. */
  public void killKamailio() {
    kamailio.kill();
  }

  public void startBridge() throws Exception {
    bridge = ChildProcess.start("bridge", List.of("bash", DEPLOY.resolve("run.sh").toString(), "bridge"),
        Map.of("ROUTER_URL", "http://127.0.0.1:" + enginePort, "ROUTER_TELEPHONY_KEY", telephonyKey,
            "EVAPI_LISTEN", "127.0.0.1:" + evapiPort, "TELEPHONY_STATUS_PORT", String.valueOf(bridgeStatusPort),
            "TELEPHONY_RECONCILE_SECONDS", String.valueOf(reconcileSeconds),
            "BRIDGE_JAR", BRIDGE_JAR.toAbsolutePath().toString(), "JAVA_OPTS", "-Xmx192m -XX:+UseSerialGC"),
        dir.resolve("bridge.log"));
  }

  /** SIGKILL for the bridge: whatever it had not reported yet is lost with it. */
  public void killBridge() {
    bridge.kill();
  }

  /** Waits until the bridge is connected to the switch and to the engine's event stream. */
  public void awaitBridge(long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!bridge.isAlive()) {
        throw new AssertionError("the bridge exited:\n" + bridge.tail(40));
      }
      JsonObject status = bridgeStatus();
      if (status != null && status.getBoolean("switch", false) && status.getBoolean("events", false)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the bridge was not connected within " + seconds + " s: " + bridgeStatus() + "\n" + bridge.tail(40));
  }

  public JsonObject bridgeStatus() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridgeStatusPort + "/status"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
    } catch (Exception e) {
      return null;
    }
  }

  public EngineEvents events() {
    return events;
  }

  // ---- the engine's API

  public record Reply(int status, String body) {
    public JsonObject json() {
      return body.isBlank() ? new JsonObject() : new JsonObject(body);
    }

    public JsonArray array() {
      return new JsonArray(body);
    }
  }

  public Reply call(String method, String path, String key, JsonObject body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + enginePort + path))
          .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + key);
      if (body != null) {
        b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public JsonObject ok(String method, String path, String key, JsonObject body) {
    Reply r = call(method, path, key, body);
    if (r.status() >= 300) {
      throw new AssertionError(method + " " + path + " -> " + r.status() + " " + r.body());
    }
    return r.json();
  }

  /** A voice queue requiring {@code skills}, with short offers and wrap-up for tests. */
  public void queue(String id, JsonObject skills, int offerTimeoutSeconds, int wrapUpSeconds) {
    ok("PUT", "/v1/queues/" + id, adminKey, new JsonObject().put("name", "Queue " + id).put("channel", "voice")
        .put("skills", skills).put("offerTimeoutSeconds", offerTimeoutSeconds).put("wrapUpSeconds", wrapUpSeconds));
  }

  /**
   * An agent with {@code skills} whose phone is a SIPp UAS playing {@code scenario} (a file in
   * deploy/telephony/sipp), answering after {@code answerDelayMillis}; the agent is made available.
   */
  public Phone agent(String id, JsonObject skills, String scenario, int answerDelayMillis) throws IOException {
    Phone phone = Phone.start(id, DEPLOY.resolve("sipp").resolve(scenario), answerDelayMillis, dir);
    phonesAndCallers.add(phone);
    ok("PUT", "/v1/agents/" + id, adminKey, new JsonObject().put("name", "Agent " + id).put("skills", skills)
        .put("capacity", new JsonObject().put("voice", 1)).put("devices", new JsonObject().put("sip", phone.device())));
    return phone;
  }

  public void available(String agentId) {
    ok("PUT", "/v1/agents/" + agentId + "/status", supervisorKey, new JsonObject().put("status", "available"));
  }

  public JsonObject agentState(String id) {
    return ok("GET", "/v1/agents/" + id, supervisorKey, null);
  }

  public JsonObject contact(String contactId) {
    return ok("GET", "/v1/contacts/" + contactId, supervisorKey, null);
  }

  public JsonObject history(String contactId) {
    return ok("GET", "/v1/contacts/" + contactId + "/history", supervisorKey, null);
  }

  /** Waits (bounded) until the agent's state matches. */
  public JsonObject awaitAgent(String id, Predicate<JsonObject> match, long seconds, String what) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = agentState(id);
      if (match.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("agent " + id + " not " + what + " within " + seconds + " s; last " + last);
  }

  /** Callers dialling {@code number} (the queue's id, or a mapped number). */
  public Callers callers(String name, String scenario, String number, int calls, double rate, int durationMillis,
      int timeoutSeconds) throws IOException {
    Callers c = Callers.start(name, DEPLOY.resolve("sipp").resolve(scenario), sipPort, number, calls, rate,
        durationMillis, timeoutSeconds, dir);
    phonesAndCallers.add(c);
    return c;
  }

  public String tails() {
    StringBuilder b = new StringBuilder();
    for (ChildProcess p : new ChildProcess[] {engine, kamailio, bridge}) {
      if (p != null) {
        b.append(p.tail(25)).append("\n");
      }
    }
    return b.toString();
  }

  public static String encode(String callId) {
    return URLEncoder.encode(callId, StandardCharsets.UTF_8);
  }

  private void run(List<String> command, long seconds) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("setup.log").toFile())).start();
    if (!p.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish within " + seconds + " s");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(command + " failed (see " + dir.resolve("setup.log") + ")");
    }
  }

  @Override
  public void close() {
    if (events != null) {
      events.close();
    }
    for (AutoCloseable c : phonesAndCallers) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing the rest
      }
    }
    for (ChildProcess p : new ChildProcess[] {bridge, kamailio, engine, redis}) {
      if (p != null) {
        p.close();
      }
    }
    if (database != null) {
      try {
        run(List.of("dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database), 30);
      } catch (Exception e) {
        System.err.println("could not drop " + database + ": " + e.getMessage());
      }
    }
  }
}
