package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A start that can neither finish nor fail ends at ROUTER_START_TIMEOUT_SECONDS with exit code 1 and
 * a line that says so, instead of leaving a process that runs but never listens. The journal here
 * is a "PostgreSQL" that accepts connections and never answers, with a journal timeout far longer
 * than the start's deadline.
 */
class StartDeadlineIT {
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private ServerSocket silent;
  private Thread acceptor;

  @BeforeEach
  void silentDatabase() throws IOException {
    vertx = Vertx.vertx();
    silent = new ServerSocket();
    silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), RouterProcess.freePort()));
    acceptor = new Thread(() -> {
      while (!silent.isClosed()) {
        try {
          held.add(silent.accept());
        } catch (IOException closed) {
          return;
        }
      }
    }, "silent-database");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void close() throws Exception {
    silent.close();
    for (Socket s : held) {
      s.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void aStartThatHangsGivesUpAtItsDeadline() throws Exception {
    Path log = Path.of("target", "start-deadline-it", "engine.log");
    Files.deleteIfExists(log);
    try (RouterProcess engine = RouterProcess.start(vertx, "hanging", RouterProcess.freePort(), Map.of(
        "ROUTER_PG_URL", "postgresql://postgres@127.0.0.1:" + silent.getLocalPort() + "/nowhere",
        "ROUTER_API_KEYS", "admin-key-00000001=admin",
        "ROUTER_JOURNAL_TIMEOUT_MS", "120000",
        "ROUTER_START_TIMEOUT_SECONDS", "3"), log)) {
      Integer exit = engine.awaitExit(90_000);
      assertThat(exit).as("exit code (null: still running after 90 s)\n%s", Files.readString(log)).isEqualTo(1);
      assertThat(Files.readString(log)).contains("cannot start: not ready after 3 s (ROUTER_START_TIMEOUT_SECONDS)");
      assertThat(held).as("the engine did reach the silent database").isNotEmpty();
    }
  }
}
