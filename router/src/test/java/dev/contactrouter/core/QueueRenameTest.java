package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A queue's spec sent again unchanged (as configuration tools do on every run) or with another
 * name only is journaled like any change, but moves no contact and touches no offer: the writer
 * skips re-placing its waiting contacts, which for a long queue held it for about a second. A
 * change routing reads still re-places them. Live and replayed domains agree throughout.
 */
class QueueRenameTest {
  private static final List<String> CONTACTS = List.of("c1", "c2", "c3", "c4");

  @Test
  void theSameSpecAgainOrANewNameMovesNoContactAndTouchesNoOffer() {
    Centre centre = new Centre();
    centre.configure(queue("q").skill("s", 1).aging(1));
    centre.ready(agent("a1").skill("s", 1));
    for (String id : CONTACTS) {
      centre.create(contact(id, "q"));
      centre.advanceSeconds(2);
    }
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.OFFERED);
    Map<String, ContactView> before = views(centre);

    for (Centre.QueueBuilder again : List.of(queue("q").skill("s", 1).aging(1),
        queue("q").named("Quotes 报价").skill("s", 1).aging(1))) {
      Decision.Applied configured = centre.configure(again);
      assertThat(configured.events()).extracting(Recorded::event)
          .containsExactly(new Event.QueueConfigured(again.build()));
      assertThat(views(centre)).isEqualTo(before);
    }
    assertThat(centre.domain.queue("q")).get().extracting(QueueSpec::name).isEqualTo("Quotes 报价");

    // A contact arriving after the rename waits behind the others and shares their signature.
    centre.create(contact("c5", "q"));
    assertThat(centre.contactView("c5").position()).isEqualTo(4);
    centre.answer("c1");
    centre.complete("c1", "a1");
    assertThat(centre.contactView("c2").status()).isEqualTo(ContactStatus.OFFERED);

    // A change routing reads re-places the waiting contacts (here: their priority).
    centre.configure(queue("q").named("Quotes 报价").skill("s", 1).aging(1).priority(40));
    assertThat(centre.contactView("c3").effectivePriority())
        .isGreaterThan(before.get("c3").effectivePriority() + 39);

    RoutingDomain replayed = new RoutingDomain();
    centre.journal.forEach(replayed::apply);
    replayed.checkInvariants();
    assertThat(replayed.snapshot()).isEqualTo(centre.domain.snapshot());
  }

  /**
   * Found by RoutingPropertiesTest: the queue's shared signature was made under its first spec;
   * the spec changed (no ordinary contact arrived to remake it) and was then sent again unchanged.
   * The rename path carried the stale signature forward, and the next arrival was offered to an
   * agent with the old skill but not the new one.
   */
  @Test
  void aSpecSentAgainAfterAChangeNeverBringsBackTheRequirementBeforeTheChange() {
    Centre centre = new Centre();
    centre.configure(queue("q").skill("billing", 2));
    centre.ready(agent("a1").skill("billing", 3));
    centre.create(contact("c0", "q"));
    centre.answer("c0");
    centre.ready(agent("a0").skill("billing", 2));

    centre.configure(queue("q").skill("tech", 2));
    centre.configure(queue("q").skill("tech", 2));
    centre.create(contact("c1", "q"));
    assertThat(centre.contactView("c1").status()).as("a0 has billing, not tech").isEqualTo(ContactStatus.QUEUED);

    centre.ready(agent("a2").skill("tech", 2));
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.OFFERED);
    assertThat(centre.contactView("c1").offer().agentId()).isEqualTo("a2");
  }

  private static Map<String, ContactView> views(Centre centre) {
    return CONTACTS.stream().map(centre::contactView).collect(Collectors.toMap(ContactView::id, Function.identity()));
  }
}
