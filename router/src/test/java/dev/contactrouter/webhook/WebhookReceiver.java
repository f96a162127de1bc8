package dev.contactrouter.webhook;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A receiver of webhooks on a free 127.0.0.1 port (the JDK's HTTP server, on threads of its own):
 * records every request it gets and answers each with the status {@link #answer} picks: by
 * default 204, or an error for the first attempts of chosen events.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request as received: the headers a receiver checks and the exact body. */
  record Received(String eventId, String type, int attempt, String timestamp, String signature, String contentType,
      byte[] body, int answered) {
    JsonObject json() {
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    }
  }

  private final HttpServer server;
  private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
  /** Events whose first {@link #refusals} attempts get a 500. */
  private volatile Predicate<JsonObject> refused = event -> false;
  private volatile int refusals;
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private volatile int answerAll = 204;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hooks", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      var h = exchange.getRequestHeaders();
      String eventId = h.getFirst("X-Router-Event-Id");
      int n = seen.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet();
      JsonObject event = new JsonObject(new String(body, StandardCharsets.UTF_8));
      int status = n <= refusals && refused.test(event) ? 500 : answerAll;
      received.add(new Received(eventId, h.getFirst("X-Router-Event-Type"),
          Integer.parseInt(h.getFirst("X-Router-Attempt")), h.getFirst("X-Router-Timestamp"),
          h.getFirst("X-Router-Signature"), h.getFirst("Content-Type"), body, status));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  /** The first {@code attempts} attempts of every event that matches get a 500. */
  void refuse(Predicate<JsonObject> events, int attempts) {
    refusals = attempts;
    refused = events;
  }

  /** Every request from now on gets {@code status} (unless refused above). */
  void answerAll(int status) {
    answerAll = status;
  }

  /** Requests received until one matches (included), waiting at most {@code limit}; fails if none does. */
  List<Received> until(Predicate<Received> match, Duration limit) throws InterruptedException {
    List<Received> out = new ArrayList<>();
    if (receive(out, match, limit)) {
      return out;
    }
    throw new AssertionError("no matching webhook request within " + limit + "; got " + out.stream()
        .map(x -> x.eventId() + " " + x.type() + " #" + x.attempt() + " -> " + x.answered()).toList());
  }

  /** Requests received within {@code quiet} from now (for checking that nothing more comes). */
  List<Received> drain(Duration quiet) throws InterruptedException {
    List<Received> out = new ArrayList<>();
    receive(out, r -> false, quiet);
    return out;
  }

  /** Adds what arrives to {@code out} until a request matches (true) or {@code limit} has passed (false). */
  private boolean receive(List<Received> out, Predicate<Received> match, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Received r = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
      if (r == null) {
        return false;
      }
      out.add(r);
      if (match.test(r)) {
        return true;
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
