package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Simulation.Kind;
import dev.contactrouter.core.Simulation.Op;
import dev.contactrouter.core.Simulation.Universe;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * No gate relaxed by any path: random command sequences that mix every path that can put a
 * contact in front of an agent (intake, offers and answers, transfers to a queue or a named agent
 * by agents and supervisors, SLA overflow and relax_skills, relationship stages, return visits,
 * callbacks, complaint work, profile and queue changes, the switch's reports) in centres with
 * licences that lapse, risk levels and products, a review queue with its own requirement, sites
 * and relationship managers. After every command {@link GateOracle} checks, from the written rules
 * and not the domain's code, that no offer or assignment breaches a gate (on top of everything
 * {@link Simulation#step} checks).
 */
class GatePropertiesTest {

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void noOfferOrAssignmentEverBreachesAGate(@ForAll("gatedUniverses") Universe universe,
      @ForAll("gatedCommands") List<Op> ops) {
    Simulation sim = new Simulation(universe).run(ops);

    Statistics.label("offers checked").collect(bucket(sim.gates.offersChecked));
    Statistics.label("assignments checked").collect(bucket(sim.gates.assignmentsChecked));
    Statistics.label("offers of held contacts").collect(bucket(sim.gates.heldOffers));
    assertThat(sim.steps).isPositive();
  }

  /** The reproduced defect as a fixed sequence: a held contact named to an agent the review queue refuses. */
  @Property(tries = 1)
  void aHeldContactIsNeverNamedPastTheReviewQueue() {
    Simulation sim = new Simulation(new Universe(2, 4, List.of(Channel.VOICE, Channel.CHAT), 7L, true));
    sim.step(new Command.ConfigureRules("admin", new ServiceRules(Simulation.SERVICE_QUEUE,
        new ServiceRules.Relationship(0, 0), ServiceRules.ReturnVisit.OFF, ServiceRules.Complaints.OFF,
        ServiceRules.ScoreWeights.DEFAULTS)));
    sim.step(new Command.ConfigureQueue("admin", new QueueSpec(Simulation.SERVICE_QUEUE, null, null,
        java.util.Map.of("compliance", 1), null, null, 5, 0.5, 20, 0, 120, null, null, null)));
    sim.step(new Command.ConfigureQueue("admin", new QueueSpec("q0", null, Channel.VOICE, null, null, null, 0, 0.5, 20,
        0, 120, null, null, null)));
    sim.step(new Command.CreateContact("telephony", new ContactSpec("held", Channel.VOICE, "q0", null, 0,
        new Customer("cust0", null, null, 2, null), null, null, null, null, null, null, null, new Product("F1", 4),
        null, null)));
    for (String agent : sim.shadow.agents.keySet()) {
      Decision d = sim.step(new Command.TransferContact("supervisor", "held", null, agent, null));
      assertThat(d).as("nobody has the compliance skill").isInstanceOf(Decision.Refused.class);
      assertThat(((Decision.Refused) d).gate()).isEqualTo(Gate.REVIEW_HOLD);
      sim.step(new Command.SetAgentStatus("agent:" + agent, agent, AgentStatus.AVAILABLE, null));
    }
    assertThat(sim.shadow.contacts.get("held").status).isEqualTo(ContactStatus.QUEUED);
  }

  private static String bucket(int n) {
    return n == 0 ? "0" : n < 5 ? "1-4" : n < 20 ? "5-19" : "20+";
  }

  @Provide
  Arbitrary<Universe> gatedUniverses() {
    return Combinators.combine(
            Arbitraries.integers().between(2, 4),
            Arbitraries.integers().between(3, 8),
            Arbitraries.of(List.of(Channel.VOICE, Channel.CHAT), List.of(Channel.VOICE, Channel.CHAT, Channel.BRANCH)),
            Arbitraries.longs())
        .as((q, a, ch, seed) -> new Universe(q, a, ch, seed, true));
  }

  /** Mostly the paths that put a contact in front of an agent, and the changes that may close a gate. */
  @Provide
  Arbitrary<List<Op>> gatedCommands() {
    Map<Kind, Integer> weights = new EnumMap<>(Kind.class);
    weights.putAll(Map.of(Kind.ADVANCE, 5, Kind.CREATE, 7, Kind.STATUS, 4, Kind.ACCEPT, 5, Kind.REJECT, 2,
        Kind.COMPLETE, 3, Kind.ABANDON, 1, Kind.TRANSFER, 6, Kind.FIRE_TIMERS, 3, Kind.NEXT_TIMER, 3));
    weights.putAll(Map.of(Kind.EXPIRE_ANY, 1, Kind.END_WRAP_UP, 1, Kind.CONFIGURE_QUEUE, 2, Kind.CONFIGURE_AGENT, 3,
        Kind.CALLBACK, 2, Kind.OPEN_COMPLAINT, 2, Kind.ADVANCE_COMPLAINT, 3, Kind.CONFIGURE_RULES, 1,
        Kind.CALL_REPORT, 2));
    List<Tuple.Tuple2<Integer, Arbitrary<Kind>>> frequencies = new ArrayList<>();
    weights.forEach((k, w) -> frequencies.add(Tuple.of(w, Arbitraries.just(k))));
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 9_999);
    return Combinators.combine(Arbitraries.frequencyOf(frequencies), n, n, n, n)
        .as(Op::new).list().ofMaxSize(150).withSizeDistribution(RandomDistribution.uniform());
  }
}
