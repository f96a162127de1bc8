package dev.contactrouter.cluster;

import dev.contactrouter.RouterProcess;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The centre's traffic, played by threads of the test: per domain, one telephony thread pushes
 * contacts to random serving nodes (each with an {@code Idempotency-Key}, retried on 503 and on
 * unreachable nodes with the same key, bounded), and one thread per agent works through a node
 * of its own (agents spread over the nodes, so most are not on their domain's owner): it polls
 * its state, accepts what it is offered, completes what it holds, and moves to another node when
 * its node stops serving. Everything is bounded: contacts per domain, attempts per contact, and
 * a deadline for the whole run.
 *
 * <p>What it keeps: every contact acknowledged with 2xx (its id, domain, idempotency key and
 * when), creations that never got a 2xx, and any answer that no client should ever see.
 */
final class CentreLoad implements AutoCloseable {
  /** One contact acknowledged with 2xx. */
  record Acked(String id, String domain, String key, long atMillis, String via) {}

  private static final long CREATE_GIVE_UP_MILLIS = 40_000;
  private static final long AGENT_POLL_MILLIS = 150;

  private final ClusterNodes nodes;
  private final long pauseMillis;
  private final int maxPerDomain;
  private final long deadlineNanos;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, Acked> acknowledged = new LinkedHashMap<>();
  private final List<String> unacknowledged = new ArrayList<>();
  private final List<String> unexpected = new ArrayList<>();
  private final Map<String, Integer> completedByDomain = new LinkedHashMap<>();
  private int creationsSent;
  private int creations503;
  private volatile boolean stopping;
  private volatile boolean telephonyPaused;

  /**
   * @param pauseMillis pause between one domain's contacts
   * @param maxPerDomain most contacts a domain's telephony pushes
   * @param maxSeconds the longest the load runs, whatever happens
   */
  CentreLoad(ClusterNodes nodes, long pauseMillis, int maxPerDomain, long maxSeconds) {
    this.nodes = nodes;
    this.pauseMillis = pauseMillis;
    this.maxPerDomain = maxPerDomain;
    this.deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
  }

  void start() {
    int n = 0;
    for (String d : nodes.domains()) {
      threads.add(new Thread(() -> telephony(d), "telephony-" + d));
      for (String agent : nodes.agents(d)) {
        int home = n++;
        threads.add(new Thread(() -> agent(d, agent, home), "agent-" + agent));
      }
    }
    threads.forEach(t -> {
      t.setDaemon(true);
      t.start();
    });
  }

  /** Stops pushing new contacts (agents carry on). */
  void pauseTelephony() {
    telephonyPaused = true;
  }

  void resumeTelephony() {
    telephonyPaused = false;
  }

  /** Stops every thread and waits for them (bounded: each finishes its request in flight). */
  void stop() throws InterruptedException {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private boolean running() {
    return !stopping && System.nanoTime() < deadlineNanos;
  }

  synchronized Map<String, Acked> acknowledged() {
    return new LinkedHashMap<>(acknowledged);
  }

  synchronized int acknowledgedIn(String domain, long sinceMillis) {
    int n = 0;
    for (Acked a : acknowledged.values()) {
      if (a.domain().equals(domain) && a.atMillis() >= sinceMillis) {
        n++;
      }
    }
    return n;
  }

  /** Waits until every domain has {@code n} contacts acknowledged since {@code sinceMillis}; fails after {@code seconds}. */
  void awaitEveryDomain(int n, long sinceMillis, long seconds, String when) throws InterruptedException {
    ClusterNodes.awaitTrue(n + " contacts acknowledged in every domain " + when, seconds,
        () -> nodes.domains().stream().allMatch(d -> acknowledgedIn(d, sinceMillis) >= n));
  }

  synchronized List<String> unacknowledged() {
    return new ArrayList<>(unacknowledged);
  }

  synchronized List<String> unexpected() {
    return new ArrayList<>(unexpected);
  }

  /** Contact creations sent (every attempt, retries included) and those answered 503. */
  synchronized int creationsSent() {
    return creationsSent;
  }

  synchronized int creations503() {
    return creations503;
  }

  synchronized Map<String, Integer> completedByDomain() {
    return new LinkedHashMap<>(completedByDomain);
  }

  private synchronized void unexpected(String what) {
    if (unexpected.size() < 200) {
      unexpected.add(what);
    }
  }

  // ------------------------------------------------------------------ telephony

  private void telephony(String domain) {
    for (int i = 0; i < maxPerDomain && running(); i++) {
      while (telephonyPaused && running()) {
        sleep(50);
      }
      createContact(domain);
      sleep(pauseMillis);
    }
  }

  /**
   * Pushes one contact, retrying with the same key on 503 and when a node cannot be reached or
   * does not answer, on random serving nodes, until a 2xx, another answer, or the give-up time.
   */
  Acked createContact(String domain) {
    String key = UUID.randomUUID().toString();
    JsonObject body = new JsonObject().put("channel", "voice").put("queue", ClusterNodes.QUEUE).put("externalId", key);
    long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CREATE_GIVE_UP_MILLIS);
    String last = "(no attempt)";
    // A contact already begun is pushed until answered even once the load is stopping (a caller
    // does not hang up because the test is over): bounded by the give-up time all the same.
    while (System.nanoTime() < giveUp) {
      RouterProcess via;
      try {
        via = nodes.anyServing();
      } catch (IllegalStateException none) {
        sleep(200);
        continue;
      }
      try {
        synchronized (this) {
          creationsSent++;
        }
        HttpResponse<Buffer> r = via.call(HttpMethod.POST, "/v1/contacts", nodes.telephonyKey(domain), body, key);
        if (r.statusCode() == 503) {
          synchronized (this) {
            creations503++;
          }
        }
        if (r.statusCode() < 300) {
          Acked a = new Acked(r.bodyAsJsonObject().getString("id"), domain, key, System.currentTimeMillis(), via.name());
          synchronized (this) {
            Acked before = acknowledged.put(a.id(), a);
            if (before != null && !before.key().equals(key)) {
              unexpected("contact " + a.id() + " acknowledged for two keys: " + before.key() + " and " + key);
            }
          }
          return a;
        }
        last = via.name() + " " + r.statusCode() + " " + r.bodyAsString();
        if (r.statusCode() != 503) {
          unexpected("POST /v1/contacts in " + domain + " -> " + last);
          break;
        }
        sleep(retryAfterMillis(r));
      } catch (Exception | AssertionError e) {
        last = via.name() + " " + e;
        sleep(200);
      }
    }
    synchronized (this) {
      unacknowledged.add(domain + " key " + key + ": " + last);
    }
    return null;
  }

  private static long retryAfterMillis(HttpResponse<Buffer> r) {
    try {
      return Math.min(1_000, Math.max(100, Long.parseLong(r.getHeader("Retry-After")) * 1_000));
    } catch (RuntimeException none) {
      return 200;
    }
  }

  // ------------------------------------------------------------------ agents

  private void agent(String domain, String agent, int home) {
    String key = nodes.agentKey(agent);
    RouterProcess via = null;
    while (running()) {
      List<RouterProcess> serving = nodes.serving();
      if (serving.isEmpty()) {
        sleep(200);
        continue;
      }
      if (via == null || !serving.contains(via)) {
        via = serving.get(home % serving.size());
      }
      try {
        workOnce(domain, agent, key, via);
      } catch (Exception | AssertionError e) {
        // the node went away or did not answer: the next round picks again
        via = null;
      }
      sleep(AGENT_POLL_MILLIS);
    }
  }

  private void workOnce(String domain, String agent, String key, RouterProcess via) {
    HttpResponse<Buffer> r = via.call(HttpMethod.GET, "/v1/agents/" + agent, key, null);
    if (r.statusCode() == 503) {
      return;
    }
    if (r.statusCode() != 200) {
      unexpected(via.name() + " GET agent " + agent + " -> " + r.statusCode() + " " + r.bodyAsString());
      return;
    }
    JsonObject state = r.bodyAsJsonObject();
    String status = state.getString("status");
    if ("not_ready".equals(status) || "offline".equals(status)) {
      via.call(HttpMethod.PUT, "/v1/agents/" + agent + "/status", key, new JsonObject().put("status", "available"));
    }
    for (Object o : state.getJsonArray("offers", new JsonArray())) {
      String offerId = ((JsonObject) o).getString("offerId");
      HttpResponse<Buffer> a = via.call(HttpMethod.POST, "/v1/offers/" + offerId + "/accept", key, null);
      if (a.statusCode() >= 300 && a.statusCode() != 409 && a.statusCode() != 503) {
        unexpected(via.name() + " accept " + offerId + " by " + agent + " -> " + a.statusCode() + " " + a.bodyAsString());
      }
    }
    for (Object id : state.getJsonArray("contacts", new JsonArray())) {
      HttpResponse<Buffer> c = via.call(HttpMethod.POST, "/v1/contacts/" + id + "/complete", key,
          new JsonObject().put("disposition", "resolved"));
      if (c.statusCode() < 300) {
        synchronized (this) {
          completedByDomain.merge(domain, 1, Integer::sum);
        }
      } else if (c.statusCode() != 409 && c.statusCode() != 503) {
        unexpected(via.name() + " complete " + id + " by " + agent + " -> " + c.statusCode() + " " + c.bodyAsString());
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
