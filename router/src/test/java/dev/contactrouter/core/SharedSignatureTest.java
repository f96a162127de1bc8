package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.offer;
import static dev.contactrouter.core.Centre.offers;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A queue's ordinary contacts share one requirement signature and one gate check (see {@code
 * Matching.group}); a contact that brings anything of its own that a gate or a requirement reads,
 * or arrives on another channel, or arrives after the queue changed, never gets the shared one. In
 * each case the contact that would be served first if it wrongly shared the signature arrives
 * first, and an agent it must not go to becomes free.
 */
class SharedSignatureTest {
  private final Centre centre = new Centre();

  @Test
  void aContactWithASkillOfItsOwnIsNotGivenItsQueuesSignature() {
    centre.configure(queue("q").skill("s", 1));
    centre.create(contact("own-skill", "q").skill("t", 2));
    centre.create(contact("ordinary", "q"));

    Decision ready = centre.ready(agent("a1").skill("s", 3));

    assertThat(offer(ready).contactId()).isEqualTo("ordinary");
    assertThat(centre.contactView("own-skill").status()).isEqualTo(ContactStatus.QUEUED);
  }

  @Test
  void aContactWithASiteOrLicenceOfItsOwnIsNotGivenItsQueuesSignature() {
    centre.configure(queue("q").skill("s", 1));
    // Someone holds the licence (signed in or not), so the contact needing it is not held for review.
    centre.configure(agent("licensed").skill("s", 1).licence("adviser"));
    centre.create(contact("own-site", "q").site("paris"));
    centre.create(contact("own-licence", "q").licence("adviser"));
    centre.create(contact("ordinary", "q"));

    Decision ready = centre.ready(agent("a1").skill("s", 3).site("london"));

    assertThat(offer(ready).contactId()).isEqualTo("ordinary");
  }

  @Test
  void aContactOnAnotherChannelIsNotGivenTheSignatureOfTheFirst() {
    centre.configure(queue("any").anyChannel().skill("s", 1));
    centre.create(contact("chat", "any").channel(Channel.CHAT));
    centre.create(contact("voice", "any"));

    Decision ready = centre.ready(agent("voice-only").skill("s", 3).capacity(Channel.VOICE, 1));

    assertThat(offers(ready)).extracting(Event.OfferMade::contactId).containsExactly("voice");
  }

  @Test
  void aQueueChangedMeanwhileGivesItsNewRequirementToTheNextOrdinaryContact() {
    centre.configure(queue("q").skill("s", 1));
    centre.create(contact("before", "q"));
    centre.configure(queue("q").skill("s", 4));
    centre.create(contact("after", "q"));

    Decision ready = centre.ready(agent("a1").skill("s", 3));

    assertThat(offers(ready)).isEmpty();
    assertThat(centre.contactView("after").status()).isEqualTo(ContactStatus.QUEUED);
    Decision expert = centre.ready(agent("a2").skill("s", 4));
    assertThat(offer(expert).contactId()).isEqualTo("before");
  }
}
