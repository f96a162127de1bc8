package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contacts share the names many of them repeat, and clients cannot grow what is shared. */
class SharedNamesTest {
  @Test
  void equalNamesComeBackAsTheFirstInstance() {
    SharedNames names = new SharedNames();
    String first = new String("standard");
    String second = new String("standard");

    assertThat(names.of(first)).isSameAs(first);
    assertThat(names.of(second)).isSameAs(first);
    assertThat(names.of(null)).isNull();
  }

  @Test
  void pastTheLimitNewNamesAreKeptAsTheyCame() {
    SharedNames names = new SharedNames();
    for (int i = 0; i < SharedNames.LIMIT; i++) {
      names.of("tier-" + i);
    }
    String late = new String("late");

    assertThat(names.of(late)).isSameAs(late);
    assertThat(names.of(new String("late"))).isNotSameAs(late).isEqualTo("late");
    assertThat(names.of(new String("tier-0"))).isEqualTo("tier-0");
  }

  @Test
  void waitingContactsShareTheirQueueIdAndTierButKeepTheirValues() {
    RoutingDomain domain = new RoutingDomain();
    String queueId = new String("billing");
    domain.handle(new Command.ConfigureQueue("admin", Centre.queue(queueId).build()), 1);
    List<ContactSpec> queued = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ContactSpec spec = new ContactSpec("c" + i, Channel.VOICE, new String("billing"), null, 0,
          new Customer("cust-" + i, null, new String("vip"), 3), null, null, null, null, null, null, null, null, null,
          null);
      Decision.Applied applied = (Decision.Applied) domain.handle(new Command.CreateContact("telephony", spec), 2 + i);
      applied.events().stream().map(Recorded::event).filter(Event.ContactQueued.class::isInstance)
          .map(e -> ((Event.ContactQueued) e).contact()).forEach(queued::add);
    }

    assertThat(queued).hasSize(2);
    assertThat(queued.get(0).queue()).isSameAs(queueId);
    assertThat(queued.get(1).queue()).isSameAs(queueId);
    assertThat(queued.get(1).customer().tier()).isSameAs(queued.get(0).customer().tier()).isEqualTo("vip");
    assertThat(queued.get(1).customer()).isEqualTo(new Customer("cust-1", null, "vip", 3));
    assertThat(domain.contact("c1", 10).orElseThrow().queue()).isEqualTo("billing");
  }
}
