package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.at;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.offer;
import static dev.contactrouter.core.Centre.offers;
import static dev.contactrouter.core.Centre.overflowAt;
import static dev.contactrouter.core.Centre.queue;
import static dev.contactrouter.core.Centre.sla;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.SlaPolicy.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No path relaxes a compliance gate (licence, suitability, review hold, site): one regression per
 * path that can put a contact in front of an agent. Every command runs on the indexed and the
 * linear domain ({@link Centre}).
 */
class GatesTest {
  private final Centre centre = Centre.fundsWithReview();

  GatesTest() {
    centre.configure(queue("advice").licence("adviser"));
    centre.configure(queue("callbacks").channel(Channel.CALLBACK));
    centre.configure(agent("a1").skill("funds", 3).capacity(Channel.VOICE, 1).capacity(Channel.CALLBACK, 1));
    centre.configure(agent("officer").skill("compliance", 2));
    centre.configure(agent("adviser").licence("adviser", Centre.T0 + 60_000).capacity(Channel.VOICE, 1)
        .capacity(Channel.CALLBACK, 1));
    centre.configure(agent("adviser2").licence("adviser"));
    centre.configure(ServiceRulesTest.rules("review", 30, 0, "callbacks", null));
  }

  @Test
  void aSupervisorsTransferToANamedAgentDoesNotHandAHeldContactToAnAgentTheReviewQueueRefuses() {
    centre.heldForReview("c1");

    Decision.Refused refused = centre.refused(new Command.TransferContact("supervisor", "c1", null, "a1", null));

    assertThat(refused.reason()).isEqualTo(Refusal.GATE);
    assertThat(refused.gate()).isEqualTo(Gate.REVIEW_HOLD);
    assertThat(refused.field()).isEqualTo("/agentId");
    assertThat(refused.detail()).isEqualTo("review-hold gate: the contact is held for review in queue 'review', which"
        + " asks compliance>=1; agent a1 has 0");
    assertThat(offers(centre.available("a1"))).as("a1 goes available: still nothing for it").isEmpty();
    assertThat(centre.contactView("c1").routing().held()).isTrue();
    assertThat(offer(centre.available("officer")).contactId()).isEqualTo("c1");
  }

  @Test
  void aHeldContactNamedToAQualifiedOfficerInsideReviewGoesThere() {
    centre.heldForReview("c1");
    centre.configure(agent("officer2").skill("compliance", 1));
    centre.transfer("c1", null, "officer2", null);
    assertThat(offers(centre.available("officer"))).as("directed to officer2 by name").isEmpty();
    assertThat(offer(centre.available("officer2")).agentId()).isEqualTo("officer2");
  }

  @Test
  void aReviewQueuesLicenceIsAGateOnTheNamedTransferToo() {
    centre.configure(queue("review").anyChannel().licence("compliance"));
    centre.heldForReview("c1");
    Decision.Refused refused = centre.refused(new Command.TransferContact("supervisor", "c1", "review", "a1", null));
    assertThat(refused.gate()).isEqualTo(Gate.LICENCE);
    assertThat(offers(centre.available("a1"))).isEmpty();
  }

  @Test
  void noTransferTakesAHeldContactOutOfReview() {
    centre.heldForReview("c1");
    Decision.Refused refused = centre.refused(new Command.TransferContact("supervisor", "c1", "funds", null, null));
    assertThat(refused.gate()).isEqualTo(Gate.REVIEW_HOLD);
    assertThat(refused.field()).isEqualTo("/queue");
  }

  @Test
  void relaxSkillsNeverRelaxesTheReviewQueuesRequirement() {
    centre.configure(queue("review").anyChannel().skill("compliance", 3)
        .sla(sla(20, at(25, Action.RELAX_SKILLS, 2), overflowAt(50, "funds"))));
    centre.heldForReview("c1");
    List<Recorded> fired = centre.runTimersUntil(centre.now + 11_000);

    List<String> effects = fired.stream().map(Recorded::event).filter(e -> e instanceof Event.SlaThresholdReached)
        .map(e -> ((Event.SlaThresholdReached) e).effect()).toList();
    assertThat(effects).containsExactly(
        "not relaxed: held for review in queue 'review', whose requirement never relaxes",
        "not moved: compliance hold: routable only in review queue 'review'");
    assertThat(offers(centre.available("officer"))).as("compliance 2 < 3").isEmpty();
    assertThat(centre.contactView("c1").queue()).isEqualTo("review");
  }

  @Test
  void overflowKeepsTheLicenceFixedOnArrival() {
    centre.configure(queue("general"));
    centre.configure(queue("advice").licence("adviser").sla(sla(20, overflowAt(50, "general"))));
    centre.available("a1");
    centre.create(contact("c1", "advice"));
    centre.runTimersUntil(centre.now + 10_000);
    assertThat(centre.contactView("c1").queue()).isEqualTo("general");
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
    assertThat(offer(centre.available("adviser2")).contactId()).as("the licence came along").isEqualTo("c1");
  }

  @Test
  void aRelationshipManagerWhoFailsAGateIsSkippedNamingIt() {
    centre.ready(agent("rm").site("paris").licence("adviser"));
    centre.available("adviser2");
    Decision created = centre.create(contact("c1", "advice").site("london").customer("vip", 3, "rm"));

    Event.RoutingStageChanged stage = events(created, Event.RoutingStageChanged.class).get(0);
    assertThat(stage.stage()).isEqualTo(RouteStage.OPEN);
    assertThat(stage.reason()).startsWith("relationship manager rm fails the site gate: the contact is served from"
        + " site london; agent rm is at site paris");
    assertThat(offers(created)).as("adviser2 has no site either").isEmpty();
  }

  @Test
  void aReturnVisitIsNotReservedForAnOriginalAgentWhoLacksTheLicence() {
    centre.configure(queue("callbacks").channel(Channel.CALLBACK).licence("adviser"));
    centre.available("adviser");
    centre.create(contact("c1", "advice"));
    centre.answer("c1");
    centre.handle(new Command.CompleteContact("agent:adviser", "c1", "adviser", "sale", null));
    centre.setStatus("adviser", AgentStatus.AVAILABLE);
    // The original agent's licence lapses before the visit is due.
    List<Recorded> due = centre.runTimersUntil(centre.now + 3_600_000);

    Event.RoutingStageChanged stage = due.stream().map(Recorded::event)
        .filter(e -> e instanceof Event.RoutingStageChanged).map(e -> (Event.RoutingStageChanged) e).findFirst()
        .orElseThrow();
    assertThat(stage.reason()).startsWith("original agent adviser fails the licence gate");
    assertThat(centre.contactView("c1-rv").status()).as("adviser2, licensed, is offline").isEqualTo(ContactStatus.QUEUED);
    assertThat(centre.agentView("adviser").offers()).isEmpty();
  }

  @Test
  void aCallbackKeepsItsLicences() {
    centre.configure(queue("advice").anyChannel().licence("adviser"));
    centre.ready(agent("a1").capacity(Channel.VOICE, 0).capacity(Channel.CALLBACK, 1));
    centre.create(contact("c1", "advice"));
    Decision called = centre.applied(new Command.RequestCallback("telephony", "c1", null));
    assertThat(offers(called)).as("a1 takes callbacks but holds no adviser licence").isEmpty();
    assertThat(offer(centre.available("adviser")).contactId()).isEqualTo("c1");
  }

  @Test
  void aLicenceThatLapsesWhileTheOfferRingsRefusesTheAccept() {
    centre.configure(queue("advice").licence("adviser").offerTimeout(120));
    centre.available("adviser");
    String offerId = offer(centre.create(contact("c1", "advice"))).offerId();
    centre.advanceSeconds(61);

    Decision.Refused refused = centre.refused(new Command.AcceptOffer("agent:adviser", offerId, "adviser"));

    assertThat(refused.gate()).isEqualTo(Gate.LICENCE);
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.OFFERED);
  }

  @Test
  void theSwitchIsToldNotToConnectACallPastAGate() {
    centre.configure(queue("advice").licence("adviser").offerTimeout(120));
    centre.available("adviser");
    String offerId = offer(centre.create(contact("c1", "advice").call("call-1"))).offerId();
    centre.advanceSeconds(61);

    Decision.Refused refused = centre.refused(
        new Command.ReportCall("telephony", "call-1", Command.CallReport.ANSWERED, offerId, null));

    assertThat(refused.gate()).isEqualTo(Gate.LICENCE);
    assertThat(refused.detail()).endsWith(": do not connect the call");
  }

  @Test
  void anAgentWhoLosesALicenceLosesTheOffersThatNeedIt() {
    centre.available("adviser2");
    centre.create(contact("c1", "advice"));
    centre.available("adviser");
    assertThat(centre.contactView("c1").offer().agentId()).isEqualTo("adviser2");

    Decision reconfigured = centre.configure(agent("adviser2"));

    Event.OfferRevoked revoked = events(reconfigured, Event.OfferRevoked.class).get(0);
    assertThat(revoked.reason()).startsWith("licence gate: agent adviser2 holds no valid adviser licence");
    assertThat(offer(reconfigured).agentId()).as("the next licensed agent").isEqualTo("adviser");
  }

  @Test
  void aQueueThatGainsALicenceWithdrawsOffersToAgentsWithoutIt() {
    centre.available("a1");
    centre.create(contact("c1", "funds"));
    assertThat(centre.contactView("c1").offer().agentId()).isEqualTo("a1");

    Decision reconfigured = centre.configure(queue("funds").skill("funds", 1).licence("adviser"));

    assertThat(events(reconfigured, Event.OfferRevoked.class)).hasSize(1);
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
    assertThat(centre.agentView("a1").offers()).isEmpty();
  }

  @Test
  void withoutAReviewQueueAContactNobodyIsLicensedForIsRefusedNamingTheLicenceGate() {
    centre.configure(ServiceRulesTest.rules(null, 0, 0, null, null));
    Decision.Refused refused = centre.refused(Centre.createCommand(contact("c1", "funds").licence("mortgage")));
    assertThat(refused.reason()).isEqualTo(Refusal.GATE);
    assertThat(refused.gate()).isEqualTo(Gate.LICENCE);
  }
}
