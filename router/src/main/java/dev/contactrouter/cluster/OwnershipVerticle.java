package dev.contactrouter.cluster;

import dev.contactrouter.store.DomainLease;
import dev.contactrouter.store.Journal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which routing domains this node writes, and runs their writers.
 *
 * <p>Every third of a lease it looks at the live members (from {@link Membership}) and, for each
 * domain, at who should own it (rendezvous hashing over member ids) and who does (the domain's
 * lease in the journal):
 *
 * <ul>
 *   <li>a domain it holds: it renews the lease. If the renewal finds the lease taken over, or
 *       cannot reach the journal for a whole lease, the writer is stopped at once. When a node
 *       has joined since the lease was taken and rendezvous now names that node, it hands the
 *       domain over: the writer drains (everything decided is journaled and answered), then the
 *       lease is released so the new owner takes it without waiting.
 *   <li>a domain it should own: it takes the lease, which moves the domain's epoch on, and starts
 *       the writer under that epoch (it replays the journal from the latest snapshot and re-arms
 *       the timers). The journal refuses every append that names an older epoch, so a node that
 *       was frozen and wakes up after a takeover cannot write a single event.
 *   <li>a domain nobody has held for two leases (its rendezvous owner is alive but cannot take
 *       it, say it lost its database): any node takes it, and keeps it until membership changes.
 * </ul>
 *
 * <p>Hazelcast only says who is alive; it never arbitrates ownership (DESIGN.md, principle 6).
 * A graceful stop hands every domain over the same way.
 */
public final class OwnershipVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OwnershipVerticle.class);

  /** Starts and stops a domain's writer; {@code onFenced} is called if the writer finds itself taken over. */
  public interface Writers {
    Future<String> start(String domain, long epoch, Runnable onFenced);

    Future<Void> stop(String deploymentId);
  }

  /** Published when a node releases a domain, so the next owner takes it now rather than at its next round. */
  static final String RELEASED = "router.cluster.released";

  /** Where a node answers "who is in the cluster and who owns what" (its own view). */
  public static String viewAddress(String nodeId) {
    return "router.cluster.view." + nodeId;
  }

  private record Held(long epoch, String deploymentId, Set<String> membersAtStart, long renewedAtMillis) {}

  private final Journal journal;
  private final Membership membership;
  private final List<String> domains;
  private final long leaseMillis;
  private final boolean clustered;
  private final Writers writers;
  private final Map<String, Held> held = new HashMap<>();
  private final Map<String, Long> unheldSince = new HashMap<>();
  private List<Member> members = List.of();
  private Future<Void> running = Future.succeededFuture();
  private long roundTimer = -1;
  private boolean stopping;
  private long lastGoodRoundMillis;
  private String lastProblem = "not started";
  private MeterRegistry registry;
  private MessageConsumer<JsonObject> viewConsumer;
  private MessageConsumer<JsonObject> releasedConsumer;
  /** Nodes that said they are stopping (still members until they leave): not given domains. */
  private final Map<String, Long> leaving = new HashMap<>();

  public OwnershipVerticle(Journal journal, Membership membership, List<String> domains, long leaseMillis,
      boolean clustered, Writers writers) {
    this.journal = journal;
    this.membership = membership;
    this.domains = List.copyOf(domains);
    this.leaseMillis = leaseMillis;
    this.clustered = clustered;
    this.writers = writers;
  }

  /**
   * Completes after the first round; a node on its own waits (at most two leases) until it holds
   * every domain, so that a restart after a crash is ready to route once it has started.
   */
  @Override
  public Future<?> start() {
    MeterRegistry found = BackendRegistries.getDefaultNow();
    registry = found == null ? new SimpleMeterRegistry() : found;
    viewConsumer = vertx.eventBus().consumer(viewAddress(membership.self().id()), m -> view()
        .onSuccess(m::reply)
        .onFailure(err -> m.fail(503, err.getMessage())));
    releasedConsumer = vertx.eventBus().<JsonObject>consumer(RELEASED, m -> {
      String from = m.body().getString("node");
      if (m.body().getBoolean("stopping", false) && !membership.self().id().equals(from)) {
        leaving.put(from, System.currentTimeMillis());
      }
      if (!held.containsKey(m.body().getString("domain"))) {
        nextRound();
      }
    });
    Promise<Void> ready = Promise.promise();
    long deadline = System.currentTimeMillis() + 2 * leaseMillis + 1_000;
    firstRounds(ready, deadline);
    return viewConsumer.completion().compose(v -> ready.future()).onSuccess(v ->
        roundTimer = vertx.setPeriodic(Math.max(100, leaseMillis / 3), id -> nextRound()));
  }

  private void firstRounds(Promise<Void> ready, long deadline) {
    nextRound().onComplete(ar -> {
      boolean all = held.keySet().containsAll(domains);
      if (clustered || all || System.currentTimeMillis() > deadline) {
        if (!clustered && !all) {
          LOG.warn("started without domains {}: another node still holds their leases", missing());
        }
        ready.complete();
      } else {
        vertx.setTimer(Math.max(100, leaseMillis / 5), id -> firstRounds(ready, deadline));
      }
    });
  }

  /** Hands every domain over: writers drain and stop, leases are released for the next owner. */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (roundTimer >= 0) {
      vertx.cancelTimer(roundTimer);
    }
    Future<Void> deaf = releasedConsumer == null ? Future.succeededFuture() : releasedConsumer.unregister();
    return deaf.recover(err -> Future.succeededFuture()).compose(v -> running).recover(err -> Future.succeededFuture()).compose(v -> {
      List<Future<Void>> handed = new ArrayList<>();
      for (String d : new ArrayList<>(held.keySet())) {
        handed.add(handOver(d, "this node is stopping"));
      }
      return Future.join(handed).<Void>mapEmpty().recover(err -> Future.succeededFuture());
    }).compose(v -> viewConsumer == null ? Future.succeededFuture() : viewConsumer.unregister());
  }

  /** Domains this node holds now. */
  public Set<String> held() {
    return new TreeSet<>(held.keySet());
  }

  private Set<String> missing() {
    Set<String> m = new TreeSet<>(domains);
    m.removeAll(held.keySet());
    return m;
  }

  private Future<Void> nextRound() {
    if (stopping) {
      return Future.succeededFuture();
    }
    if (!running.isComplete()) {
      return running; // the previous round is still at work
    }
    running = round();
    return running;
  }

  private Future<Void> round() {
    Future<Map<String, DomainLease>> leases = journal.leases().map(list -> list.stream()
        .collect(Collectors.toMap(DomainLease::domain, l -> l)));
    return Future.all(membership.members(), leases).compose(both -> {
      members = both.resultAt(0);
      Map<String, DomainLease> byDomain = both.resultAt(1);
      Set<String> ids = members.stream().map(Member::id).collect(Collectors.toCollection(TreeSet::new));
      leaving.values().removeIf(at -> System.currentTimeMillis() - at > 2 * leaseMillis);
      ids.removeAll(leaving.keySet());
      List<Future<Void>> steps = new ArrayList<>();
      for (String d : domains) {
        steps.add(step(d, ids, byDomain.get(d)));
      }
      return Future.join(steps).<Void>mapEmpty();
    }).onSuccess(v -> {
      lastGoodRoundMillis = System.currentTimeMillis();
      lastProblem = null;
    }).recover(err -> {
      lastProblem = String.valueOf(err.getMessage());
      LOG.warn("ownership round failed: {}", err.getMessage());
      // A failed round still checks that held leases are not overdue.
      for (String d : new ArrayList<>(held.keySet())) {
        Held h = held.get(d);
        if (overdue(h)) {
          lose(d, h, "its lease could not be renewed for " + leaseMillis + " ms");
        }
      }
      return Future.succeededFuture();
    });
  }

  private Future<Void> step(String domain, Set<String> ids, DomainLease lease) {
    String self = membership.self().id();
    String desired = Rendezvous.owner(domain, ids);
    long now = System.currentTimeMillis();
    Held h = held.get(domain);
    if (h != null) {
      if (!self.equals(desired) && !ids.equals(h.membersAtStart()) && ids.contains(desired)) {
        return handOver(domain, "rebalanced to " + desired);
      }
      return journal.renew(domain, self, h.epoch(), leaseMillis).transform(ar -> {
        Held current = held.get(domain);
        if (current == null || !current.deploymentId().equals(h.deploymentId())) {
          return Future.succeededFuture();
        }
        if (ar.succeeded() && ar.result()) {
          held.put(domain, new Held(h.epoch(), h.deploymentId(), h.membersAtStart(), System.currentTimeMillis()));
        } else if (ar.succeeded()) {
          lose(domain, h, "its lease was taken over");
        } else if (overdue(h)) {
          lose(domain, h, "its lease could not be renewed for " + leaseMillis + " ms (" + ar.cause().getMessage() + ")");
        } else {
          LOG.warn("domain {}: lease renewal failed, retrying: {}", domain, ar.cause().getMessage());
        }
        return Future.succeededFuture();
      });
    }
    boolean heldElsewhere = lease != null && lease.held();
    if (heldElsewhere) {
      unheldSince.remove(domain);
    } else {
      unheldSince.putIfAbsent(domain, now);
    }
    boolean orphaned = !heldElsewhere && now - unheldSince.get(domain) > 2 * leaseMillis;
    if (!self.equals(desired) && !orphaned) {
      return Future.succeededFuture();
    }
    if (heldElsewhere && !self.equals(lease.owner())) {
      return Future.succeededFuture(); // its owner hands it over, or its lease runs out, first
    }
    return acquire(domain, ids, orphaned && !self.equals(desired));
  }

  private Future<Void> acquire(String domain, Set<String> ids, boolean orphan) {
    String self = membership.self().id();
    return journal.open(domain)
        .compose(head -> journal.acquire(domain, self, leaseMillis))
        .compose(taken -> {
          if (taken.isEmpty()) {
            return Future.succeededFuture();
          }
          long epoch = taken.get().epoch();
          long at = System.currentTimeMillis();
          return writers.start(domain, epoch, () -> context.runOnContext(v -> fencedWriter(domain, epoch)))
              .map(id -> {
                held.put(domain, new Held(epoch, id, ids, at));
                unheldSince.remove(domain);
                count(domain, "acquired");
                LOG.atInfo().addKeyValue("domain", domain).log("acquired domain {} at epoch {}{}", domain, epoch,
                    orphan ? " (nobody else had taken it for two leases)" : "");
                return (Void) null;
              })
              .recover(err -> {
                LOG.error("domain {}: writer did not start at epoch {}; releasing the lease", domain, epoch, err);
                return journal.release(domain, self, epoch).<Void>mapEmpty().recover(e -> Future.succeededFuture());
              });
        });
  }

  /**
   * A cluster node steps down once it could not renew for a whole lease, since another node may
   * take the domain over; a node on its own keeps its writer (which answers reads from what is
   * durable and refuses commands until the journal is back): nobody else is there to take over,
   * and the epoch would fence it anyway if someone did.
   */
  private boolean overdue(Held h) {
    return clustered && System.currentTimeMillis() - h.renewedAtMillis() > leaseMillis;
  }

  private void fencedWriter(String domain, long epoch) {
    Held h = held.get(domain);
    if (h != null && h.epoch() == epoch) {
      lose(domain, h, "its journal shows another owner");
    }
  }

  private void lose(String domain, Held h, String why) {
    if (held.get(domain) != h) {
      return;
    }
    held.remove(domain);
    count(domain, "lost");
    LOG.atWarn().addKeyValue("domain", domain).log("lost domain {} at epoch {}: {}; its writer stops", domain,
        h.epoch(), why);
    writers.stop(h.deploymentId()).onFailure(err -> LOG.warn("domain {}: writer stop failed: {}", domain,
        err.getMessage()));
  }

  private Future<Void> handOver(String domain, String why) {
    Held h = held.remove(domain);
    if (h == null) {
      return Future.succeededFuture();
    }
    String self = membership.self().id();
    return writers.stop(h.deploymentId())
        .recover(err -> {
          LOG.warn("domain {}: writer did not stop cleanly: {}", domain, err.getMessage());
          return Future.succeededFuture();
        })
        .compose(v -> journal.release(domain, self, h.epoch()))
        .onSuccess(v -> {
          count(domain, "released");
          vertx.eventBus().publish(RELEASED, new JsonObject().put("domain", domain).put("node", self)
              .put("stopping", stopping));
          LOG.atInfo().addKeyValue("domain", domain).log("released domain {} at epoch {}: {}", domain, h.epoch(), why);
        })
        .recover(err -> {
          count(domain, "released");
          LOG.warn("domain {}: stopped, but the lease could not be released ({}); it runs out by itself",
              domain, err.getMessage());
          return Future.succeededFuture();
        });
  }

  private void count(String domain, String change) {
    Counter.builder("router.cluster.ownership.changes")
        .description("Domains this node took (acquired), gave up on request (released) or lost to another node")
        .tag("domain", domain).tag("change", change)
        .register(registry).increment();
  }

  /** This node's view: members, every domain's lease, and whether ownership works from here. */
  private Future<JsonObject> view() {
    String self = membership.self().id();
    // Without the journal the leases are unknown, but the node still says what it holds.
    Future<List<DomainLease>> read = journal.leases().otherwise(err -> {
      lastProblem = "cannot read leases from the journal: " + err.getMessage();
      return null;
    });
    return read.map(leases -> {
      boolean known = leases != null;
      JsonArray nodes = new JsonArray();
      for (Member m : members) {
        nodes.add(m.toJson().put("self", m.id().equals(self)));
      }
      Map<String, DomainLease> byDomain = new HashMap<>();
      if (known) {
        leases.forEach(l -> byDomain.put(l.domain(), l));
      }
      JsonArray ds = new JsonArray();
      for (String d : domains) {
        DomainLease l = byDomain.get(d);
        JsonObject o = new JsonObject().put("id", d);
        if (!known) {
          o.put("owner", held.containsKey(d) ? self : null).put("leaseUnknown", true);
        } else if (l != null && l.held()) {
          o.put("owner", l.owner()).put("epoch", l.epoch())
              .put("leaseExpiresAt", Instant.ofEpochMilli(l.expiresAt()).toString());
        } else {
          o.putNull("owner").put("epoch", l == null ? 0 : l.epoch());
        }
        ds.add(o);
      }
      return new JsonObject()
          .put("node", self)
          .put("clustered", clustered)
          .put("healthy", known && healthy())
          .put("problem", known ? problem() : lastProblem)
          .put("held", new JsonArray(new ArrayList<>(held())))
          .put("nodes", nodes)
          .put("domains", ds);
    });
  }

  private boolean healthy() {
    return membership.healthy() && System.currentTimeMillis() - lastGoodRoundMillis <= leaseMillis;
  }

  private String problem() {
    if (!membership.healthy()) {
      return "this node is not in the cluster";
    }
    return healthy() ? null : "ownership rounds failing: " + lastProblem;
  }
}
