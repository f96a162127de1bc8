package dev.contactrouter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The journal's timestamp parameter is the instant {@code OffsetDateTime.ofInstant} gives, to the millisecond. */
class PgJournalTimeTest {

  @Property(tries = 2_000)
  void sameAsOfInstant(@ForAll @LongRange(min = -62_135_596_800_000L, max = 253_402_300_799_999L) long millis) {
    OffsetDateTime expected = OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    assertThat(PgJournal.time(millis)).isEqualTo(expected);
    assertThat(PgJournal.time(millis).toInstant().toEpochMilli()).isEqualTo(millis);
  }

  @Example
  void aroundTheEpochAndSecondEdges() {
    for (long millis : new long[] {-1_001, -1_000, -999, -1, 0, 1, 999, 1_000, 1_001, 1_796_000_000_123L}) {
      assertThat(PgJournal.time(millis)).as("%d", millis)
          .isEqualTo(OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }
  }
}
