package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.offer;
import static dev.contactrouter.core.Centre.offers;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A contact's way through the domain: offer, accept, reject, time-out, abandon, complete. */
class ContactLifecycleTest {
  private Centre centre;

  @BeforeEach
  void billingQueueWithOneAgent() {
    centre = Centre.billingDesk();
  }

  /** a1 goes available and c1 arrives in billing: it is offered to a1 (offer c1.1). */
  private void c1RingsAtA1() {
    centre.available("a1");
    centre.create(contact("c1", "billing"));
  }

  /** As {@link #c1RingsAtA1}, with a2 able to serve billing too (offline), and c2 waiting a second later. */
  private void c1RingsAtA1AndC2Waits() {
    centre.configure(agent("a2").skill("billing", 2));
    c1RingsAtA1();
    centre.advanceSeconds(1);
    centre.create(contact("c2", "billing"));
  }

  @Test
  void contactIsOfferedAcceptedCompletedAndTheAgentWrapsUp() {
    centre.available("a1");
    centre.advanceSeconds(10);

    Decision created = centre.create(contact("c1", "billing"));

    Event.OfferMade offer = offer(created);
    assertThat(offer.contactId()).isEqualTo("c1");
    assertThat(offer.agentId()).isEqualTo("a1");
    assertThat(offer.offerId()).isEqualTo("c1.1");
    assertThat(offer.expiresAt()).isEqualTo(centre.now + 15_000);
    assertThat(offer.reasons())
        .anySatisfy(r -> assertThat(r).startsWith("trigger: contact waiting in queue billing"))
        .contains("requirement: voice; skills billing>=2", "agent has: billing=3")
        .anySatisfy(r -> assertThat(r).startsWith("rank: longest-ready eligible agent"));
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.OFFERED);
    assertThat(centre.contactView("c1").offer())
        .isEqualTo(new ContactView.Offer("c1.1", "a1", centre.now, centre.now + 15_000));

    centre.advanceSeconds(4);
    Decision accepted = centre.accept("c1.1", "a1");

    assertThat(events(accepted)).containsExactly(new Event.OfferAccepted("c1.1", "c1", "a1"));
    ContactView assigned = centre.contactView("c1");
    assertThat(assigned.status()).isEqualTo(ContactStatus.ASSIGNED);
    assertThat(assigned.agentId()).isEqualTo("a1");
    assertThat(assigned.assignedAt()).isEqualTo(centre.now);
    assertThat(assigned.offer()).isNull();
    assertThat(centre.agentView("a1").contacts()).containsExactly("c1");
    assertThat(centre.agentView("a1").state()).isEqualTo("busy");

    centre.advanceSeconds(120);
    Decision completed = centre.complete("c1", "a1");

    long until = centre.now + 30_000;
    assertThat(events(completed))
        .containsExactly(
            new Event.ContactCompleted("c1", "a1", "resolved", null),
            new Event.AgentStatusChanged("a1", AgentStatus.WRAP_UP, "after-contact-work", until));
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.COMPLETED);
    assertThat(centre.contactView("c1").endedAt()).isEqualTo(centre.now);
    assertThat(centre.contactView("c1").disposition()).isEqualTo("resolved");
    AgentView wrapping = centre.agentView("a1");
    assertThat(wrapping.status()).isEqualTo(AgentStatus.WRAP_UP);
    assertThat(wrapping.wrapUpUntil()).isEqualTo(until);
    assertThat(wrapping.contacts()).isEmpty();

    centre.advanceTo(until);
    Decision ended = centre.endWrapUp("a1", until);

    assertThat(events(ended))
        .containsExactly(new Event.AgentStatusChanged("a1", AgentStatus.AVAILABLE, null, null));
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.AVAILABLE);
    assertThat(centre.agentView("a1").wrapUpUntil()).isNull();

    // The same timer firing again (at-least-once delivery) changes nothing.
    assertThat(events(centre.endWrapUp("a1", until))).isEmpty();
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.AVAILABLE);
  }

  @Test
  void endWrapUpForAnEarlierWrapUpIsIgnored() {
    c1RingsAtA1();
    centre.answer("c1");
    centre.complete("c1", "a1");
    long until = centre.agentView("a1").wrapUpUntil();

    assertThat(events(centre.endWrapUp("a1", until - 1_000))).isEmpty();
    assertThat(events(centre.endWrapUp("nobody", until))).isEmpty();

    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.WRAP_UP);
    assertThat(centre.agentView("a1").wrapUpUntil()).isEqualTo(until);
  }

  @Test
  void agentLeavingWrapUpPicksUpTheNextWaitingContact() {
    c1RingsAtA1();
    centre.answer("c1");
    centre.create(contact("c2", "billing"));
    assertThat(centre.contactView("c2").status()).isEqualTo(ContactStatus.QUEUED);
    centre.complete("c1", "a1");
    assertThat(centre.contactView("c2").status()).as("nothing offered during wrap-up").isEqualTo(ContactStatus.QUEUED);

    long until = centre.agentView("a1").wrapUpUntil();
    centre.advanceTo(until);
    Decision ended = centre.endWrapUp("a1", until);

    assertThat(offer(ended).contactId()).isEqualTo("c2");
    assertThat(offer(ended).reasons().get(0)).isEqualTo("trigger: agent a1 free");
  }

  @Nested
  class Reject {
    @Test
    void rejectedContactKeepsItsPlaceAndGoesToAnotherAgent() {
      c1RingsAtA1AndC2Waits();
      centre.advanceSeconds(1);
      centre.create(contact("c3", "billing"));
      assertThat(centre.offerOf("c1")).isEqualTo("c1.1");

      Decision rejected = centre.reject("c1.1", "a1");

      assertThat(events(rejected).get(0))
          .isEqualTo(new Event.OfferRejected("c1.1", "c1", "a1", "declined"));
      // a1 is free again and takes the next contact it has not refused.
      assertThat(offer(rejected).contactId()).isEqualTo("c2");
      assertThat(offer(rejected).agentId()).isEqualTo("a1");
      ContactView back = centre.contactView("c1");
      assertThat(back.status()).isEqualTo(ContactStatus.QUEUED);
      assertThat(back.position()).isEqualTo(1);
      assertThat(back.rejectedBy()).containsExactly("a1");
      assertThat(centre.contactView("c3").position()).isEqualTo(2);

      Decision second = centre.available("a2");

      assertThat(offer(second).contactId()).as("first in line").isEqualTo("c1");
      assertThat(offer(second).offerId()).isEqualTo("c1.2");
      assertThat(offer(second).agentId()).isEqualTo("a2");
    }

    @Test
    void rejectedContactIsNeverOfferedBackToTheSameAgent() {
      c1RingsAtA1();

      Decision rejected = centre.reject("c1.1", "a1");

      assertThat(offers(rejected)).isEmpty();
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
      centre.notReady("a1", "break");
      centre.advanceSeconds(60);
      assertThat(offers(centre.available("a1"))).isEmpty();
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
      assertThat(centre.agentView("a1").offers()).isEmpty();
    }
  }

  @Nested
  class OfferTimeout {
    @Test
    void missedOfferPutsTheContactBackFirstInLineAndTheAgentNotReady() {
      c1RingsAtA1AndC2Waits();
      long expiresAt = centre.contactView("c1").offer().expiresAt();

      centre.advanceTo(expiresAt);
      Decision expired = centre.expire("c1.1");

      assertThat(events(expired))
          .containsExactly(
              new Event.OfferTimedOut("c1.1", "c1", "a1"),
              new Event.AgentStatusChanged("a1", AgentStatus.NOT_READY, RoutingDomain.MISSED_OFFER, null));
      assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.NOT_READY);
      assertThat(centre.agentView("a1").reason()).isEqualTo("missed-offer");
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
      assertThat(centre.contactView("c1").position()).isEqualTo(1);
      assertThat(centre.contactView("c2").position()).isEqualTo(2);
      assertThat(centre.contactView("c1").rejectedBy()).as("a timeout is not a refusal").isEmpty();
      assertThat(centre.stats("billing").missedOffers()).isEqualTo(1);

      // The timer firing again is a no-op.
      assertThat(events(centre.expire("c1.1"))).isEmpty();

      Decision next = centre.available("a2");
      assertThat(offers(next)).extracting(Event.OfferMade::contactId).containsExactly("c1");
    }

    @Test
    void offerTimerFiringEarlyChangesNothing() {
      c1RingsAtA1();
      long expiresAt = centre.contactView("c1").offer().expiresAt();

      centre.advanceTo(expiresAt - 1);
      assertThat(events(centre.expire("c1.1"))).isEmpty();

      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.OFFERED);
      assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.AVAILABLE);
    }

    @Test
    void timerForAnAcceptedOfferIsStale() {
      c1RingsAtA1();
      centre.answer("c1");
      centre.advanceSeconds(60);

      assertThat(events(centre.expire("c1.1"))).isEmpty();
      assertThat(events(centre.expire("unknown.1"))).isEmpty();
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.ASSIGNED);
    }
  }

  @Nested
  class OfferCommands {
    @Test
    void onlyTheAgentOfferedMayAcceptOrRejectIt() {
      centre.configure(agent("a2").skill("billing", 2));
      c1RingsAtA1();

      assertThat(centre.refused(new Command.AcceptOffer("agent:a2", "c1.1", "a2")).reason())
          .isEqualTo(Refusal.FORBIDDEN);
      assertThat(centre.refused(new Command.RejectOffer("agent:a2", "c1.1", "a2", null)).reason())
          .isEqualTo(Refusal.FORBIDDEN);
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.OFFERED);
      // A supervisor (no acting agent) may accept on the agent's behalf.
      assertThat(events(centre.accept("c1.1", null)))
          .containsExactly(new Event.OfferAccepted("c1.1", "c1", "a1"));
    }

    @Test
    void staleUnknownAndExpiredOffersAreRefused() {
      c1RingsAtA1();
      centre.reject("c1.1", "a1");

      assertThat(centre.refused(new Command.AcceptOffer("agent:a1", "c1.1", "a1")).reason())
          .as("offer no longer current")
          .isEqualTo(Refusal.CONFLICT);
      assertThat(centre.refused(new Command.AcceptOffer("agent:a1", "zz.1", "a1")).reason())
          .isEqualTo(Refusal.NOT_FOUND);
      assertThat(centre.refused(new Command.AcceptOffer("agent:a1", "nodot", "a1")).reason())
          .isEqualTo(Refusal.NOT_FOUND);

      centre.ready(agent("a2").skill("billing", 2));
      long expiresAt = centre.contactView("c1").offer().expiresAt();
      centre.advanceTo(expiresAt + 1);

      Decision.Refused late = centre.refused(new Command.AcceptOffer("agent:a2", "c1.2", "a2"));
      assertThat(late.reason()).isEqualTo(Refusal.CONFLICT);
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.OFFERED);
    }

    @Test
    void acceptingExactlyAtTheDeadlineStillCounts() {
      c1RingsAtA1();
      centre.advanceTo(centre.contactView("c1").offer().expiresAt());

      assertThat(centre.accept("c1.1", "a1")).isInstanceOf(Decision.Applied.class);
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.ASSIGNED);
    }
  }

  @Nested
  class Abandon {
    @Test
    void queuedContactIsAbandoned() {
      centre.create(contact("c1", "billing"));

      Decision abandoned = centre.abandon("c1");

      assertThat(events(abandoned)).containsExactly(new Event.ContactAbandoned("c1"));
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.ABANDONED);
      assertThat(centre.contactView("c1").endedAt()).isEqualTo(centre.now);
      assertThat(centre.stats("billing").waiting()).isZero();
      assertThat(centre.stats("billing").abandoned()).isEqualTo(1);
    }

    @Test
    void abandoningAnOfferedContactRevokesTheOfferAndFreesTheAgent() {
      c1RingsAtA1();
      centre.create(contact("c2", "billing"));

      Decision abandoned = centre.abandon("c1");

      assertThat(events(abandoned))
          .startsWith(
              new Event.OfferRevoked("c1.1", "c1", "a1", "abandoned"),
              new Event.ContactAbandoned("c1"));
      assertThat(offer(abandoned).contactId()).as("the freed agent takes the next one").isEqualTo("c2");
      assertThat(centre.agentView("a1").offerContacts()).containsExactly("c2");
      assertThat(centre.domain.liveTimers()).as("c1's manual first-response clock went with it; c2's runs")
          .containsExactly(Timers.offerTimeout("c2.1", centre.contactView("c2").offer().expiresAt()),
              Timers.slaPoint("c2", 0, centre.contactView("c2").sla().deadline()));
    }

    @Test
    void assignedContactCannotBeAbandonedAndNothingIsAbandonedTwice() {
      c1RingsAtA1();
      centre.answer("c1");

      assertThat(centre.refused(new Command.AbandonContact("telephony", "c1")).reason())
          .isEqualTo(Refusal.CONFLICT);
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.ASSIGNED);

      centre.create(contact("c2", "billing"));
      centre.abandon("c2");
      assertThat(centre.refused(new Command.AbandonContact("telephony", "c2")).reason())
          .isEqualTo(Refusal.CONFLICT);
      assertThat(centre.refused(new Command.AbandonContact("telephony", "nope")).reason())
          .isEqualTo(Refusal.NOT_FOUND);
      assertThat(centre.stats("billing").abandoned()).isEqualTo(1);
    }
  }

  @Nested
  class Complete {
    @Test
    void onlyTheHolderCompletesAndOnlyAnAssignedContact() {
      centre.configure(agent("a2").skill("billing", 2));
      c1RingsAtA1();

      assertThat(centre.refused(new Command.CompleteContact("agent:a1", "c1", "a1", null, null)).reason())
          .as("still only offered")
          .isEqualTo(Refusal.CONFLICT);
      centre.answer("c1");
      assertThat(centre.refused(new Command.CompleteContact("agent:a2", "c1", "a2", null, null)).reason())
          .isEqualTo(Refusal.FORBIDDEN);
      assertThat(centre.refused(new Command.CompleteContact("agent:a2", "nope", "a2", null, null)).reason())
          .isEqualTo(Refusal.NOT_FOUND);
      assertThat(centre.complete("c1", "a1")).isInstanceOf(Decision.Applied.class);
      assertThat(centre.refused(new Command.CompleteContact("agent:a1", "c1", "a1", null, null)).reason())
          .isEqualTo(Refusal.CONFLICT);
    }

    @Test
    void queueWithoutWrapUpHandsTheAgentTheNextContactAtOnce() {
      centre.configure(queue("billing").skill("billing", 2).wrapUp(0));
      c1RingsAtA1();
      centre.answer("c1");
      centre.create(contact("c2", "billing"));

      Decision completed = centre.complete("c1", "a1");

      assertThat(events(completed, Event.AgentStatusChanged.class)).isEmpty();
      assertThat(offer(completed).contactId()).isEqualTo("c2");
    }
  }

  @Nested
  class AgentStatusChanges {
    @Test
    void agentHoldingAContactCannotGoOffline() {
      c1RingsAtA1();
      centre.answer("c1");

      Decision offline = centre.setStatus("a1", AgentStatus.OFFLINE);

      assertThat(offline).isInstanceOf(Decision.Refused.class);
      assertThat(((Decision.Refused) offline).reason()).isEqualTo(Refusal.CONFLICT);
      assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.AVAILABLE);
    }

    @Test
    void goingNotReadyRevokesPendingOffersAndTheContactIsOfferedElsewhere() {
      centre.configure(agent("a2").skill("billing", 2));
      centre.available("a1");
      centre.advanceSeconds(1);
      centre.available("a2");
      centre.create(contact("c1", "billing"));
      assertThat(centre.contactView("c1").offer().agentId()).isEqualTo("a1");

      Decision notReady = centre.notReady("a1", "lunch");

      assertThat(events(notReady))
          .containsExactly(
              new Event.OfferRevoked("c1.1", "c1", "a1", "agent went not_ready"),
              new Event.AgentStatusChanged("a1", AgentStatus.NOT_READY, "lunch", null),
              offer(notReady));
      assertThat(offer(notReady).agentId()).isEqualTo("a2");
      assertThat(offer(notReady).offerId()).isEqualTo("c1.2");
      assertThat(centre.agentView("a1").offers()).isEmpty();
      assertThat(centre.agentView("a1").reason()).isEqualTo("lunch");
    }

    @Test
    void wrapUpCannotBeRequestedAndUnknownAgentsAreNotFound() {
      assertThat(((Decision.Refused) centre.setStatus("a1", AgentStatus.WRAP_UP)).field()).isEqualTo("/status");
      assertThat(((Decision.Refused) centre.setStatus("ghost", AgentStatus.AVAILABLE)).reason())
          .isEqualTo(Refusal.NOT_FOUND);
    }

    @Test
    void repeatingTheSameStatusChangesNothing() {
      centre.available("a1");
      assertThat(events(centre.available("a1"))).isEmpty();
      assertThat(centre.agentView("a1").load()).isEqualTo(Map.of());
      assertThat(centre.agentView("a1").offers()).isEqualTo(List.of());
    }
  }
}
