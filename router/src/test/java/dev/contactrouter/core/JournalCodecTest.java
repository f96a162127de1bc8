package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.codec.CommandJson;
import dev.contactrouter.codec.EventJson;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every event a random run records, and every timer's command, survives the journal's JSON (and
 * the timer store's) unchanged: a replay after a restart sees exactly what was decided.
 */
class JournalCodecTest {

  @Test
  void eventsAndTimerCommandsRoundTripThroughJson() {
    int events = 0;
    for (long seed = 1; seed <= 12; seed++) {
      Random rnd = new Random(seed);
      Simulation sim = new Simulation(new Simulation.Universe(3, 6,
          List.of(Channel.VOICE, Channel.CHAT, Channel.BRANCH), seed));
      List<Simulation.Op> ops = new ArrayList<>();
      Simulation.Kind[] kinds = Simulation.Kind.values();
      for (int i = 0; i < 300; i++) {
        ops.add(new Simulation.Op(kinds[rnd.nextInt(kinds.length)], rnd.nextInt(10_000), rnd.nextInt(10_000),
            rnd.nextInt(10_000), rnd.nextInt(10_000)));
      }
      sim.run(ops);
      for (Recorded r : sim.journal) {
        JsonObject json = new JsonObject(EventJson.encode(r).encode());
        assertThat(EventJson.decodeRecorded(json)).as("round trip of %s", json).isEqualTo(r);
        events++;
      }
      for (Timers.Timer t : sim.indexed.liveTimers()) {
        JsonObject json = new JsonObject(CommandJson.encode(t.command()).encode());
        assertThat(CommandJson.decode(json)).isEqualTo(t.command());
      }
    }
    assertThat(events).isGreaterThan(1000);
  }
}
