package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A routing domain after a random run of every kind of command (the core's {@link Simulation},
 * with its checks), for tests outside the core that need state as production has it: contacts in
 * every status, agents, cases, follow-ups, specs and the events that made them.
 *
 * @param now the run's clock at its end
 */
public record RandomRun(RoutingDomain domain, List<Recorded> events, long now) {

  /** A run of {@code steps} random operations over three queues and six agents, from {@code seed}. */
  public static RandomRun of(long seed, int steps) {
    Random rnd = new Random(seed);
    Simulation sim = new Simulation(new Simulation.Universe(3, 6,
        List.of(Channel.VOICE, Channel.CHAT, Channel.BRANCH), seed));
    List<Simulation.Op> ops = new ArrayList<>();
    Simulation.Kind[] kinds = Simulation.Kind.values();
    for (int i = 0; i < steps; i++) {
      ops.add(new Simulation.Op(kinds[rnd.nextInt(kinds.length)], rnd.nextInt(10_000), rnd.nextInt(10_000),
          rnd.nextInt(10_000), rnd.nextInt(10_000)));
    }
    sim.run(ops);
    return new RandomRun(sim.indexed, List.copyOf(sim.journal), sim.now);
  }
}
