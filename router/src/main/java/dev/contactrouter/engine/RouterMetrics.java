package dev.contactrouter.engine;

import dev.contactrouter.core.AgentView;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.QueueDepth;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.store.JournalEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A routing domain's own figures, for {@code GET /metrics} beside Vert.x's HTTP and event-bus
 * metrics: waiting contacts and longest wait per queue, agents by state, offers and contacts by
 * outcome, decision latency, journal batch size and commit latency, SLA warnings and breaches,
 * repairs by the reconciler, commands pending and commands shed by admission control. Written only by the domain's writer; gauges read holders it refreshes,
 * so a scrape from another thread never touches the routing state.
 */
public final class RouterMetrics {
  private static final long LATE_MILLIS = 1_000;
  private static final String SHED_DESCRIPTION = "Commands refused with 503 at once by admission control "
      + "(the writer's backlog past its bound, or an HTTP event loop running behind)";
  private static final String[] AGENT_STATES = {"available", "busy", "not_ready", "wrap_up", "offline"};

  private final MeterRegistry registry;
  private final String domain;
  private final Timer decisions;
  private final Timer commits;
  private final Timer stalls;
  private final DistributionSummary batchSize;
  /** The counter each kind of committed event moves (offers and contacts by outcome, SLA points); others move none. */
  private final Map<Class<? extends Event>, Counter> counted = new HashMap<>();
  private final Counter timersArmed;
  private final Counter timersFired;
  private final Counter timersLate;
  private final AtomicLong available = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final Map<String, Counter> shed = new HashMap<>();
  private final Map<String, AtomicLong> agents = new HashMap<>();
  private final Map<String, AtomicLong> waiting = new HashMap<>();
  private final Map<String, AtomicLong> longestWaitMillis = new HashMap<>();
  /** Gauges read this instance's holders: removed on close, so a restarted writer registers its own. */
  private final List<Meter> gauges = new ArrayList<>();

  /** Registers in Vert.x's default registry when metrics are enabled, else in a private one. */
  public static RouterMetrics forDomain(String domain) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return new RouterMetrics(registry == null ? new SimpleMeterRegistry() : registry, domain);
  }

  RouterMetrics(MeterRegistry registry, String domain) {
    this.registry = registry;
    this.domain = domain;
    this.decisions = Timer.builder("router.decision")
        .description("Time the routing core takes to decide one command")
        .tag("domain", domain).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofMillis(100))
        .register(registry);
    this.commits = Timer.builder("router.journal.commit")
        .description("Time to make one batch of events durable")
        .tag("domain", domain).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    this.stalls = Timer.builder("router.writer.stall")
        .description("How late a timer due every " + WriterStalls.TICK_MILLIS + " ms fired on the domain writer's thread")
        .tag("domain", domain).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    this.batchSize = DistributionSummary.builder("router.journal.batch.events")
        .description("Events per journal batch (group commit)")
        .tag("domain", domain).register(registry);
    countOutcomes("router.offers", "Offers by what became of them", Map.of(
        "made", Event.OfferMade.class, "accepted", Event.OfferAccepted.class, "rejected", Event.OfferRejected.class,
        "timed_out", Event.OfferTimedOut.class, "revoked", Event.OfferRevoked.class));
    countOutcomes("router.contacts", "Contacts by lifecycle step", Map.of(
        "queued", Event.ContactQueued.class, "completed", Event.ContactCompleted.class,
        "abandoned", Event.ContactAbandoned.class, "transferred", Event.ContactTransferred.class));
    this.timersArmed = Counter.builder("router.timers.armed").tag("domain", domain)
        .description("Timers armed (offer timeouts, wrap-up ends, SLA points, stages, return visits, case deadlines)")
        .register(registry);
    this.timersFired = Counter.builder("router.timers.fired").tag("domain", domain)
        .description("Timer deliveries taken by the writer").register(registry);
    this.timersLate = Counter.builder("router.timers.fired.late").tag("domain", domain)
        .description("Timer deliveries more than a second after their due time").register(registry);
    counted.put(Event.SlaThresholdReached.class, Counter.builder("router.sla.warnings").tag("domain", domain)
        .description("SLA warning thresholds reached").register(registry));
    counted.put(Event.SlaBreached.class, Counter.builder("router.sla.breaches").tag("domain", domain)
        .description("SLA deadlines passed unanswered").register(registry));
    gauges.add(Gauge.builder("router.domain.available", available, AtomicLong::get).tag("domain", domain)
        .description("1 while the domain takes commands (its journal is usable), else 0").register(registry));
    gauges.add(Gauge.builder("router.commands.pending", pending, AtomicLong::get).tag("domain", domain)
        .description("Commands the writer has taken and not yet answered (waiting for the journal)")
        .register(registry));
    for (Admission.Reason reason : Admission.Reason.values()) {
      shed.put(reason.tag, Counter.builder("router.commands.shed").tag("domain", domain).tag("reason", reason.tag)
          .description(SHED_DESCRIPTION)
          .register(registry));
    }
    for (String state : AGENT_STATES) {
      AtomicLong holder = new AtomicLong();
      agents.put(state, holder);
      gauges.add(Gauge.builder("router.agents", holder, AtomicLong::get).tag("domain", domain).tag("state", state)
          .description("Agents by state").register(registry));
    }
  }

  public void timerArmed() {
    timersArmed.increment();
  }

  /** A timer delivered {@code lateMillis} after its due time. */
  public void timerFired(long lateMillis) {
    timersFired.increment();
    if (lateMillis > LATE_MILLIS) {
      timersLate.increment();
    }
  }

  /** Stuck work the reconciler repaired, by kind (a timer that never fired, a stale assignment). */
  public void repaired(String kind) {
    Counter.builder("router.reconciler.repairs").tag("domain", domain).tag("kind", kind)
        .description("Stuck work repaired by the reconciler").register(registry).increment();
  }

  /** Removes this writer's gauges (its counters and timers stay: a successor adds to them). */
  public void close() {
    gauges.forEach(registry::remove);
    gauges.clear();
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The writer's loop ran {@code nanos} late for its stall probe ({@link WriterStalls}). */
  void stalled(long nanos) {
    stalls.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One command decided by the core, in nanoseconds. */
  public void decided(long nanos) {
    decisions.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A batch made durable: its size, how long it took, and what its events say. */
  public void committed(List<JournalEntry> batch, long nanos) {
    commits.record(nanos, TimeUnit.NANOSECONDS);
    batchSize.record(batch.size());
    for (JournalEntry e : batch) {
      Counter counter = counted.get(e.recorded().event().getClass());
      if (counter != null) {
        counter.increment();
      }
    }
  }

  /** One counter per outcome, tagged with it, moved by the outcome's kind of event. */
  private void countOutcomes(String name, String description, Map<String, Class<? extends Event>> outcomes) {
    outcomes.forEach((outcome, event) -> counted.put(event, Counter.builder(name).tag("domain", domain)
        .tag("outcome", outcome).description(description).register(registry)));
  }

  /** A command refused by admission control, by reason (see {@link Admission.Reason}). */
  void shed(String reason) {
    shed.get(reason).increment();
  }

  /**
   * New intake an HTTP verticle refused at its front door before reading it, by reason: {@code
   * loop_lag} (its event loop ran behind) or {@code in_flight} (it had as much intake in flight as
   * its adaptive limit allows). Not tagged with a domain: the request's caller is not read yet.
   * Thread-safe: Micrometer counters are, and each call finds the one registered counter.
   */
  public static void frontShed(String reason) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry != null) {
      FRONT_SHED.computeIfAbsent(new FrontShed(registry, reason), k -> Counter.builder("router.front.shed")
          .tag("reason", reason)
          .description("New intake refused with 503 at a node's front door, before its body was read")
          .register(registry)).increment();
    }
  }

  /**
   * The front door's counters, found once per registry and reason: registering looks the meter up
   * by name and tags, which cost as much as the rest of a refusal under overload.
   */
  private record FrontShed(MeterRegistry registry, String reason) {}

  private static final Map<FrontShed, Counter> FRONT_SHED = new ConcurrentHashMap<>();

  /** Commands taken and not yet answered, now. */
  void pending(int count) {
    pending.set(count);
  }

  public void available(boolean up) {
    available.set(up ? 1 : 0);
  }

  /** Refreshes the gauges from the routing state; call on the writer's thread, now and then. */
  public void observe(RoutingDomain core, long now) {
    Map<String, Long> byState = new HashMap<>();
    for (AgentView a : core.agents()) {
      byState.merge(a.state(), 1L, Long::sum);
    }
    for (String state : AGENT_STATES) {
      agents.get(state).set(byState.getOrDefault(state, 0L));
    }
    // Constant time per queue: this runs on the writer's thread every few seconds, and full
    // queue statistics look at every waiting contact (a pause that grew with the queue).
    for (QueueDepth q : core.queueDepths(now)) {
      holder(waiting, "router.contacts.waiting", "Contacts waiting or ringing in the queue", q.queue())
          .set(q.waiting() + q.ringing());
      holder(longestWaitMillis, "router.longest.wait.seconds", "How long the oldest waiting contact has waited", q.queue())
          .set(q.longestWaitMillis());
    }
  }

  private AtomicLong holder(Map<String, AtomicLong> holders, String name, String description, String queue) {
    return holders.computeIfAbsent(queue, q -> {
      AtomicLong holder = new AtomicLong();
      boolean seconds = name.endsWith(".seconds"); // held in millis, shown in seconds
      gauges.add(Gauge.builder(name, holder, h -> seconds ? h.get() / 1000.0 : h.get()).tag("domain", domain)
          .tag("queue", q).description(description).register(registry));
      return holder;
    });
  }
}
