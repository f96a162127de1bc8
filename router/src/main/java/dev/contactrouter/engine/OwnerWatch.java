package dev.contactrouter.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one event loop's requests know of where each domain's writer runs, so that a request
 * whose writer's node has gone answers at once instead of waiting out its timeout on a node
 * that will never answer (the clustered event bus drops what it cannot deliver to a dead node
 * without telling the sender).
 *
 * <ul>
 *   <li>A request sent to a writer whose node then goes (Hazelcast drops it, its lease runs out,
 *       or another node takes the domain at a newer epoch) fails at once with {@link
 *       DomainUnavailable} (503, Retry-After 1). It may have been applied before the node went,
 *       so it is not sent again: the client retries, with its Idempotency-Key where the command is
 *       not idempotent by itself (DESIGN.md, principle 6).
 *   <li>A request for a domain whose writer is known to be gone, or that nobody holds, is not
 *       sent yet: it waits for the next owner (at most the request timeout, then 503), and goes
 *       once that owner's writer runs. It was never sent, so sending it then cannot apply it twice.
 *   <li>A request for a domain whose holder is out of this node's reach but alive (it left the
 *       cluster as this node sees it, yet goes on renewing its lease: a partition) fails at once:
 *       no takeover is coming while that lease is renewed.
 *   <li>A request that found no writer at all ({@code NO_HANDLERS}: a new owner's registration
 *       has not reached this node yet) is sent again shortly, for a second at most: it was not
 *       delivered anywhere.
 * </ul>
 *
 * <p>Fed by this node's ownership verticle, which publishes {@link #ADDRESS} (local only) after
 * every ownership round and every change it hears of. Until fed (a node on its own, or a test
 * without one) it passes every request straight through. One per verticle: its state is touched
 * only on the context that created it; a request from any other thread passes straight through.
 */
public final class OwnerWatch {
  /** Where the ownership verticle publishes, locally, who holds each domain and whether it is gone. */
  public static final String ADDRESS = "router.cluster.owners";
  private static final long NO_HANDLERS_RETRY_MILLIS = 1_000;
  private static final long NO_HANDLERS_PAUSE_MILLIS = 50;

  /**
   * A domain's writer as this node knows it.
   *
   * @param holder the process holding its lease (node id and instance), or null when nobody does
   * @param gone true when no request should be sent to it now: nobody holds the domain, its
   *     holder left the cluster or let its lease run out, or its writer is still starting
   * @param waitable when gone: whether a new owner (or the writer) is expected soon, so a
   *     request waits for it; false when the holder is alive out of reach, so a request fails
   * @param why for the 503's detail when a request gives up waiting
   */
  public record Owner(String holder, boolean gone, boolean waitable, String why) {
    /** A writer requests can go to. */
    public static Owner serving(String holder) {
      return new Owner(holder, false, false, null);
    }

    /** No writer to send to now, one expected soon: requests wait for it. */
    public static Owner awaited(String holder, String why) {
      return new Owner(holder, true, true, why);
    }

    /** A holder out of this node's reach that keeps its lease: requests fail at once. */
    public static Owner unreachable(String holder, String why) {
      return new Owner(holder, true, false, why);
    }

    JsonObject toJson() {
      return new JsonObject().put("holder", holder).put("gone", gone).put("waitable", waitable).put("why", why);
    }

    static Owner fromJson(JsonObject json) {
      return new Owner(json.getString("holder"), json.getBoolean("gone", false), json.getBoolean("waitable", false),
          json.getString("why"));
    }
  }

  /** The message the ownership verticle publishes: every domain's owner. */
  public static JsonObject notice(Map<String, Owner> owners) {
    JsonObject out = new JsonObject();
    owners.forEach((domain, owner) -> out.put(domain, owner.toJson()));
    return out;
  }

  /** Publishes {@code owners} to this node's watches only. */
  public static void publish(Vertx vertx, Map<String, Owner> owners) {
    vertx.eventBus().publish(ADDRESS, notice(owners), new DeliveryOptions().setLocalOnly(true));
  }

  /** One request sent and not answered yet (its own {@code fail} makes each one distinct). */
  private record InFlight(String holder, Runnable fail) {}

  private final Vertx vertx;
  private final long waitMillis;
  /** The event loop this watch lives on (requests run on duplicates of its context, on the same thread). */
  private volatile Thread home;
  private final Map<String, Owner> owners = new HashMap<>();
  /** Requests sent and not answered yet, by domain. */
  private final Map<String, Set<InFlight>> inFlight = new HashMap<>();
  /** Requests waiting for a domain's next owner: their timeout timer, and what sends them. */
  private final Map<String, Map<Long, Runnable>> parked = new HashMap<>();

  /**
   * A watch on the calling verticle's context.
   *
   * @param waitMillis how long a request waits for a domain's next owner before answering 503
   */
  public OwnerWatch(Vertx vertx, long waitMillis) {
    this.vertx = vertx;
    this.waitMillis = waitMillis;
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      home = Thread.currentThread();
      vertx.eventBus().<JsonObject>localConsumer(ADDRESS, m -> update(m.body()));
    });
  }

  /** Sends a request to {@code domain}'s writer through {@code send}, failing fast or waiting as described above. */
  public <T> Future<T> send(String domain, Supplier<Future<T>> send) {
    if (Thread.currentThread() != home) {
      return send.get();
    }
    Owner owner = owners.get(domain);
    if (owner == null) {
      return send.get();
    }
    Promise<T> done = Promise.promise();
    if (owner.gone() && !owner.waitable()) {
      done.fail(unreachable(domain, owner));
    } else if (owner.gone()) {
      park(domain, owner, send, done);
    } else {
      attempt(domain, owner, send, done, System.currentTimeMillis());
    }
    return done.future();
  }

  private <T> void attempt(String domain, Owner owner, Supplier<Future<T>> send, Promise<T> done, long firstAt) {
    InFlight f = new InFlight(owner.holder(), () -> done.tryFail(new DomainUnavailable("domain " + domain
        + ": its writer's node went away before answering (" + owners.getOrDefault(domain, owner).why()
        + "); the request may or may not have been applied, retry it", 1)));
    inFlight.computeIfAbsent(domain, k -> new LinkedHashSet<>()).add(f);
    send.get().onComplete(ar -> {
      Set<InFlight> sent = inFlight.get(domain);
      if (sent != null) {
        sent.remove(f);
      }
      if (done.future().isComplete()) {
        return;
      }
      Owner now = owners.get(domain);
      if (ar.failed() && noHandlers(ar.cause()) && now != null && !now.gone()
          && System.currentTimeMillis() - firstAt < NO_HANDLERS_RETRY_MILLIS) {
        vertx.setTimer(NO_HANDLERS_PAUSE_MILLIS, id -> {
          Owner latest = owners.get(domain);
          if (latest != null && latest.gone() && !latest.waitable()) {
            done.tryFail(unreachable(domain, latest));
          } else if (latest == null || latest.gone()) {
            park(domain, latest == null ? now : latest, send, done);
          } else {
            attempt(domain, latest, send, done, firstAt);
          }
        });
        return;
      }
      done.handle(ar);
    });
  }

  private <T> void park(String domain, Owner owner, Supplier<Future<T>> send, Promise<T> done) {
    Map<Long, Runnable> waiting = parked.computeIfAbsent(domain, k -> new LinkedHashMap<>());
    long timer = vertx.setTimer(waitMillis, id -> {
      if (waiting.remove(id) != null) {
        done.tryFail(new DomainUnavailable("domain " + domain + " has no writer to take the request: "
            + owners.getOrDefault(domain, owner).why() + "; another node takes it over once its lease is free", 1));
      }
    });
    waiting.put(timer, () -> {
      Owner latest = owners.get(domain);
      if (latest.gone()) {
        done.tryFail(unreachable(domain, latest));
      } else {
        attempt(domain, latest, send, done, System.currentTimeMillis());
      }
    });
  }

  private static DomainUnavailable unreachable(String domain, Owner owner) {
    return new DomainUnavailable("domain " + domain + " cannot be written through this node now: " + owner.why(), 1);
  }

  private void update(JsonObject notice) {
    for (String domain : notice.fieldNames()) {
      Owner owner = Owner.fromJson(notice.getJsonObject(domain));
      owners.put(domain, owner);
      Set<InFlight> sent = inFlight.get(domain);
      if (sent != null && !sent.isEmpty()) {
        for (InFlight f : List.copyOf(sent)) {
          if (owner.gone() || !Objects.equals(owner.holder(), f.holder())) {
            sent.remove(f);
            f.fail().run();
          }
        }
      }
      Map<Long, Runnable> waiting = parked.get(domain);
      if ((!owner.gone() || !owner.waitable()) && waiting != null && !waiting.isEmpty()) {
        // A writer to send to, or none worth waiting for: what waited goes now, and fails fast if need be.
        List<Map.Entry<Long, Runnable>> go = new ArrayList<>(waiting.entrySet());
        waiting.clear();
        for (Map.Entry<Long, Runnable> p : go) {
          vertx.cancelTimer(p.getKey());
          p.getValue().run();
        }
      }
    }
  }

  private static boolean noHandlers(Throwable err) {
    return err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
