package dev.contactrouter;

import static dev.contactrouter.testing.Await.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged engine ({@code target/contact-router.jar}) running in a child JVM of the test, on a
 * loopback port of its own, with its output in a log file: started, probed over HTTP, and ended
 * by signal (SIGKILL, SIGTERM, or frozen and thawed with SIGSTOP and SIGCONT). The caller owns
 * the process and must {@link #close()} it, also when the test fails.
 */
public final class RouterProcess implements AutoCloseable {
  public static final Path JAR = Path.of("target/contact-router.jar");
  private static final long CALL_TIMEOUT_MILLIS = 10_000;

  private final String name;
  private final Process process;
  private final int httpPort;
  private final Path log;
  private final WebClient http;

  private RouterProcess(String name, Process process, int httpPort, Path log, WebClient http) {
    this.name = name;
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
    this.http = http;
  }

  private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();
  private static final java.util.Random RANDOM = new java.util.Random();

  /**
   * A loopback port nothing listens on now, below the kernel's ephemeral range, and not handed out
   * before in this JVM. A port is often bound only seconds after it is picked (a cluster's ports
   * are fixed before its nodes start); taken from the ephemeral range, it could meanwhile become
   * some socket's port 0, such as a started node's event-bus server.
   */
  public static synchronized int freePort() {
    int ephemeralLow = ephemeralLow();
    int low = 20_000;
    for (int attempt = 0; attempt < 200 && ephemeralLow - low > 1_000; attempt++) {
      int port = low + RANDOM.nextInt(ephemeralLow - low);
      if (!HANDED_OUT.contains(port) && bindable(port)) {
        HANDED_OUT.add(port);
        return port;
      }
    }
    try (ServerSocket s = new ServerSocket(0)) {
      HANDED_OUT.add(s.getLocalPort());
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  private static int ephemeralLow() {
    try {
      return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /**
   * Starts the jar with exactly {@code env} as its ROUTER_ settings (the test JVM's own ROUTER_
   * variables are dropped), a small heap, and its output appended to {@code log}.
   */
  public static RouterProcess start(Vertx vertx, String name, int httpPort, Map<String, String> env, Path log)
      throws IOException {
    return start(vertx, name, "127.0.0.1", httpPort, env, log);
  }

  /** As {@link #start(Vertx, String, int, Map, Path)}, serving HTTP on the loopback address {@code host}. */
  public static RouterProcess start(Vertx vertx, String name, String host, int httpPort, Map<String, String> env,
      Path log) throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: failsafe runs after package");
    }
    Files.createDirectories(log.toAbsolutePath().getParent());
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString());
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("ROUTER_"));
    pb.environment().putAll(env);
    pb.environment().put("ROUTER_HTTP_PORT", String.valueOf(httpPort));
    pb.environment().put("ROUTER_HTTP_HOST", host);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = pb.start();
    WebClient http = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost(host).setDefaultPort(httpPort).setConnectTimeout(2_000).setIdleTimeout(15));
    return new RouterProcess(name, process, httpPort, log, http);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public int httpPort() {
    return httpPort;
  }

  public Path log() {
    return log;
  }

  public WebClient http() {
    return http;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code path} answers 200, failing early with the log's tail if the JVM ends. */
  public void awaitHttp(String path, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " before " + path
            + " answered (log " + log + "):\n" + tail(40));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + ": " + path + " did not answer 200 within " + seconds + " s:\n" + tail(40));
      }
      try {
        if (http.get(path).timeout(2_000).send().await(3, TimeUnit.SECONDS).statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
  }

  /** SIGKILL, then waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " still running 20 s after SIGKILL");
    }
  }

  /** SIGTERM, without waiting. */
  public void terminate() {
    process.destroy();
  }

  /** Waits up to {@code millis} for the process to end; its exit code, or null if it is still running. */
  public Integer awaitExit(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  /** SIGSTOP: the JVM freezes, its sockets stay open. */
  public void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT after {@link #freeze()}. */
  public void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** The last lines of the log, for failure messages. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The log lines containing {@code text}. */
  public List<String> logLines(String text) {
    try {
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.contains(text)) {
          out.add(line);
        }
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The log entries whose first line contains {@code text}, each with the lines that follow it up
   * to the next entry (an exception's stack trace), joined by newlines.
   */
  public List<String> logEntries(String text) {
    try {
      List<String> out = new ArrayList<>();
      StringBuilder entry = null;
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        boolean starts = line.length() > 12 && line.charAt(2) == ':' && line.charAt(5) == ':' && line.charAt(8) == '.';
        if (starts) {
          if (entry != null) {
            out.add(entry.toString());
          }
          entry = line.contains(text) ? new StringBuilder(line) : null;
        } else if (entry != null) {
          entry.append('\n').append(line);
        }
      }
      if (entry != null) {
        out.add(entry.toString());
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Sends a request and waits for its answer, whatever its status. */
  public HttpResponse<Buffer> call(HttpMethod method, String path, String key, JsonObject body) {
    return call(method, path, key, body, null);
  }

  /** Sends a request, with an Idempotency-Key when one is given, and waits for its answer. */
  public HttpResponse<Buffer> call(HttpMethod method, String path, String key, JsonObject body, String idempotencyKey) {
    return await(method + " " + path + " on " + name, send(method, path, key, body, idempotencyKey, CALL_TIMEOUT_MILLIS),
        Duration.ofMillis(CALL_TIMEOUT_MILLIS + 5_000));
  }

  /** Sends a request without waiting; it fails if no answer comes within {@code timeoutMillis}. */
  public Future<HttpResponse<Buffer>> send(HttpMethod method, String path, String key, JsonObject body,
      String idempotencyKey, long timeoutMillis) {
    var request = http.request(method, path).timeout(timeoutMillis);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** A request that must answer 2xx with a JSON object. */
  public JsonObject ok(HttpMethod method, String path, String key, JsonObject body) {
    HttpResponse<Buffer> r = call(method, path, key, body);
    if (r.statusCode() >= 300) {
      throw new AssertionError(name + ": " + method + " " + path + " -> " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  /** A request that must answer 2xx with a JSON array. */
  public JsonArray okArray(HttpMethod method, String path, String key, JsonObject body) {
    HttpResponse<Buffer> r = call(method, path, key, body);
    if (r.statusCode() >= 300) {
      throw new AssertionError(name + ": " + method + " " + path + " -> " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonArray();
  }

  /** Ends the process (SIGCONT first, in case it is frozen, then SIGKILL) and the HTTP client. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        signal("CONT");
      } catch (Exception | AssertionError ignored) {
        // it is being killed anyway
      }
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    http.close();
  }
}
