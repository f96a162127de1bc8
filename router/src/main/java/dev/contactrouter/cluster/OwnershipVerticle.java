package dev.contactrouter.cluster;

import dev.contactrouter.engine.OwnerWatch;
import dev.contactrouter.store.DomainLease;
import dev.contactrouter.store.Journal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which routing domains this node writes, and runs their writers.
 *
 * <p>A lease is held by one process: its node id and the instance made at its start ({@link
 * Member#holder()}), and the journal gives a lease only when nobody holds it (never taken,
 * released, or run out). So two processes with one node id (a double start, a restart that
 * overlaps the old process) never take a live lease from each other: the second one stands by.
 *
 * <p>Every third of a lease it looks at the live members (from {@link Membership}) and, for each
 * domain, at who should own it (rendezvous hashing over member ids) and who does (the domain's
 * lease in the journal):
 *
 * <ul>
 *   <li>a domain it holds: it renews the lease. A clustered node whose last renewal that worked was
 *       sent more than nine tenths of a lease ago stops the writer at once, before the lease runs
 *       out in the journal, so it has stopped writing before anyone else can start; a renewal
 *       that finds the lease taken over stops it too. When a process that was not a member when
 *       the lease was taken (a node that joined or restarted since) is now the one rendezvous
 *       names, it hands the domain over: the writer drains (everything decided is journaled and
 *       answered), then the lease is released so the new owner takes it without waiting.
 *   <li>a domain held elsewhere: it waits, and looks again the moment that lease would run out.
 *       A node on its own says it is standing by (log and {@code /health/ready}).
 *   <li>a domain nobody holds: the node rendezvous names takes it, which moves the domain's epoch
 *       on, and starts the writer under that epoch (it replays the journal from the latest
 *       snapshot and re-arms the timers; the lease is renewed meanwhile). The journal refuses
 *       every append that names an older epoch, so a node that was frozen and wakes up after a
 *       takeover cannot write a single event. A holder that let its lease run out (dead, frozen,
 *       or cut off from the journal) is left out of the rendezvous for that domain, so the next
 *       node takes it at once rather than after Hazelcast's failure detection.
 *   <li>a domain nobody has held for two leases (its rendezvous owner is alive but cannot take
 *       it, say it lost its database): any node takes it, and keeps it until membership changes.
 * </ul>
 *
 * <p>Hazelcast only says who is alive; it never arbitrates ownership (DESIGN.md, principle 6). A
 * clustered node announces each domain it starts writing, and tells this node's {@link
 * OwnerWatch}es who holds what and whether that holder is gone, so requests to a node that left
 * fail fast. A graceful stop hands every domain over.
 */
public final class OwnershipVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OwnershipVerticle.class);
  /** How often a clustered node looks at membership between rounds, to notice a node that left. */
  private static final long MEMBERSHIP_WATCH_MILLIS = 200;
  /** How long after a lease runs out, by the journal's clock, a node looks at it again. */
  private static final long EXPIRY_SLACK_MILLIS = 25;

  /** Starts and stops a domain's writer; {@code onFenced} is called if the writer finds itself taken over. */
  public interface Writers {
    Future<String> start(String domain, long epoch, Runnable onFenced);

    Future<Void> stop(String deploymentId);
  }

  /** Published when a node releases a domain, so the next owner takes it now rather than at its next round. */
  static final String RELEASED = "router.cluster.released";
  /** Published when a node's writer for a domain runs under a new lease, so peers send it what they held back. */
  static final String ACQUIRED = "router.cluster.acquired";

  /** Where a node answers "who is in the cluster and who owns what" (its own view). */
  public static String viewAddress(String nodeId) {
    return "router.cluster.view." + nodeId;
  }

  /**
   * A domain this node holds.
   *
   * @param writer its writer's deployment: starting, then running
   * @param holdersAtStart the members (as holders: node and instance) when the lease was taken
   * @param renewSentAtMillis when the last renewal that worked (or the acquisition) was sent
   */
  private record Held(long epoch, Future<String> writer, Set<String> holdersAtStart, long renewSentAtMillis) {
    Held renewed(long sentAtMillis) {
      return new Held(epoch, writer, holdersAtStart, sentAtMillis);
    }
  }

  private final Journal journal;
  private final Membership membership;
  private final List<String> domains;
  private final long leaseMillis;
  private final boolean clustered;
  private final Writers writers;
  private final Member self;
  private final String holder;
  /**
   * Changed only on this verticle's event loop; concurrent so that {@link #held} may be read from
   * any thread (tests and tools poll it) without meeting a change half-way.
   */
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final Map<String, Long> unheldSince = new HashMap<>();
  /** Every domain's lease as last read, or as announced since. */
  private final KnownLeases known = new KnownLeases();
  /** A node on its own: the domains another process holds, which this node is standing by for. */
  private final Map<String, DomainLease> standby = new HashMap<>();
  private final Map<String, Long> stepDownTimers = new HashMap<>();
  private List<Member> members = List.of();
  private Future<Void> running = Future.succeededFuture();
  private long roundTimer = -1;
  private long expiryTimer = -1;
  private long watchTimer = -1;
  private boolean watching;
  private boolean stopping;
  private long lastGoodRoundMillis;
  private String lastProblem = "not started";
  private MeterRegistry registry;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
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
    this.self = membership.self();
    this.holder = self.holder();
  }

  /**
   * Completes after the first round; a node on its own waits (at most two leases) until it holds
   * every domain, so that a restart after a crash is ready to route once it has started.
   */
  @Override
  public Future<?> start() {
    MeterRegistry found = BackendRegistries.getDefaultNow();
    registry = found == null ? new SimpleMeterRegistry() : found;
    MessageConsumer<JsonObject> view = vertx.eventBus().consumer(viewAddress(self.id()), m -> view()
        .onSuccess(m::reply)
        .onFailure(err -> m.fail(503, err.getMessage())));
    releasedConsumer = vertx.eventBus().consumer(RELEASED, m -> released(m.body()));
    consumers.add(view);
    consumers.add(vertx.eventBus().consumer(ACQUIRED, m -> acquiredElsewhere(m.body())));
    Promise<Void> ready = Promise.promise();
    long deadline = System.currentTimeMillis() + 2 * leaseMillis + 1_000;
    LOG.info("node {} (instance {}) {}; leases of {} ms, renewed every {} ms", self.id(), self.instance(),
        clustered ? "looks for its share of the domains" : "takes every domain no other process holds",
        leaseMillis, roundMillis());
    firstRounds(ready, deadline);
    return view.completion().compose(v -> ready.future()).onSuccess(v -> {
      roundTimer = vertx.setPeriodic(roundMillis(), id -> nextRound());
      if (clustered) {
        watchTimer = vertx.setPeriodic(MEMBERSHIP_WATCH_MILLIS, id -> watchMembers());
      }
    });
  }

  private long roundMillis() {
    return Math.max(100, leaseMillis / 3);
  }

  private void firstRounds(Promise<Void> ready, long deadline) {
    nextRound().compose(v -> Future.join(held.values().stream().map(Held::writer).toList()).otherwiseEmpty())
        .onComplete(ar -> {
          boolean all = domains.stream().allMatch(d -> held.containsKey(d) && held.get(d).writer().succeeded());
          if (clustered || all || System.currentTimeMillis() > deadline) {
            if (!clustered && !all) {
              LOG.warn("started without domains {}: another process holds their leases; this node stands by and "
                  + "takes each one once its lease is released or runs out", missing());
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
    for (long timer : new long[] {roundTimer, expiryTimer, watchTimer}) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
    stepDownTimers.values().forEach(vertx::cancelTimer);
    Future<Void> deaf = releasedConsumer == null ? Future.succeededFuture() : releasedConsumer.unregister();
    return deaf.recover(err -> Future.succeededFuture()).compose(v -> running).recover(err -> Future.succeededFuture()).compose(v -> {
      List<Future<Void>> handed = new ArrayList<>();
      for (String d : new ArrayList<>(held.keySet())) {
        handed.add(handOver(d, "this node is stopping"));
      }
      return Future.join(handed).<Void>mapEmpty().recover(err -> Future.succeededFuture());
    }).compose(v -> Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).<Void>mapEmpty()
        .recover(err -> Future.succeededFuture()));
  }

  /** Domains this node holds now (their writers running or starting); safe to call from any thread. */
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
      known.read(byDomain, holders(members), holder);
      leaving.values().removeIf(at -> System.currentTimeMillis() - at > 2 * leaseMillis);
      List<Member> live = members.stream().filter(m -> !leaving.containsKey(m.id())).toList();
      List<Future<Void>> steps = new ArrayList<>();
      for (String d : domains) {
        steps.add(step(d, live, byDomain.get(d)));
      }
      return Future.join(steps).<Void>map(v -> {
        lookAgainAtExpiry(byDomain);
        return null;
      });
    }).onSuccess(v -> {
      lastGoodRoundMillis = System.currentTimeMillis();
      lastProblem = null;
      publishOwners();
    }).recover(err -> {
      lastProblem = String.valueOf(err.getMessage());
      LOG.warn("ownership round failed: {}", err.getMessage());
      // A failed round still checks that held leases are not overdue.
      for (String d : new ArrayList<>(held.keySet())) {
        Held h = held.get(d);
        if (overdue(h)) {
          lose(d, h, "its lease could not be renewed for " + (System.currentTimeMillis() - h.renewSentAtMillis()) + " ms");
        }
      }
      return Future.succeededFuture();
    });
  }

  private Future<Void> step(String domain, List<Member> live, DomainLease lease) {
    long now = System.currentTimeMillis();
    Held h = held.get(domain);
    if (h != null) {
      String desired = Rendezvous.owner(domain, ids(live));
      Member heir = live.stream().filter(m -> m.id().equals(desired)).findFirst().orElse(null);
      if (!self.id().equals(desired) && heir != null && !h.holdersAtStart().contains(heir.holder())) {
        handOver(domain, "rebalanced to " + desired); // drains in the background; the round goes on
        return Future.succeededFuture();
      }
      return renew(domain, h);
    }
    if (lease != null && lease.held()) {
      unheldSince.remove(domain);
      standBy(domain, lease);
      return Future.succeededFuture(); // its owner hands it over, or its lease runs out, first
    }
    unheldSince.putIfAbsent(domain, now);
    // A holder that let its lease run out is dead, frozen or cut off from the journal: not waited for.
    boolean lapsedElsewhere = lease != null && lease.lapsed() && !holder.equals(lease.holder());
    List<Member> candidates = lapsedElsewhere
        ? live.stream().filter(m -> !m.holder().equals(lease.holder())).toList() : live;
    String desired = Rendezvous.owner(domain, ids(candidates));
    boolean orphaned = now - unheldSince.get(domain) > 2 * leaseMillis;
    if (!self.id().equals(desired) && !orphaned) {
      return Future.succeededFuture();
    }
    String how = !self.id().equals(desired) ? "nobody else had taken it for two leases"
        : lapsedElsewhere ? lease.owner() + " (" + lease.instance() + ") let its lease run out"
        : lease == null || lease.holder() == null ? "it was free" : "its own earlier lease had run out";
    return acquire(domain, holders(members), how);
  }

  private Future<Void> renew(String domain, Held h) {
    long sentAt = System.currentTimeMillis();
    return journal.renew(domain, holder, h.epoch(), leaseMillis).transform(ar -> {
      if (held.get(domain) != h) {
        if (ar.succeeded() && ar.result() && !held.containsKey(domain)) {
          // Renewed after its writer stepped down: give the lease back rather than make the next owner wait it out.
          journal.release(domain, holder, h.epoch()).onFailure(err -> LOG.warn("domain {}: release failed: {}",
              domain, err.getMessage()));
        }
        return Future.succeededFuture(); // lost or handed over meanwhile
      }
      if (ar.succeeded() && ar.result()) {
        Held renewed = h.renewed(sentAt);
        held.put(domain, renewed);
        armStepDown(domain, renewed);
      } else if (ar.succeeded()) {
        lose(domain, h, "its lease was taken over");
      } else if (overdue(h)) {
        lose(domain, h, "its lease could not be renewed for " + (System.currentTimeMillis() - h.renewSentAtMillis())
            + " ms (" + ar.cause().getMessage() + ")");
      } else {
        LOG.warn("domain {}: lease renewal failed, retrying: {}", domain, ar.cause().getMessage());
      }
      return Future.succeededFuture();
    });
  }

  /**
   * Takes the lease, then starts the writer without holding the round up: a long replay must not
   * keep this node from renewing the lease it has just taken.
   */
  private Future<Void> acquire(String domain, Set<String> holdersNow, String how) {
    return journal.open(domain).compose(head -> {
      long askedAt = System.currentTimeMillis();
      return journal.acquire(domain, holder, leaseMillis).map(taken -> {
        taken.ifPresent(t -> startWriter(domain, t.epoch(), holdersNow, askedAt, how));
        return null;
      });
    });
  }

  private void startWriter(String domain, long epoch, Set<String> holdersNow, long askedAt, String how) {
    LOG.atInfo().addKeyValue("domain", domain).log("took the lease of domain {} at epoch {} ({}); its writer starts",
        domain, epoch, how);
    Future<String> writer = writers.start(domain, epoch, () -> context.runOnContext(v -> fencedWriter(domain, epoch)));
    Held h = new Held(epoch, writer, holdersNow, askedAt);
    held.put(domain, h);
    unheldSince.remove(domain);
    DomainLease waitedFor = standby.remove(domain);
    armStepDown(domain, h);
    count(domain, "acquired");
    writer.onSuccess(id -> {
      if (held.get(domain) == null || held.get(domain).writer() != writer) {
        return; // lost or handed over while starting: whoever removed it stops the writer
      }
      LOG.atInfo().addKeyValue("domain", domain).log("acquired domain {} at epoch {}: writer ready {} ms after the lease{}",
          domain, epoch, System.currentTimeMillis() - askedAt,
          waitedFor == null ? "" : " (this node stood by while " + waitedFor.holder() + " held it)");
      vertx.eventBus().publish(ACQUIRED, new JsonObject().put("domain", domain).put("holder", holder)
          .put("epoch", epoch));
      publishOwners();
    }).onFailure(err -> {
      LOG.error("domain {}: writer did not start at epoch {}; releasing the lease", domain, epoch, err);
      Held current = held.get(domain);
      if (current != null && current.writer() == writer) {
        held.remove(domain);
        cancelStepDown(domain);
        journal.release(domain, holder, epoch).onFailure(e -> LOG.warn("domain {}: release failed: {}", domain,
            e.getMessage()));
      }
    });
  }

  /**
   * Whether a clustered node must stop writing: its last renewal that worked was sent nine tenths
   * of a lease ago (the journal's lease runs a whole lease from when it got that renewal, later
   * still). A node on its own keeps its writer (which answers reads from what is durable and
   * refuses commands until the journal is back): the epoch fences it if another process takes over.
   */
  private boolean overdue(Held h) {
    return clustered && System.currentTimeMillis() >= stepDownAt(h);
  }

  private long stepDownAt(Held h) {
    return h.renewSentAtMillis() + leaseMillis - leaseMillis / 10;
  }

  /** Stops the writer when the lease is about to run out unless a renewal comes back first. */
  private void armStepDown(String domain, Held h) {
    if (!clustered) {
      return;
    }
    cancelStepDown(domain);
    long delay = Math.max(1, stepDownAt(h) - System.currentTimeMillis());
    stepDownTimers.put(domain, vertx.setTimer(delay, id -> {
      stepDownTimers.remove(domain);
      Held current = held.get(domain);
      if (current == null) {
        return;
      }
      if (overdue(current)) {
        lose(domain, current, "its lease could not be renewed for "
            + (System.currentTimeMillis() - current.renewSentAtMillis()) + " ms of a " + leaseMillis + " ms lease");
      } else {
        armStepDown(domain, current); // early by a clock tick, or renewed meanwhile
      }
    }));
  }

  private void cancelStepDown(String domain) {
    Long timer = stepDownTimers.remove(domain);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  /** Looks again the moment the first lease held by another process would run out. */
  private void lookAgainAtExpiry(Map<String, DomainLease> leases) {
    long soonest = Long.MAX_VALUE;
    for (String d : domains) {
      DomainLease l = leases.get(d);
      if (!held.containsKey(d) && l != null && l.held()) {
        soonest = Math.min(soonest, l.remainingMillis());
      }
    }
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
      expiryTimer = -1;
    }
    if (soonest != Long.MAX_VALUE && !stopping) {
      expiryTimer = vertx.setTimer(soonest + EXPIRY_SLACK_MILLIS, id -> {
        expiryTimer = -1;
        nextRound();
      });
    }
  }

  /** A node on its own says, once per holder, that another process holds a domain it would write. */
  private void standBy(String domain, DomainLease lease) {
    if (clustered || holder.equals(lease.holder())) {
      return;
    }
    DomainLease before = standby.put(domain, lease);
    if (before == null || !lease.holder().equals(before.holder())) {
      LOG.atWarn().addKeyValue("domain", domain).log("standing by for domain {}: another process holds its lease "
              + "({}, instance {}, until {}); this node ({}) takes it over only once that lease is released or runs "
              + "out. Two processes against one database: stop one of them", domain, lease.owner(), lease.instance(),
          Instant.ofEpochMilli(lease.expiresAt()), holder);
    }
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
    cancelStepDown(domain);
    count(domain, "lost");
    LOG.atWarn().addKeyValue("domain", domain).log("lost domain {} at epoch {}: {}; its writer stops", domain,
        h.epoch(), why);
    h.writer().onSuccess(id -> writers.stop(id).onFailure(err -> LOG.warn("domain {}: writer stop failed: {}",
        domain, err.getMessage())));
    publishOwners();
  }

  private Future<Void> handOver(String domain, String why) {
    Held h = held.remove(domain);
    if (h == null) {
      return Future.succeededFuture();
    }
    cancelStepDown(domain);
    return h.writer()
        .transform(ar -> ar.succeeded() ? writers.stop(ar.result()) : Future.<Void>succeededFuture())
        .recover(err -> {
          LOG.warn("domain {}: writer did not stop cleanly: {}", domain, err.getMessage());
          return Future.succeededFuture();
        })
        .compose(v -> journal.release(domain, holder, h.epoch()))
        .onSuccess(v -> {
          count(domain, "released");
          vertx.eventBus().publish(RELEASED, new JsonObject().put("domain", domain).put("node", self.id())
              .put("holder", holder).put("epoch", h.epoch()).put("stopping", stopping));
          LOG.atInfo().addKeyValue("domain", domain).log("released domain {} at epoch {}: {}", domain, h.epoch(), why);
        })
        .recover(err -> {
          count(domain, "released");
          LOG.warn("domain {}: stopped, but the lease could not be released ({}); it runs out by itself",
              domain, err.getMessage());
          return Future.succeededFuture();
        });
  }

  private void released(JsonObject notice) {
    String domain = notice.getString("domain");
    String from = notice.getString("node");
    if (notice.getBoolean("stopping", false) && !self.id().equals(from)) {
      leaving.put(from, System.currentTimeMillis());
    }
    known.released(domain, notice.getString("holder"), System.currentTimeMillis());
    publishOwners();
    if (!held.containsKey(domain)) {
      nextRound();
    }
  }

  /** Another process's writer runs under a new lease: a writer of ours at an older epoch is fenced already. */
  private void acquiredElsewhere(JsonObject notice) {
    String domain = notice.getString("domain");
    String by = notice.getString("holder");
    long epoch = notice.getLong("epoch", 0L);
    if (!domains.contains(domain) || holder.equals(by)) {
      return;
    }
    DomainLease before = known.get(domain);
    if (before != null && before.epoch() > epoch) {
      return;
    }
    long now = System.currentTimeMillis();
    known.announced(new DomainLease(domain, by, epoch, now + leaseMillis, now));
    Held h = held.get(domain);
    if (h != null && h.epoch() < epoch) {
      lose(domain, h, by + " took it at epoch " + epoch);
    }
    publishOwners();
  }

  /** Between rounds, notices a node that left (or joined) within a fifth of a second. */
  private void watchMembers() {
    if (watching || stopping) {
      return;
    }
    watching = true;
    membership.members().onComplete(ar -> {
      watching = false;
      if (ar.failed()) {
        return;
      }
      Set<String> before = holders(members);
      Set<String> after = holders(ar.result());
      if (before.equals(after)) {
        return;
      }
      for (Member m : members) {
        if (!after.contains(m.holder())) {
          LOG.info("member {} (instance {}) left the cluster", m.id(), m.instance());
        }
      }
      for (Member m : ar.result()) {
        if (!before.contains(m.holder())) {
          LOG.info("member {} (instance {}) joined the cluster", m.id(), m.instance());
        }
      }
      members = ar.result();
      publishOwners();
    });
  }

  /**
   * Tells this node's {@link OwnerWatch}es who holds each domain and whether a request can go to
   * it now (a node on its own tells them nothing: its requests never leave the process).
   */
  private void publishOwners() {
    if (!clustered || stopping) {
      return;
    }
    Map<String, Boolean> running = new HashMap<>();
    held.forEach((d, h) -> running.put(d, h.writer().succeeded()));
    OwnerWatch.publish(vertx, known.owners(domains, running, self, holders(members)));
  }

  private static Set<String> ids(List<Member> ms) {
    return ms.stream().map(Member::id).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> holders(List<Member> ms) {
    return ms.stream().map(Member::holder).collect(Collectors.toCollection(TreeSet::new));
  }

  private void count(String domain, String change) {
    Counter.builder("router.cluster.ownership.changes")
        .description("Domains this node took (acquired), gave up on request (released) or lost to another node")
        .tag("domain", domain).tag("change", change)
        .register(registry).increment();
  }

  /** This node's view: members, every domain's lease, and whether ownership works from here. */
  private Future<JsonObject> view() {
    // Without the journal the leases are unknown, but the node still says what it holds.
    Future<List<DomainLease>> read = journal.leases().otherwise(err -> {
      lastProblem = "cannot read leases from the journal: " + err.getMessage();
      return null;
    });
    return read.map(leases -> new NodeView(self, clustered, members, held(), domains, leases, healthy(),
        leases == null ? lastProblem : problem()).toJson());
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
