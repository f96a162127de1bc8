package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Views leave the writer's thread by reference (the API verticles render them), so a view must
 * never share a collection with the state it was read from: one taken, then left alone while the
 * domain moves on, still reads as it did; and nothing reachable from a view, a spec, an event or
 * a timer's command can be modified.
 */
class ViewImmutabilityTest {

  @Test
  void aViewReadsTheSameWhileTheDomainMovesOn() {
    int views = 0;
    int changedSince = 0;
    for (long seed = 1; seed <= 6; seed++) {
      Simulation sim = simulation(seed);
      sim.run(ops(new Random(seed), 200));
      Map<Object, String> before = new IdentityHashMap<>();
      views(sim).forEach(v -> before.put(v, v.toString()));
      sim.run(ops(new Random(-seed), 300));
      for (Map.Entry<Object, String> e : before.entrySet()) {
        assertThat(e.getKey().toString()).as("a view taken before the domain moved on").isEqualTo(e.getValue());
      }
      List<String> after = views(sim).stream().map(Object::toString).toList();
      changedSince += (int) before.values().stream().filter(v -> !after.contains(v)).count();
      views += before.size();
    }
    assertThat(views).isGreaterThan(150);
    assertThat(changedSince).as("the domain did move on: views read again differ").isGreaterThan(50);
  }

  @Test
  void nothingReachableFromAViewSpecEventOrCommandCanBeModified() {
    for (long seed = 1; seed <= 6; seed++) {
      Simulation sim = simulation(seed);
      sim.run(ops(new Random(seed), 300));
      views(sim).forEach(Immutables::assertDeeplyImmutable);
      sim.journal.forEach(Immutables::assertDeeplyImmutable);
      sim.indexed.liveTimers().forEach(t -> Immutables.assertDeeplyImmutable(t.command()));
    }
  }

  @Test
  void theCheckFindsAModifiableCollection() {
    List<String> rejected = new ArrayList<>(List.of("a1"));
    Object leaky = new Leaky("c1", rejected);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Immutables.assertDeeplyImmutable(leaky))
        .hasMessageContaining("Leaky.rejectedBy is a modifiable java.util.ArrayList");
  }

  private record Leaky(String id, List<String> rejectedBy) {}

  /** Every view, spec and figure the domain answers reads with, as of the simulation's now. */
  private static List<Object> views(Simulation sim) {
    RoutingDomain d = sim.indexed;
    List<Object> out = new ArrayList<>();
    for (Recorded r : sim.journal) {
      if (r.event() instanceof Event.ContactQueued q) {
        d.contact(q.contactId(), sim.now).ifPresent(out::add);
      }
    }
    out.addAll(d.agents());
    out.addAll(d.queues());
    d.queues().forEach(q -> d.queueStats(q.id(), sim.now).ifPresent(out::add));
    out.addAll(d.calendars());
    out.addAll(d.categories());
    out.addAll(d.complaints(sim.now, false, false));
    out.addAll(d.followUps());
    out.addAll(d.apiKeys());
    out.add(d.rules());
    return out;
  }

  private static Simulation simulation(long seed) {
    return new Simulation(new Simulation.Universe(3, 6, List.of(Channel.VOICE, Channel.CHAT, Channel.BRANCH), seed));
  }

  private static List<Simulation.Op> ops(Random rnd, int n) {
    List<Simulation.Op> ops = new ArrayList<>();
    Simulation.Kind[] kinds = Simulation.Kind.values();
    for (int i = 0; i < n; i++) {
      ops.add(new Simulation.Op(kinds[rnd.nextInt(kinds.length)], rnd.nextInt(10_000), rnd.nextInt(10_000),
          rnd.nextInt(10_000), rnd.nextInt(10_000)));
    }
    return ops;
  }
}
