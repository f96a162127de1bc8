package dev.contactrouter.store.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.Decision;
import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.RoutingDomain;
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
    String paced = SnapshotFormat.encode(state, rests::incrementAndGet);

    assertThat(rests).hasValue(2);
    assertThat(paced).isEqualTo(SnapshotFormat.encode(state));
    assertThat(SnapshotFormat.decode(paced)).isEqualTo(state);
  }
}
