package dev.contactrouter.bench.store;

import dev.contactrouter.bench.JmhSmoke;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link SnapshotBenchmark} in-process for a fraction of a second on a small domain, so it
 * does not rot (its setup checks that every contact was admitted and is in the snapshot). Not a
 * measurement: nothing here looks at how fast anything was.
 */
class SnapshotBenchmarkSmokeTest {

  @Test
  void encodesASmallDomain() throws Exception {
    JmhSmoke.run(JmhSmoke.quick(SnapshotBenchmark.class).param("contacts", "200").build(), 1);
  }
}
