package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.offer;
import static dev.contactrouter.core.Centre.offers;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Moving a contact to another queue or to one named agent. */
class TransferTest {
  private final Centre centre = new Centre();

  @BeforeEach
  void billingAndSales() {
    centre.configure(queue("billing").skill("billing", 1).wrapUp(30));
    centre.configure(queue("sales").skill("sales", 1).wrapUp(30));
    centre.configure(agent("a1").skill("billing", 3));
    centre.configure(agent("a2").skill("sales", 3));
    centre.available("a1");
    centre.create(contact("c1", "billing"));
    centre.answer("c1");
    centre.advanceSeconds(60);
  }

  @Test
  void assignedContactMovesToAnotherQueueAndItsAgentWrapsUp() {
    Decision moved = centre.transfer("c1", "sales", null, "a1");

    assertThat(events(moved))
        .containsExactly(
            new Event.ContactTransferred("c1", "a1", "sales", null),
            new Event.AgentStatusChanged("a1", AgentStatus.WRAP_UP, "after-contact-work", centre.now + 30_000));
    ContactView c1 = centre.contactView("c1");
    assertThat(c1.status()).isEqualTo(ContactStatus.QUEUED);
    assertThat(c1.queue()).isEqualTo("sales");
    assertThat(c1.agentId()).isNull();
    assertThat(c1.queuedAt()).isEqualTo(centre.now);
    assertThat(c1.position()).isEqualTo(1);
    assertThat(centre.agentView("a1").contacts()).isEmpty();
    assertThat(centre.stats("billing").transferredOut()).isEqualTo(1);
    assertThat(centre.stats("sales").offered()).isEqualTo(1);
    assertThat(centre.stats("sales").waiting()).isEqualTo(1);

    Decision ready = centre.available("a2");

    assertThat(offer(ready).contactId()).isEqualTo("c1");
  }

  @Test
  void transferredContactGoesStraightToAFreeAgentOfTheNewQueue() {
    centre.available("a2");

    Decision moved = centre.transfer("c1", "sales", null, "a1");

    assertThat(offer(moved).agentId()).isEqualTo("a2");
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.WRAP_UP);
  }

  @Test
  void agentWhoTransfersAContactWrapsUpEvenIfItCouldServeTheNewQueue() {
    centre.configure(agent("a1").skill("billing", 3).skill("sales", 3));

    Decision moved = centre.transfer("c1", "sales", null, "a1");

    assertThat(offers(moved)).as("the contact is not handed straight back").isEmpty();
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.WRAP_UP);
    assertThat(centre.agentView("a1").offers()).isEmpty();
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
  }

  @Test
  void transferToANamedAgentGoesToThatAgentOnlyWithSkillsRelaxed() {
    centre.configure(queue("billing").skill("billing", 4).wrapUp(30));
    centre.configure(agent("expert").skill("billing", 5));
    centre.configure(agent("junior").skill("billing", 1));
    centre.available("expert");
    centre.advanceSeconds(1);
    centre.available("junior");

    Decision moved = centre.transfer("c1", null, "junior", "a1");

    assertThat(events(moved).get(0)).isEqualTo(new Event.ContactTransferred("c1", "a1", "billing", "junior"));
    assertThat(offer(moved).agentId()).isEqualTo("junior");
    assertThat(offer(moved).reasons()).contains("requirement: voice; only agent junior");
    assertThat(centre.contactView("c1").targetAgent()).isEqualTo("junior");

    centre.reject(centre.offerOf("c1"), "junior");
    assertThat(centre.contactView("c1").status()).as("never to anyone else").isEqualTo(ContactStatus.QUEUED);
    assertThat(centre.agentView("expert").offers()).isEmpty();
  }

  @Test
  void transferToANamedAgentKeepsChannelSiteAndLicenceRequirements() {
    centre.configure(queue("advice").licence("adviser"));
    centre.configure(agent("chatter").skill("billing", 5).capacity(Channel.CHAT, 3));
    centre.configure(agent("paris").skill("billing", 5).site("paris"));
    centre.configure(agent("unlicensed").skill("billing", 5));
    centre.configure(agent("adviser").licence("adviser")); // offline: someone could serve advice
    centre.available("chatter");
    centre.available("paris");
    centre.available("unlicensed");
    centre.create(contact("london-call", "billing").site("london"));
    centre.create(contact("advice-call", "advice"));
    centre.available("a2");
    centre.create(contact("c2", "sales"));
    centre.answer("c2");

    assertThat(offers(centre.transfer("c1", null, "chatter", "a1"))).isEmpty();
    // Site and licence are gates: a transfer to an agent who fails one is refused, naming it.
    Decision.Refused site = centre.refused(new Command.TransferContact("sup", "london-call", null, "paris", null));
    assertThat(site.gate()).isEqualTo(Gate.SITE);
    assertThat(site.field()).isEqualTo("/agentId");
    assertThat(site.detail()).isEqualTo("site gate: the contact is served from site london; agent paris is at site paris");
    Decision.Refused licence = centre.refused(new Command.TransferContact("agent:a2", "c2", "advice", "unlicensed", "a2"));
    assertThat(licence.reason()).isEqualTo(Refusal.GATE);
    assertThat(licence.gate()).isEqualTo(Gate.LICENCE);

    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
    assertThat(centre.contactView("london-call").status()).isEqualTo(ContactStatus.QUEUED);
    assertThat(centre.contactView("c2").status()).as("a refused transfer changes nothing").isEqualTo(ContactStatus.ASSIGNED);
    assertThat(centre.agentView("chatter").offers()).isEmpty();
    assertThat(centre.agentView("paris").offers()).isEmpty();
    assertThat(centre.agentView("unlicensed").offers()).isEmpty();
  }

  @Test
  void agentMayOnlyTransferTheContactItHolds() {
    centre.create(contact("waiting", "billing"));

    assertThat(centre.refused(transferBy("a2", "c1")).reason()).isEqualTo(Refusal.FORBIDDEN);
    assertThat(centre.refused(transferBy("a1", "waiting")).reason()).isEqualTo(Refusal.FORBIDDEN);
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.ASSIGNED);

    // A supervisor may move a waiting contact.
    Decision moved = centre.transfer("waiting", "sales", null, null);
    assertThat(events(moved).get(0)).isEqualTo(new Event.ContactTransferred("waiting", null, "sales", null));
  }

  @Test
  void supervisorTransferOfARingingContactRevokesTheOffer() {
    centre.ready(agent("a3").skill("billing", 1));
    centre.create(contact("ringing", "billing"));
    assertThat(centre.contactView("ringing").offer().agentId()).isEqualTo("a3");

    Decision moved = centre.transfer("ringing", "sales", null, null);

    assertThat(events(moved))
        .startsWith(
            new Event.OfferRevoked("ringing.1", "ringing", "a3", "transferred"),
            new Event.ContactTransferred("ringing", null, "sales", null));
    assertThat(centre.agentView("a3").offers()).isEmpty();
    assertThat(centre.stats("billing").ringing()).isZero();
    assertThat(centre.contactView("ringing").queue()).isEqualTo("sales");
  }

  @Test
  void agentFreedByMovingItsRingingContactTakesTheMostUrgentWork() {
    centre.configure(queue("billing2").skill("billing", 1));
    centre.ready(agent("a3").skill("billing", 1));
    centre.create(contact("routine", "billing"));
    centre.create(contact("urgent", "billing").priority(20));
    assertThat(centre.contactView("routine").offer().agentId()).isEqualTo("a3");

    Decision moved = centre.transfer("routine", "billing2", null, null);

    assertThat(offer(moved).contactId()).isEqualTo("urgent");
    assertThat(offer(moved).agentId()).isEqualTo("a3");
    assertThat(centre.contactView("routine").status()).isEqualTo(ContactStatus.QUEUED);
  }

  @Test
  void badTransfersAreRefused() {
    centre.configure(queue("chat").channel(Channel.CHAT));

    assertThat(centre.refused(new Command.TransferContact("sup", "nope", "sales", null, null)).reason())
        .isEqualTo(Refusal.NOT_FOUND);
    assertThat(centre.refused(new Command.TransferContact("sup", "c1", null, null, null)).field())
        .isEqualTo("/queue");
    assertThat(centre.refused(new Command.TransferContact("sup", "c1", "nowhere", null, null)).field())
        .isEqualTo("/queue");
    assertThat(centre.refused(new Command.TransferContact("sup", "c1", "chat", null, null)).field())
        .isEqualTo("/queue");
    assertThat(centre.refused(new Command.TransferContact("sup", "c1", null, "ghost", null)).field())
        .isEqualTo("/agentId");
    assertThat(centre.refused(new Command.TransferContact("sup", "c1", null, "a1", null)).reason())
        .isEqualTo(Refusal.CONFLICT);
    centre.complete("c1", "a1");
    assertThat(centre.refused(new Command.TransferContact("sup", "c1", "sales", null, null)).reason())
        .isEqualTo(Refusal.CONFLICT);
  }

  private static Command.TransferContact transferBy(String agentId, String contactId) {
    return new Command.TransferContact("agent:" + agentId, contactId, "sales", null, agentId);
  }
}
