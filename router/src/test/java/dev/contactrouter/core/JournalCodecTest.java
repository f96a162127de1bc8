package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.store.HashChain;
import dev.contactrouter.store.StoredEvent;
import dev.contactrouter.store.format.EventFormat;
import dev.contactrouter.store.format.TimerFormat;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every event a random run records, and every timer's command, survives its stored form
 * unchanged: the journal row (payload text, lookup columns, hash) and the timer store's payload.
 * A replay after a restart sees exactly what was decided. The golden files
 * ({@code store/format/JournalFormatGoldenTest}) pin the bytes; this checks the round trip on
 * many more values than they hold.
 */
class JournalCodecTest {

  @Test
  void eventsAndTimerCommandsRoundTripThroughTheirStoredForm() {
    int events = 0;
    Set<String> types = new HashSet<>();
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
      String prev = HashChain.GENESIS;
      long seq = 0;
      for (Recorded r : sim.journal) {
        StoredEvent stored = StoredEvent.of("d", ++seq, r, prev);
        assertThat(stored.recorded()).as("round trip of %s", stored.payload()).isEqualTo(r);
        assertThat(stored.type()).isEqualTo(EventFormat.type(r.event()));
        assertThat(stored.expectedHash()).isEqualTo(stored.hash());
        types.add(stored.type());
        prev = stored.hash();
        events++;
      }
      for (Timers.Timer t : sim.indexed.liveTimers()) {
        JsonObject json = new JsonObject(TimerFormat.encode(t.command()).encode());
        assertThat(TimerFormat.decode(json)).isEqualTo(t.command());
      }
    }
    assertThat(events).isGreaterThan(1000);
    assertThat(types).as("kinds of events the runs recorded").hasSizeGreaterThan(10);
  }
}
