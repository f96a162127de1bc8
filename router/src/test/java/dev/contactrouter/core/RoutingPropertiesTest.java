package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Simulation.Kind;
import dev.contactrouter.core.Simulation.Op;
import dev.contactrouter.core.Simulation.Universe;
import dev.contactrouter.store.HashChain;
import dev.contactrouter.store.StoredEvent;
import dev.contactrouter.store.format.SnapshotFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random command sequences against small centres. Every step of every property is checked by
 * {@link Simulation#step}: the indexed domain decides exactly like the linear one, invariants
 * hold, every offer is legal (eligible agent, free slot within capacity, one holder) and ranked by
 * the rules (no waiting contact the agent could take has a higher effective priority, unless the
 * offered one was directed to it by name; a contact-side offer goes to the longest-ready, then
 * most proficient, eligible agent), no free agent is left idle next to work it could take, and
 * the live timers are the fold of the events' timer changes. Each property then checks one
 * whole-run promise on top.
 */
class RoutingPropertiesTest {

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void indexedMatcherDecidesExactlyLikeTheLinearScan(
      @ForAll("universes") Universe universe, @ForAll("commands") List<Op> ops) {
    Simulation sim = new Simulation(universe).run(ops);

    sim.assertSameViews(sim.linear, sim.indexed, "indexed vs linear");
    // The reconciler's look builds only the timers due before its cut-off: exactly those of all.
    List<Timers.Timer> live = sim.indexed.liveTimers();
    for (long at : new long[] {Long.MIN_VALUE, sim.now - 60_000, sim.now, sim.now + 30_000, Long.MAX_VALUE}) {
      assertThat(sim.indexed.liveTimersDueBefore(at)).as("timers due before %d", at)
          .containsExactlyInAnyOrderElementsOf(live.stream().filter(t -> t.dueAt() < at).toList());
    }
    // The reconciler's look in rounds of any size finds what one pass finds, in the same order.
    long grace = 5_000;
    List<Reconciler.Repair> whole = Reconciler.overdue(sim.indexed, sim.now + 60_000, grace, 600_000);
    for (int round : new int[] {1, 2, 7}) {
      Reconciler.Look look = Reconciler.look(sim.indexed, sim.now + 60_000, grace, 600_000);
      List<Reconciler.Repair> inRounds = new ArrayList<>();
      for (int n = 0; n < 100_000 && !look.done(); n++) {
        inRounds.addAll(look.next(round));
      }
      assertThat(inRounds).as("rounds of %d", round).containsExactlyInAnyOrderElementsOf(whole);
    }
    Statistics.label("commands").collect(sim.steps < 50 ? "<50" : sim.steps < 150 ? "50-149" : "150+");
    Statistics.label("contact-side offers").collect(bucket(sim.contactSideOffers));
    Statistics.label("agent-side offers").collect(bucket(sim.agentSideOffers));
    Statistics.label("SLA thresholds and breaches").collect(bucket((int) sim.journal.stream()
        .filter(r -> r.event() instanceof Event.SlaThresholdReached || r.event() instanceof Event.SlaBreached).count()));
    Statistics.label("out-of-hours arrivals").collect(bucket((int) sim.journal.stream()
        .filter(r -> r.event() instanceof Event.ContactOutOfHours).count()));
    Statistics.label("held for compliance review").collect(bucket((int) sim.journal.stream()
        .filter(r -> r.event() instanceof Event.ComplianceChecked c && c.held()).count()));
    Statistics.label("routing stages").collect(bucket((int) sim.journal.stream()
        .filter(r -> r.event() instanceof Event.RoutingStageChanged).count()));
    Statistics.label("complaint steps").collect(bucket((int) sim.journal.stream()
        .filter(r -> r.event() instanceof Event.CaseAdvanced).count()));
    Statistics.label("return visits due").collect(bucket((int) sim.journal.stream()
        .filter(r -> r.event() instanceof Event.FollowUpDue).count()));
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void everyContactEndsInExactlyOneTerminalState(
      @ForAll("universes") Universe universe, @ForAll("commands") List<Op> ops) {
    Simulation sim = new Simulation(universe).run(ops);

    sim.closeEverything();

    for (Shadow.Contact c : sim.shadow.contacts.values()) {
      if (Simulation.isCaseWork(c) && !c.status.terminal()) {
        continue; // a complaint's work item ends only by its case's next step
      }
      List<Event> history = c.history;
      List<Event> terminal = new ArrayList<>();
      for (Event e : history) {
        if (e instanceof Event.ContactCompleted || e instanceof Event.ContactAbandoned) {
          terminal.add(e);
        }
      }
      assertThat(terminal).as("terminal events of %s: %s", c.id(), history).hasSize(1);
      List<Event> after = history.subList(history.indexOf(terminal.get(0)) + 1, history.size());
      assertThat(after).as("nothing but a survey after the end of %s", c.id())
          .allMatch(e -> e instanceof Event.SurveyRecorded);
      assertThat(history.get(0)).isInstanceOf(Event.ContactQueued.class);
    }
    long openWork = sim.live().stream().filter(c -> c.status == ContactStatus.QUEUED).count();
    assertThat(sim.indexed.waitingCount()).isEqualTo((int) openWork);
    assertThat(sim.indexed.liveTimers())
        .as("only wrap-ups, return visits and open complaint work keep timers")
        .allMatch(t -> t.key().startsWith("wrapup:") || t.key().startsWith("followup:") || t.key().startsWith("case:")
            || t.key().startsWith("offer:") || t.key().startsWith("route:") || t.key().startsWith("sla:"));
    assertThat(sim.indexed.liveTimers())
        .filteredOn(t -> t.key().startsWith("offer:") || t.key().startsWith("route:") || t.key().startsWith("sla:"))
        .allMatch(t -> t.key().substring(t.key().indexOf(':') + 1).matches("k\\d+-.*"));
  }

  /**
   * Recovery is a snapshot plus the events after it. The journal's events go through their JSON
   * form (as the engine stores them) into a fresh domain, which at random points is snapshotted,
   * encoded, decoded and restored (alternating the matcher) before the replay carries on. The
   * result must show every reader the same state as the live domain and make the same next
   * decisions.
   */
  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void replayingTheJournalRebuildsTheSameDomain(
      @ForAll("universes") Universe universe,
      @ForAll("commands") List<Op> ops,
      @ForAll("cuts") List<Double> cuts) {
    Simulation sim = new Simulation(universe).run(ops);

    RoutingDomain replayedIndexed = new RoutingDomain(MatcherKind.INDEXED);
    RoutingDomain replayedLinear = new RoutingDomain(MatcherKind.LINEAR);
    List<Integer> at = new ArrayList<>();
    // Snapshots are taken between commands (a writer snapshots committed batches).
    cuts.forEach(f -> at.add(sim.commandEnds.get((int) Math.floor(f * (sim.commandEnds.size() - 1)))));
    Collections.sort(at);
    int snapshots = 0;
    for (int i = 0; i <= sim.journal.size(); i++) {
      while (!at.isEmpty() && at.get(0) == i) {
        at.remove(0);
        MatcherKind kind = snapshots++ % 2 == 0 ? MatcherKind.LINEAR : MatcherKind.INDEXED;
        replayedIndexed = throughSnapshot(replayedIndexed, kind);
      }
      if (i < sim.journal.size()) {
        Recorded stored = StoredEvent.of("d", i + 1, sim.journal.get(i), HashChain.GENESIS).recorded();
        assertThat(stored).as("event %d through its stored form", i).isEqualTo(sim.journal.get(i));
        replayedIndexed.apply(stored);
        replayedLinear.apply(sim.journal.get(i));
      }
    }
    replayedIndexed.checkInvariants();
    replayedLinear.checkInvariants();
    Statistics.label("snapshots taken").collect(snapshots);

    sim.assertSameViews(sim.indexed, replayedIndexed, "live vs snapshot + replayed");
    sim.assertSameViews(sim.indexed, replayedLinear, "live vs replayed into a linear domain");
    RoutingDomain restoredLive = throughSnapshot(sim.indexed, MatcherKind.INDEXED);
    sim.assertSameViews(sim.indexed, restoredLive, "live vs its own snapshot");
    for (Command probe : probes(sim)) {
      Decision live = sim.step(probe);
      assertThat(replayedIndexed.handle(probe, sim.now)).as("replayed decision on %s", probe).isEqualTo(live);
      assertThat(replayedLinear.handle(probe, sim.now)).as("replayed linear decision on %s", probe).isEqualTo(live);
      assertThat(restoredLive.handle(probe, sim.now)).as("restored decision on %s", probe).isEqualTo(live);
    }
    sim.assertSameViews(sim.indexed, replayedIndexed, "live vs replayed after the probes");
    sim.assertSameViews(sim.indexed, restoredLive, "live vs restored after the probes");
  }

  /** An ended contact's own events fold to the view the domain gives of it. */
  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void anEndedContactsOwnEventsDescribeIt(
      @ForAll("universes") Universe universe, @ForAll("commands") List<Op> ops) {
    Simulation sim = new Simulation(universe).run(ops);
    sim.closeEverything();

    for (String id : sim.shadow.contacts.keySet()) {
      if (sim.indexed.contact(id, sim.now).map(c -> !c.status().terminal()).orElse(true)) {
        continue; // the fold describes ended contacts (a complaint's open work item stays open)
      }
      List<Recorded> own = new ArrayList<>();
      for (Recorded r : sim.journal) {
        if (id.equals(r.event().contactId())) {
          own.add(r);
        }
      }
      assertThat(ContactRecord.view(own)).as("contact %s from its events", id).isEqualTo(sim.indexed.contact(id, sim.now));
    }
  }

  /** Snapshot, encode to the stored JSON text, decode, restore; the snapshot survives unchanged. */
  private static RoutingDomain throughSnapshot(RoutingDomain domain, MatcherKind kind) {
    DomainSnapshot snapshot = domain.snapshot();
    DomainSnapshot decoded = SnapshotFormat.decode(SnapshotFormat.encode(snapshot));
    assertThat(decoded).as("snapshot through its stored form").isEqualTo(snapshot);
    RoutingDomain restored = RoutingDomain.restore(decoded, kind);
    assertThat(restored.snapshot()).as("snapshot of the restored domain").isEqualTo(snapshot);
    return restored;
  }

  private static String bucket(int n) {
    return n == 0 ? "0" : n < 5 ? "1-4" : n < 20 ? "5-19" : "20+";
  }

  /** Commands that make the domain decide: new work in every queue, every agent ready, timers. */
  private static List<Command> probes(Simulation sim) {
    List<Command> probes = new ArrayList<>();
    int n = 0;
    for (QueueSpec q : sim.shadow.queues.values()) {
      Channel channel = q.channel() != null ? q.channel() : sim.universe.channels().get(0);
      probes.add(new Command.CreateContact("telephony", new ContactSpec(
          "probe" + n++, channel, q.id(), null, 5, null, null, null, null, null, null, null, null, null, null, null)));
    }
    for (String agent : sim.shadow.agents.keySet()) {
      probes.add(new Command.SetAgentStatus("agent:" + agent, agent, AgentStatus.AVAILABLE, null));
    }
    for (Timers.Timer t : sim.indexed.liveTimers()) {
      probes.add(t.command());
    }
    return probes;
  }

  // ------------------------------------------------------------------ generators

  /** Up to three points in the journal (as fractions of its length) to snapshot and restore at. */
  @Provide
  Arbitrary<List<Double>> cuts() {
    return Arbitraries.doubles().between(0, 1).list().ofMaxSize(3);
  }

  @Provide
  Arbitrary<Universe> universes() {
    return Combinators.combine(
            Arbitraries.integers().between(2, 4),
            Arbitraries.integers().between(2, 8),
            Arbitraries.of(
                List.of(Channel.VOICE, Channel.CHAT),
                List.of(Channel.CHAT, Channel.BRANCH),
                List.of(Channel.VOICE, Channel.CHAT, Channel.BRANCH)),
            Arbitraries.longs())
        .as(Universe::new);
  }

  @Provide
  Arbitrary<List<Op>> commands() {
    Arbitrary<Kind> kind =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just(Kind.ADVANCE)),
            Tuple.of(6, Arbitraries.just(Kind.CREATE)),
            Tuple.of(4, Arbitraries.just(Kind.STATUS)),
            Tuple.of(5, Arbitraries.just(Kind.ACCEPT)),
            Tuple.of(2, Arbitraries.just(Kind.REJECT)),
            Tuple.of(4, Arbitraries.just(Kind.COMPLETE)),
            Tuple.of(2, Arbitraries.just(Kind.ABANDON)),
            Tuple.of(2, Arbitraries.just(Kind.TRANSFER)),
            Tuple.of(2, Arbitraries.just(Kind.FIRE_TIMERS)),
            Tuple.of(2, Arbitraries.just(Kind.NEXT_TIMER)),
            Tuple.of(1, Arbitraries.just(Kind.EXPIRE_ANY)),
            Tuple.of(1, Arbitraries.just(Kind.END_WRAP_UP)),
            Tuple.of(1, Arbitraries.just(Kind.CONFIGURE_QUEUE)),
            Tuple.of(1, Arbitraries.just(Kind.CONFIGURE_AGENT)),
            Tuple.of(1, Arbitraries.just(Kind.CONFIGURE_CALENDAR)),
            Tuple.of(1, Arbitraries.just(Kind.CONFIGURE_CATEGORY)),
            Tuple.of(1, Arbitraries.just(Kind.REACH_SLA)),
            Tuple.of(1, Arbitraries.just(Kind.CALLBACK)),
            Tuple.of(1, Arbitraries.just(Kind.SURVEY)),
            Tuple.of(2, Arbitraries.just(Kind.OPEN_COMPLAINT)),
            Tuple.of(4, Arbitraries.just(Kind.ADVANCE_COMPLAINT)),
            Tuple.of(1, Arbitraries.just(Kind.CONFIGURE_RULES)));
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 9_999);
    return Combinators.combine(kind, n, n, n, n).as(Op::new).list().ofMaxSize(200).withSizeDistribution(RandomDistribution.uniform());
  }
}
