package dev.contactrouter.api;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Blocking clients of {@code GET /v1/events} for tests: the WebSocket form and the server-sent one. */
final class EventStreamClients {
  private EventStreamClients() {}

  /** Every wait for one event or line is bounded by this. */
  static final Duration WAIT = Duration.ofSeconds(10);

  /** The WebSocket form: collects text messages, counts pings, and remembers how it closed. */
  static final class EventSocket implements WebSocket.Listener, AutoCloseable {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final AtomicInteger pings = new AtomicInteger();
    final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static EventSocket open(EngineUnderTest e, String path, String bearer) throws Exception {
      EventSocket listener = new EventSocket();
      listener.socket = e.http.newWebSocketBuilder().header("Authorization", "Bearer " + bearer)
          .connectTimeout(WAIT)
          .buildAsync(URI.create("ws://127.0.0.1:" + e.port() + path), listener)
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      return listener;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      pings.incrementAndGet();
      // The JDK client answers with a pong itself once this returns.
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closedWith.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closedWith.completeExceptionally(error);
    }

    /** The next event as its raw JSON text; fails after {@link #WAIT}. */
    String nextText() throws InterruptedException {
      return nextText(WAIT);
    }

    /** The next event as its raw JSON text; fails after {@code wait}. */
    String nextText(Duration wait) throws InterruptedException {
      String text = texts.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (text == null) {
        throw new AssertionError("no event within " + wait + " (closed: " + closedWith.getNow(null) + ")");
      }
      return text;
    }

    /** The raw texts of the next {@code n} events. */
    List<String> nextTexts(int n) throws InterruptedException {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(nextText());
      }
      return out;
    }

    boolean open() {
      return !closedWith.isDone() && !socket.isInputClosed() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
      if (!socket.isOutputClosed()) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
      }
    }
  }

  /** The server-sent form: a thread reads its lines into a queue. */
  static final class EventSource implements AutoCloseable {
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final InputStream body;

    EventSource(HttpResponse<InputStream> response) {
      this.body = response.body();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
          }
          ended.complete(null);
        } catch (IOException e) {
          ended.completeExceptionally(e);
        }
      }, "sse-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /** The next line that starts with {@code prefix}, without it; fails after {@link #WAIT}. */
    String next(String prefix) throws InterruptedException {
      long until = System.nanoTime() + WAIT.toNanos();
      for (int seen = 0; seen < 100_000; seen++) {
        String line = lines.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError("no '" + prefix + "' line within " + WAIT + " (ended: " + ended.isDone() + ")");
        }
        if (line.startsWith(prefix)) {
          return line.substring(prefix.length());
        }
      }
      throw new AssertionError("no '" + prefix + "' line in 100000 lines");
    }

    /** The raw JSON texts of the next {@code n} events. */
    List<String> nextData(int n) throws InterruptedException {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(next("data: "));
      }
      return out;
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  static String type(String json) {
    return new JsonObject(json).getString("type");
  }
}
