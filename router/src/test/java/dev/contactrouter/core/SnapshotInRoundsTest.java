package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A snapshot taken in rounds is the snapshot taken at once, whatever the round's size. */
class SnapshotInRoundsTest {
  @Test
  void roundsOfAnySizeGiveTheSnapshotTakenAtOnce() {
    int rounds = 0;
    for (long seed = 1; seed <= 8; seed++) {
      RoutingDomain domain = RandomRun.of(seed, 600).domain();
      DomainSnapshot whole = domain.snapshot();
      assertThat(whole.contacts()).as("seed %d", seed).hasSizeGreaterThan(3);
      for (int size : new int[] {1, 3, 1_000}) {
        SnapshotInRounds taking = domain.snapshotInRounds();
        int taken = 1;
        while (!taking.next(size)) {
          taken++;
        }
        rounds += taken;
        assertThat(taking.finish().sorted()).as("seed %d, rounds of %d", seed, size).isEqualTo(whole);
      }
    }
    assertThat(rounds).as("rounds taken in all").isGreaterThan(100);
  }

  @Test
  void finishingBeforeEveryContactIsCopiedIsRefused() {
    RoutingDomain domain = RandomRun.of(3, 300).domain();
    SnapshotInRounds taking = domain.snapshotInRounds();
    assertThat(taking.next(1)).isFalse();
    assertThatThrownBy(taking::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("of");
    assertThatThrownBy(() -> taking.next(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
