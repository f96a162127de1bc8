package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.T0;
import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.offer;
import static dev.contactrouter.core.Centre.offers;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Who gets what: eligibility, the contact's choice of agent, the agent's choice of contact. */
class MatchingTest {
  private final Centre centre = new Centre();

  @Nested
  class Eligibility {
    @BeforeEach
    void investmentQueueAndAgentsWhoEachLackOneThing() {
      centre.configure(queue("invest").skill("funds", 3).site("london").licence("adviser"));
      centre.configure(agent("low-skill").skill("funds", 2).site("london").licence("adviser"));
      centre.configure(agent("chat-only").skill("funds", 4).site("london").licence("adviser").capacity(Channel.CHAT, 3));
      centre.configure(agent("paris").skill("funds", 4).site("paris").licence("adviser"));
      centre.configure(agent("unlicensed").skill("funds", 4).site("london"));
      centre.configure(agent("lapsed").skill("funds", 4).site("london").licence("adviser", T0 + 60_000));
      centre.configure(agent("qualified").skill("funds", 3).site("london").licence("adviser"));
    }

    private void unqualifiedAgentsAvailable() {
      for (String a : new String[] {"low-skill", "chat-only", "paris", "unlicensed", "lapsed"}) {
        centre.available(a);
      }
    }

    @Test
    void newContactSkipsEveryIneligibleAgentForTheQualifiedOne() {
      unqualifiedAgentsAvailable();
      centre.advanceSeconds(120); // the lapsed licence is now expired
      centre.available("qualified"); // the least idle of all

      Decision created = centre.create(contact("c1", "invest"));

      assertThat(offer(created).agentId()).isEqualTo("qualified");
      assertThat(offer(created).reasons())
          .contains("requirement: voice; skills funds>=3; site london; licences adviser", "agent has: funds=3");
    }

    @Test
    void contactWaitsWhileOnlyIneligibleAgentsAreFree() {
      centre.advanceSeconds(120);
      centre.create(contact("c1", "invest"));

      unqualifiedAgentsAvailable();

      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
      Decision ready = centre.available("qualified");
      assertThat(offer(ready).contactId()).isEqualTo("c1");
      assertThat(offer(ready).reasons().get(0)).isEqualTo("trigger: agent qualified free");
    }

    @Test
    void licenceCountsOnlyUntilItExpires() {
      centre.available("lapsed");
      centre.advanceSeconds(59);
      assertThat(offer(centre.create(contact("c1", "invest"))).agentId()).isEqualTo("lapsed");
      centre.abandon("c1");

      centre.advanceSeconds(2);
      Decision late = centre.create(contact("c2", "invest"));

      assertThat(offers(late)).isEmpty();
      assertThat(centre.stats("invest").agents()).containsEntry("available", 0);
    }

    @Test
    void contactAddsItsOwnSkillsSiteAndLicencesToTheQueues() {
      centre.configure(queue("general"));
      centre.configure(agent("g1").skill("mandarin", 1).site("leeds"));
      centre.configure(agent("g2").skill("mandarin", 4).site("leeds").licence("mortgage"));
      centre.available("g1");
      centre.available("g2");
      centre.available("qualified");

      assertThat(offer(centre.create(contact("c1", "general").skill("mandarin", 2))).agentId()).isEqualTo("g2");
      assertThat(offer(centre.create(contact("c2", "general").site("london"))).agentId()).isEqualTo("qualified");
      assertThat(offers(centre.create(contact("c3", "general").licence("mortgage")))).isEmpty();
      assertThat(centre.contactView("c3").status()).isEqualTo(ContactStatus.QUEUED);
      centre.abandon("c2");
      assertThat(centre.contactView("c3").status())
          .as("qualified is free again but has no mortgage licence")
          .isEqualTo(ContactStatus.QUEUED);
    }
  }

  @Nested
  class ContactChoosesAgent {
    @BeforeEach
    void generalQueue() {
      centre.configure(queue("general").skill("general", 1));
      centre.configure(agent("a1").skill("general", 2));
      centre.configure(agent("a2").skill("general", 5));
      centre.configure(agent("a3").skill("general", 4));
    }

    @Test
    void longestReadyAgentWinsOverAMoreProficientOne() {
      centre.available("a1");
      centre.advanceSeconds(1);
      centre.available("a2");
      centre.advanceSeconds(1);
      centre.available("a3");

      assertThat(offer(centre.create(contact("c1", "general"))).agentId()).isEqualTo("a1");
      assertThat(offer(centre.create(contact("c2", "general"))).agentId()).isEqualTo("a2");
      assertThat(offer(centre.create(contact("c3", "general"))).agentId()).isEqualTo("a3");
    }

    @Test
    void amongAgentsReadySinceTheSameMomentTheMostProficientWins() {
      centre.available("a1");
      centre.available("a3");
      centre.available("a2");

      Decision created = centre.create(contact("c1", "general"));

      assertThat(offer(created).agentId()).isEqualTo("a2");
      assertThat(offer(created).reasons()).anySatisfy(r -> assertThat(r).endsWith("then proficiency 5"));
      assertThat(offer(centre.create(contact("c2", "general"))).agentId()).isEqualTo("a3");
    }

    @Test
    void agentWhoJustGotWorkGoesToTheBackOfTheReadyLine() {
      centre.configure(queue("chat").channel(Channel.CHAT).skill("general", 1));
      centre.configure(agent("a1").skill("general", 2).capacity(Channel.CHAT, 3));
      centre.configure(agent("a2").skill("general", 2).capacity(Channel.CHAT, 3));
      centre.available("a1");
      centre.advanceSeconds(1);
      centre.available("a2");
      centre.advanceSeconds(1);

      assertThat(offer(centre.create(contact("c1", "chat").channel(Channel.CHAT))).agentId()).isEqualTo("a1");
      centre.advanceSeconds(1);
      assertThat(offer(centre.create(contact("c2", "chat").channel(Channel.CHAT))).agentId()).isEqualTo("a2");
      centre.advanceSeconds(1);
      assertThat(offer(centre.create(contact("c3", "chat").channel(Channel.CHAT))).agentId()).isEqualTo("a1");
    }
  }

  @Nested
  class AgentChoosesContact {
    @BeforeEach
    void twoChatQueuesAndAChatAgent() {
      centre.configure(queue("standard").channel(Channel.CHAT).priority(10));
      centre.configure(queue("premium").channel(Channel.CHAT).priority(20));
      centre.configure(agent("a1").capacity(Channel.CHAT, 3));
    }

    @Test
    void highestEffectivePriorityFirstThenLongestWaiting() {
      centre.create(contact("c1", "standard").channel(Channel.CHAT)); // 10
      centre.advanceSeconds(1);
      centre.create(contact("c2", "premium").channel(Channel.CHAT)); // 20
      centre.advanceSeconds(1);
      centre.create(contact("c3", "standard").channel(Channel.CHAT).priority(15)); // 25
      centre.advanceSeconds(1);
      centre.create(contact("c4", "premium").channel(Channel.CHAT).priority(5)); // 25, newer

      assertThat(centre.contactView("c3").effectivePriority()).isEqualTo(25.0);
      Decision ready = centre.available("a1");

      assertThat(offers(ready)).extracting(Event.OfferMade::contactId).containsExactly("c3", "c4", "c2");
      assertThat(offers(ready).get(0).reasons())
          .anySatisfy(r -> assertThat(r).startsWith("rank: highest effective priority 25.00"));
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
    }

    @Test
    void agingLetsAnOldLowPriorityContactOvertakeANewerHighPriorityOne() {
      centre.configure(queue("support").priority(0).aging(0.5));
      centre.configure(agent("v1"));
      centre.create(contact("old-low", "support"));
      centre.advanceSeconds(10);
      centre.create(contact("new-high", "support").priority(20));
      centre.advanceSeconds(10);

      // 20 s in: the old contact has aged to 10, the new one to 20 + 5.
      assertThat(centre.contactView("old-low").effectivePriority()).isEqualTo(10.0);
      assertThat(offer(centre.available("v1")).contactId()).isEqualTo("new-high");
      centre.notReady("v1", "break");
      centre.abandon("new-high");

      centre.advanceSeconds(30);
      centre.create(contact("newer-high", "support").priority(20));
      centre.advanceSeconds(10);

      // 60 s in: the old contact is at 30, the newer high-priority one at 20 + 5.
      assertThat(centre.contactView("newer-high").effectivePriority()).isEqualTo(25.0);
      assertThat(offer(centre.available("v1")).contactId()).isEqualTo("old-low");
    }

    @Test
    void agingAcrossQueuesWithDifferentRates() {
      centre.configure(queue("vip").priority(30).aging(0));
      centre.configure(queue("mass").priority(0).aging(1.0));
      centre.configure(agent("v1"));
      centre.create(contact("m1", "mass"));
      centre.advanceSeconds(25);
      centre.create(contact("v1c", "vip"));

      assertThat(offer(centre.available("v1")).contactId()).as("30 beats 25").isEqualTo("v1c");
      centre.notReady("v1", "break");
      centre.abandon("v1c");
      centre.create(contact("v2c", "vip"));
      centre.advanceSeconds(10);

      assertThat(offer(centre.available("v1")).contactId()).as("35 beats 30").isEqualTo("m1");
    }

    @Test
    void withoutAgingAHigherPriorityStreamKeepsALowContactWaiting() {
      centre.configure(queue("support").priority(0).aging(0));
      centre.ready(agent("v1"));
      centre.create(contact("busy", "support"));
      centre.answer("busy");
      centre.create(contact("low", "support"));
      for (int i = 0; i < 20; i++) {
        centre.advanceSeconds(30);
        centre.create(contact("high" + i, "support").priority(10));
        String held = centre.agentView("v1").contacts().get(0);
        Decision done = centre.complete(held, "v1");
        assertThat(offer(done).contactId()).isEqualTo("high" + i);
        centre.answer("high" + i);
      }
      assertThat(centre.contactView("low").status()).isEqualTo(ContactStatus.QUEUED);
    }
  }

  @Nested
  class Capacity {
    @BeforeEach
    void chatAndVoiceQueues() {
      centre.configure(queue("chat").channel(Channel.CHAT));
      centre.configure(queue("voice").channel(Channel.VOICE));
    }

    @Test
    void chatAgentTakesUpToThreeChats() {
      centre.ready(agent("a1").capacity(Channel.CHAT, 3));
      for (int i = 1; i <= 4; i++) {
        centre.create(contact("c" + i, "chat").channel(Channel.CHAT));
      }

      assertThat(centre.agentView("a1").offerContacts()).containsExactly("c1", "c2", "c3");
      assertThat(centre.agentView("a1").load()).isEqualTo(Map.of(Channel.CHAT, 3));
      assertThat(centre.agentView("a1").state()).isEqualTo("busy");
      assertThat(centre.contactView("c4").status()).isEqualTo(ContactStatus.QUEUED);

      centre.answer("c1");
      centre.answer("c2");
      assertThat(centre.agentView("a1").contacts()).containsExactly("c1", "c2");
      assertThat(centre.agentView("a1").load()).isEqualTo(Map.of(Channel.CHAT, 3));

      Decision done = centre.complete("c2", "a1");

      assertThat(offer(done).contactId()).isEqualTo("c4");
      assertThat(centre.agentView("a1").load()).isEqualTo(Map.of(Channel.CHAT, 3));
    }

    @Test
    void agentHoldingAChatIsNotOfferedACall() {
      centre.ready(agent("a1").capacity(Channel.CHAT, 3).capacity(Channel.VOICE, 1));
      centre.create(contact("chat1", "chat").channel(Channel.CHAT));
      centre.answer("chat1");

      Decision call = centre.create(contact("call1", "voice"));

      assertThat(offers(call)).isEmpty();
      assertThat(centre.agentView("a1").state()).as("still has chat slots").isEqualTo("available");
      assertThat(offer(centre.create(contact("chat2", "chat").channel(Channel.CHAT))).agentId()).isEqualTo("a1");
      centre.abandon("chat2");
      assertThat(centre.contactView("call1").status()).isEqualTo(ContactStatus.QUEUED);

      Decision done = centre.complete("chat1", "a1");

      assertThat(offer(done).contactId()).isEqualTo("call1");
      assertThat(centre.agentView("a1").load()).isEqualTo(Map.of(Channel.VOICE, 1));
      assertThat(offers(centre.create(contact("chat3", "chat").channel(Channel.CHAT)))).isEmpty();
    }

    @Test
    void voiceAgentTakesOneCallAtATime() {
      centre.ready(agent("a1"));

      assertThat(offer(centre.create(contact("call1", "voice"))).agentId()).isEqualTo("a1");
      assertThat(offers(centre.create(contact("call2", "voice")))).isEmpty();
      assertThat(centre.agentView("a1").state()).isEqualTo("busy");
      centre.answer("call1");
      assertThat(centre.contactView("call2").status()).isEqualTo(ContactStatus.QUEUED);
    }

    @Test
    void agentWithoutAChannelNeverGetsIt() {
      centre.ready(agent("a1").capacity(Channel.CHAT, 3).capacity(Channel.VOICE, 0));

      assertThat(offers(centre.create(contact("call1", "voice")))).isEmpty();
    }
  }

  @Nested
  class ReturnedWork {
    @Test
    void contactsReturnedTogetherAreReofferedMostUrgentFirst() {
      centre.configure(queue("chat").channel(Channel.CHAT));
      centre.configure(agent("a1").capacity(Channel.CHAT, 2));
      centre.configure(agent("a2").capacity(Channel.CHAT, 1));
      centre.available("a1");
      centre.create(contact("routine", "chat").channel(Channel.CHAT));
      centre.create(contact("urgent", "chat").channel(Channel.CHAT).priority(20));
      assertThat(centre.agentView("a1").offerContacts()).containsExactly("routine", "urgent");
      centre.available("a2");

      Decision away = centre.notReady("a1", "break");

      assertThat(offer(away).contactId()).isEqualTo("urgent");
      assertThat(offer(away).agentId()).isEqualTo("a2");
      assertThat(centre.contactView("routine").status()).isEqualTo(ContactStatus.QUEUED);
    }

    @Test
    void missedOfferReturnsTheAgentsOtherOffersMostUrgentFirst() {
      centre.configure(queue("chat").channel(Channel.CHAT).offerTimeout(10));
      centre.configure(agent("a1").capacity(Channel.CHAT, 2));
      centre.configure(agent("a2").capacity(Channel.CHAT, 1));
      centre.available("a1");
      centre.create(contact("routine", "chat").channel(Channel.CHAT));
      centre.advanceSeconds(5);
      centre.create(contact("urgent", "chat").channel(Channel.CHAT).priority(20));
      centre.available("a2");
      centre.advanceSeconds(5);

      Decision missed = centre.expire("routine.1");

      assertThat(offer(missed).contactId()).isEqualTo("urgent");
      assertThat(offer(missed).agentId()).isEqualTo("a2");
      assertThat(centre.agentView("a1").reason()).isEqualTo("missed-offer");
    }
  }

  @Nested
  class Reconfiguration {
    @BeforeEach
    void queueAskingMoreThanTheAgentHas() {
      centre.configure(queue("tech").skill("network", 4));
      centre.ready(agent("a1").skill("network", 3));
      centre.create(contact("c1", "tech"));
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
    }

    @Test
    void relaxingTheQueueLetsTheWaitingContactReachTheAgent() {
      Decision relaxed = centre.configure(queue("tech").skill("network", 3));

      assertThat(offer(relaxed).contactId()).isEqualTo("c1");
      assertThat(offer(relaxed).agentId()).isEqualTo("a1");
      assertThat(offer(relaxed).reasons()).contains("requirement: voice; skills network>=3");
    }

    @Test
    void trainingTheAgentLetsItReachTheWaitingContact() {
      Decision trained = centre.configure(agent("a1").skill("network", 4));

      assertThat(offer(trained).contactId()).isEqualTo("c1");
    }

    @Test
    void afterRelaxingTheQueueTheMostUrgentWaitingContactGoesFirst() {
      centre.notReady("a1", "training");
      centre.create(contact("older", "tech"));
      centre.advanceSeconds(5);
      centre.create(contact("urgent", "tech").priority(30));
      centre.available("a1");

      Decision relaxed = centre.configure(queue("tech").skill("network", 3));

      assertThat(offers(relaxed)).extracting(Event.OfferMade::contactId).containsExactly("urgent");
      assertThat(centre.contactView("c1").position()).isEqualTo(1);
    }

    @Test
    void raisingTheQueuePriorityReordersItsWaitingContacts() {
      centre.notReady("a1", "training");
      centre.configure(queue("other").priority(5));
      centre.create(contact("o1", "other"));
      centre.configure(queue("tech").skill("network", 4).priority(10));
      centre.configure(agent("a2").skill("network", 5));

      assertThat(offer(centre.available("a2")).contactId()).isEqualTo("c1");
    }
  }
}
