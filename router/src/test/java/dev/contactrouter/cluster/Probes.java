package dev.contactrouter.cluster;

import dev.contactrouter.RouterProcess;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Contact creations for one domain sent every 100 ms through the serving nodes in turn, each on
 * its own (never retried, so each answer shows how long one request waited), with a client
 * timeout far above the engine's request timeout. Started right after a fault, to see whether
 * requests fail fast or wait out the timeout.
 */
final class Probes {
  private static final long CLIENT_TIMEOUT_MILLIS = 20_000;
  private static final long EVERY_MILLIS = 100;

  /**
   * One probe's outcome.
   *
   * @param sentAfter when it was sent, in ms after the probes started
   * @param status its HTTP status, or -1 when no answer came
   * @param millis how long the answer took
   */
  /** @param detail the problem's detail of a refused request, else null */
  record Answer(String key, long sentAfter, int status, long millis, String via, String detail) {
    boolean answered() {
      return status > 0;
    }

    @Override
    public String toString() {
      return sentAfter + ":" + status + " in " + millis + " via " + via;
    }
  }

  private record Got(int status, long atMillis, String detail) {}

  private record Sent(String key, long at, String via, Future<Got> answer) {}

  private final List<Sent> sent = new ArrayList<>();
  private final Thread sender;
  private final long startedAt = System.currentTimeMillis();

  private Probes(ClusterNodes nodes, String domain, int count) {
    sender = new Thread(() -> {
      for (int i = 0; i < count; i++) {
        List<RouterProcess> serving = nodes.serving();
        RouterProcess via = serving.get(i % serving.size());
        String key = UUID.randomUUID().toString();
        long at = System.currentTimeMillis();
        Future<HttpResponse<Buffer>> answer = via.send(HttpMethod.POST, "/v1/contacts", nodes.telephonyKey(domain),
            new JsonObject().put("channel", "voice").put("queue", ClusterNodes.QUEUE).put("externalId", key), key,
            CLIENT_TIMEOUT_MILLIS);
        synchronized (sent) {
          sent.add(new Sent(key, at, via.name(), answer.map(r -> new Got(r.statusCode(), System.currentTimeMillis(),
              r.statusCode() < 300 ? null : detail(r)))));
        }
        try {
          Thread.sleep(EVERY_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }, "probes-" + domain);
    sender.setDaemon(true);
  }

  static Probes start(ClusterNodes nodes, String domain, int count) {
    Probes p = new Probes(nodes, domain, count);
    p.sender.start();
    return p;
  }

  private static String detail(HttpResponse<Buffer> r) {
    try {
      return r.bodyAsJsonObject().getString("detail");
    } catch (RuntimeException notJson) {
      return r.bodyAsString();
    }
  }

  /** Waits for the sender and every answer (bounded by the client timeout); the outcomes in sending order. */
  List<Answer> await() throws InterruptedException {
    sender.join(TimeUnit.SECONDS.toMillis(60));
    List<Sent> all;
    synchronized (sent) {
      all = List.copyOf(sent);
    }
    List<Answer> out = new ArrayList<>();
    for (Sent s : all) {
      try {
        Got got = s.answer().await(CLIENT_TIMEOUT_MILLIS + 5_000, TimeUnit.MILLISECONDS);
        out.add(new Answer(s.key(), s.at() - startedAt, got.status(), got.atMillis() - s.at(), s.via(), got.detail()));
      } catch (Exception e) {
        out.add(new Answer(s.key(), s.at() - startedAt, -1, CLIENT_TIMEOUT_MILLIS, s.via(), null));
      }
    }
    return out;
  }
}
