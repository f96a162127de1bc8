package dev.contactrouter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentAppendsTest {
  private static final String DOMAIN = "d";

  /** Events {@code from}..{@code to} of the domain, each telling its own number by its time. */
  private static List<JournalEntry> batch(long from, long to) {
    List<JournalEntry> out = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      out.add(new JournalEntry(DOMAIN, seq, new Recorded(seq * 1_000, "agent",
          new Event.AgentStatusChanged("a" + seq, AgentStatus.AVAILABLE, null, null))));
    }
    return out;
  }

  /** The numbers of the events answered after {@code afterSeq}, each checked against its time; null when none. */
  private static List<Long> seqs(RecentAppends recent, long afterSeq, int limit) {
    Optional<List<RecentAppends.Appended>> held = recent.after(DOMAIN, afterSeq, limit);
    if (held.isEmpty()) {
      return null;
    }
    List<Long> out = new ArrayList<>();
    for (RecentAppends.Appended a : held.get()) {
      assertThat(a.recorded().at()).isEqualTo(a.seq() * 1_000);
      out.add(a.seq());
    }
    return out;
  }

  @Test
  void answersFromTheNextEventOnwardUpToTheLimit() {
    RecentAppends recent = new RecentAppends(10);
    recent.appended(DOMAIN, batch(1, 3));
    recent.appended(DOMAIN, batch(4, 6));

    assertThat(seqs(recent, 0, 100)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(seqs(recent, 2, 3)).containsExactly(3L, 4L, 5L);
    assertThat(seqs(recent, 5, 100)).containsExactly(6L);
    assertThat(seqs(recent, 6, 100)).as("nothing after the last: the journal may hold more").isNull();
    assertThat(recent.after("other", 0, 100)).isEmpty();
  }

  @Test
  void keepsTheLastEventsWhenFull() {
    RecentAppends recent = new RecentAppends(4);
    recent.appended(DOMAIN, batch(1, 3));
    recent.appended(DOMAIN, batch(4, 9));

    assertThat(seqs(recent, 4, 100)).as("event 5 fell out").isNull();
    assertThat(seqs(recent, 5, 100)).containsExactly(6L, 7L, 8L, 9L);
    recent.appended(DOMAIN, batch(10, 11));
    assertThat(seqs(recent, 7, 100)).containsExactly(8L, 9L, 10L, 11L);
    assertThat(seqs(recent, 6, 100)).isNull();
  }

  @Test
  void anAppendThatDoesNotFollowStartsAfresh() {
    RecentAppends recent = new RecentAppends(10);
    recent.appended(DOMAIN, batch(1, 3));
    // Events 4-6 were appended elsewhere (another node owned the domain meanwhile).
    recent.appended(DOMAIN, batch(7, 8));

    assertThat(seqs(recent, 2, 100)).as("no window with a gap").isNull();
    assertThat(seqs(recent, 3, 100)).isNull();
    assertThat(seqs(recent, 6, 100)).containsExactly(7L, 8L);
  }

  @Test
  void anErasureEmptiesTheWindow() {
    RecentAppends recent = new RecentAppends(10);
    recent.appended(DOMAIN, batch(1, 3));
    List<JournalEntry> erasing = new ArrayList<>(batch(4, 4));
    erasing.add(new JournalEntry(DOMAIN, 5, new Recorded(5_000, "admin",
        new Event.PersonalDataErased(List.of("k-1"), "request"))));
    erasing.addAll(batch(6, 6));
    recent.appended(DOMAIN, erasing);

    for (long after = 0; after <= 6; after++) {
      assertThat(seqs(recent, after, 100)).as("after %d", after).isNull();
    }
    recent.appended(DOMAIN, batch(7, 8));
    assertThat(seqs(recent, 6, 100)).containsExactly(7L, 8L);
  }

  @Test
  void keepsNothingWithoutCapacity() {
    RecentAppends.NONE.appended(DOMAIN, batch(1, 3));
    assertThat(RecentAppends.NONE.after(DOMAIN, 0, 100)).isEmpty();
  }
}
