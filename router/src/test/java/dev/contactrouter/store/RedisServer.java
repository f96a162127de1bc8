package dev.contactrouter.store;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server of a test's own, on a free loopback port, keeping nothing on disk: for tests
 * that flush or restart Redis, which must never touch the Redis other builds share.
 */
public final class RedisServer implements AutoCloseable {
  static final String BINARY = System.getProperty("test.redis.server", "/usr/bin/redis-server");
  private static final String CLI = "/usr/bin/redis-cli";

  final int port;
  private final Path dir;
  private Process process;

  private RedisServer(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** Set ({@code -Dskip.redis-server=true}) to skip, visibly, the tests that start a redis-server of their own. */
  static final String SKIP_PROPERTY = "skip.redis-server";

  public static boolean available() {
    return new File(BINARY).canExecute() && new File(CLI).canExecute();
  }

  /**
   * Skips the calling test when the run asked for it ({@code -Dskip.redis-server=true}), and fails
   * it, naming the install command, when redis-server or redis-cli is missing: a missing tool is
   * never a silent skip.
   */
  public static void requireInstalled() {
    Assumptions.assumeFalse(Boolean.getBoolean(SKIP_PROPERTY),
        "skipped on request (-D" + SKIP_PROPERTY + "=true): this test starts a redis-server of its own");
    if (!available()) {
      Assertions.fail("this test starts a redis-server of its own and needs " + BINARY + " and " + CLI
          + ", which are not installed: apt-get install -y redis-server redis-tools (or run bash .ci/run, "
          + "which installs them), or skip these tests explicitly with -D" + SKIP_PROPERTY + "=true");
    }
  }

  public static RedisServer start() throws IOException, InterruptedException {
    requireInstalled();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RedisServer server = new RedisServer(port, Files.createTempDirectory("redis-it"));
    server.launch();
    return server;
  }

  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** Starts (again) on the same port, empty, and waits until it answers. */
  public void launch() throws IOException, InterruptedException {
    process = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile())
        .start();
    for (int i = 0; i < 100; i++) {
      if (cli("PING").equals("PONG")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("redis-server on port " + port + " did not start");
  }

  /** SHUTDOWN NOSAVE: the server goes, and its data with it. */
  public void shutdownNoSave() throws IOException, InterruptedException {
    cli("SHUTDOWN", "NOSAVE");
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  public void flushAll() throws IOException, InterruptedException {
    cli("FLUSHALL");
  }

  String cli(String... command) throws IOException, InterruptedException {
    List<String> args = new java.util.ArrayList<>(List.of(CLI, "-h", "127.0.0.1", "-p", Integer.toString(port)));
    args.addAll(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "";
    }
    return new String(p.getInputStream().readAllBytes()).strip();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
