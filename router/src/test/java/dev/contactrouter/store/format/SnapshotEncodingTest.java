package dev.contactrouter.store.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.Decision;
import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.store.HashChain;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A snapshot is written contact by contact with a rest after every round: the text is the same
 * with rests as without, and it reads back to the state it was written from.
 */
class SnapshotEncodingTest {
  @Test
  void restsComeAfterEveryRoundOfContactsAndLeaveTheTextAsItWas() {
    RoutingDomain domain = new RoutingDomain();
    long at = 1_700_000_000_000L;
    assertThat(domain.handle(new Command.ConfigureQueue("admin", new QueueSpec("q", null, Channel.VOICE, null, null,
        null, 0, 0.5, 20, 0, 120, null, null, null)), at)).isInstanceOf(Decision.Applied.class);
    int contacts = 2 * SnapshotFormat.CONTACTS_PER_REST + 500;
    for (int i = 0; i < contacts; i++) {
      assertThat(domain.handle(new Command.CreateContact("telephony", ContactSpec.of("c" + i, Channel.VOICE, "q"), null),
          at + i)).isInstanceOf(Decision.Applied.class);
    }
    DomainSnapshot state = domain.snapshot();
    assertThat(state.contacts()).hasSize(contacts);

    AtomicInteger rests = new AtomicInteger();
    List<String> paced = SnapshotFormat.parts(state, rests::incrementAndGet);

    assertThat(rests).hasValue(2);
    assertThat(String.join("", paced)).isEqualTo(SnapshotFormat.encode(state));
    assertThat(SnapshotFormat.decode(paced)).isEqualTo(state);
  }

  /**
   * The engine never holds a snapshot's text in one piece: it is written, hashed, stored and read
   * back in parts of a bounded size, and those parts are the one-piece text cut up (so its digest
   * is the same, and a snapshot stored whole before parts existed still checks and reads).
   */
  @Test
  void partsAreBoundedAndConcatenateToTheWholeTextWithItsDigest() {
    RoutingDomain domain = new RoutingDomain();
    long at = 1_700_000_000_000L;
    domain.handle(new Command.ConfigureQueue("admin", new QueueSpec("q", null, Channel.VOICE, null, null,
        null, 0, 0.5, 20, 0, 120, null, null, null)), at);
    for (int i = 0; i < 300; i++) {
      // Names outside the Basic Multilingual Plane: each is a surrogate pair a cut must not split.
      ContactSpec spec = new ContactSpec("c" + i, Channel.VOICE, "q", null, 0,
          new Customer("u" + i, "\uD83D\uDE00".repeat(i % 7 + 1) + " \u738B", "standard", null), null, null, null,
          null, null, null, null, null, null, null);
      domain.handle(new Command.CreateContact("telephony", spec, null), at + i);
    }
    DomainSnapshot state = domain.snapshot();
    String whole = SnapshotFormat.encode(state);

    assertThat(whole).contains("\uD83D\uDE00");
    for (int partChars : new int[] {2, 3, 1_000, 4_095, 4_096, whole.length(), whole.length() + 1}) {
      List<String> parts = SnapshotFormat.parts(state, () -> { }, partChars);
      assertThat(String.join("", parts)).as("%d chars a part", partChars).isEqualTo(whole);
      assertThat(parts).as("%d chars a part", partChars)
          .allSatisfy(p -> assertThat(p.length()).isBetween(1, partChars));
      assertThat(parts.size()).as("%d chars a part", partChars).isLessThanOrEqualTo(2 * whole.length() / partChars + 1);
      assertThat(HashChain.digest(parts)).isEqualTo(HashChain.digest(whole));
      assertThat(SnapshotFormat.decode(parts)).isEqualTo(state);
    }
    assertThat(SnapshotFormat.parts(state, () -> { })).hasSize(1 + whole.length() / SnapshotFormat.PART_CHARS);
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String text = "a\uD83D\uDE00b\uD83D\uDE00\uD83D\uDE00cd\uD83D\uDE00";
    for (int partChars = 2; partChars <= text.length() + 1; partChars++) {
      PartsWriter out = new PartsWriter(partChars);
      out.write(text, 0, text.length());
      out.close();
      List<String> parts = out.parts();
      assertThat(String.join("", parts)).isEqualTo(text);
      for (String p : parts) {
        assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1)))
            .as("part %s of %d chars", p, partChars).isFalse();
        assertThat(p.length()).isBetween(1, partChars);
      }
      assertThat(HashChain.digest(parts)).isEqualTo(HashChain.digest(text));
    }
    PartsWriter empty = new PartsWriter(8);
    empty.close();
    assertThat(empty.parts()).containsExactly("");
  }
}
