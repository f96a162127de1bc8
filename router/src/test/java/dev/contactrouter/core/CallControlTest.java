package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.offer;
import static dev.contactrouter.core.Centre.offers;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Command.CallReport;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calls a switch holds: a voice contact with a Call-ID is answered, refused and ended by the
 * switch's reports, each idempotent, and reconciled against the switch's list of calls.
 */
class CallControlTest {
  private static final String SIP_A1 = "sip:1001@127.0.0.1:5071";
  private final Centre centre = new Centre();

  @BeforeEach
  void hotline() {
    centre.configure(queue("stocks").skill("stocks", 1).offerTimeout(20).wrapUp(30));
    centre.configure(agent("a1").skill("stocks", 3).device("sip", SIP_A1));
    centre.configure(agent("a2").skill("stocks", 2).device("sip", "sip:1002@127.0.0.1:5072"));
  }

  private Decision report(String callId, CallReport report, String offerId, String reason) {
    return centre.handle(new Command.ReportCall("telephony", callId, report, offerId, reason));
  }

  private Decision reconcile(Set<String> alive) {
    return centre.handle(new Command.ReconcileCalls("telephony", alive, 10_000));
  }

  @Test
  void theOfferOfACallNamesTheDeviceToRingAndTheAnswerComesFromTheSwitch() {
    centre.available("a1");
    Decision created = centre.create(contact("c1", "stocks").call("call-1"));

    Event.OfferMade made = offer(created);
    assertThat(made.agentId()).isEqualTo("a1");
    assertThat(made.device()).isEqualTo(Map.of("sip", SIP_A1));
    assertThat(centre.contactView("c1").spec().callId()).isEqualTo("call-1");

    Decision.Refused byConsole = centre.refused(new Command.AcceptOffer("agent:a1", "c1.1", "a1"));
    assertThat(byConsole.reason()).isEqualTo(Refusal.CONFLICT);
    assertThat(byConsole.detail()).contains("answered on the phone");

    assertThat(events(report("call-1", CallReport.RINGING, "c1.1", null)))
        .containsExactly(new Event.CallRinging("c1", "c1.1", "a1"));
    assertThat(events(report("call-1", CallReport.RINGING, "c1.1", null))).as("a repeated report").isEmpty();
    assertThat(events(report("call-1", CallReport.ANSWERED, "c1.1", null)))
        .containsExactly(new Event.OfferAccepted("c1.1", "c1", "a1"));
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.ASSIGNED);
    Decision again = report("call-1", CallReport.ANSWERED, "c1.1", null);
    assertThat(again).isInstanceOf(Decision.Applied.class);
    assertThat(events(again)).as("the switch retried its report").isEmpty();
  }

  @Test
  void anOfferOfAnOrdinaryVoiceContactNamesNoDeviceAndItsConsoleStillAccepts() {
    centre.available("a1");
    Decision created = centre.create(contact("c1", "stocks"));

    assertThat(offer(created).device()).isEmpty();
    assertThat(centre.accept("c1.1", "a1")).isInstanceOf(Decision.Applied.class);
  }

  @Test
  void aPhoneThatDoesNotAnswerSendsTheCallToTheNextAgentAndItsAgentToNotReady() {
    centre.available("a1");
    centre.available("a2");
    centre.create(contact("c1", "stocks").call("call-1"));

    Decision missed = report("call-1", CallReport.NOT_ANSWERED, "c1.1", "busy");

    assertThat(events(missed, Event.OfferRejected.class))
        .containsExactly(new Event.OfferRejected("c1.1", "c1", "a1", "busy"));
    assertThat(events(missed, Event.AgentStatusChanged.class))
        .containsExactly(new Event.AgentStatusChanged("a1", AgentStatus.NOT_READY, RoutingDomain.MISSED_OFFER, null));
    assertThat(offer(missed).agentId()).as("rings the next agent").isEqualTo("a2");
    assertThat(offer(missed).offerId()).isEqualTo("c1.2");
    assertThat(events(report("call-1", CallReport.NOT_ANSWERED, "c1.1", "busy")))
        .as("a repeated report about an offer that is over").isEmpty();
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.NOT_READY);
  }

  @Test
  void anAnswerForAnOfferThatIsOverIsRefusedSoTheSwitchDoesNotConnectIt() {
    centre.available("a1");
    centre.available("a2");
    centre.create(contact("c1", "stocks").call("call-1"));
    report("call-1", CallReport.NOT_ANSWERED, "c1.1", "no-answer");

    Decision late = report("call-1", CallReport.ANSWERED, "c1.1", null);

    assertThat(late).isInstanceOf(Decision.Refused.class);
    assertThat(((Decision.Refused) late).detail()).contains("do not connect the call");
    assertThat(centre.contactView("c1").offer().agentId()).isEqualTo("a2");
  }

  @Test
  void aCallerWhoHangsUpWhileRingingAbandonsAndTheAgentIsFreedAtOnce() {
    centre.available("a1");
    centre.create(contact("c1", "stocks").call("call-1"));

    Decision gone = report("call-1", CallReport.HANGUP, null, "caller");

    assertThat(events(gone)).containsExactly(
        new Event.OfferRevoked("c1.1", "c1", "a1", "abandoned"), new Event.ContactAbandoned("c1"));
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.ABANDONED);
    assertThat(events(report("call-1", CallReport.HANGUP, null, "caller"))).isEmpty();
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.AVAILABLE);
  }

  @Test
  void aCallEndedAfterTheAnswerCompletesWithHangupAndTheAgentRecordsTheOutcomeInWrapUp() {
    centre.available("a1");
    centre.create(contact("c1", "stocks").call("call-1"));
    report("call-1", CallReport.ANSWERED, "c1.1", null);
    centre.advanceSeconds(90);

    Decision.Refused early = centre.refused(
        new Command.CompleteContact("agent:a1", "c1", "a1", "resolved", "margin rules", null));
    assertThat(early.detail()).contains("still connected");

    Decision ended = report("call-1", CallReport.HANGUP, null, "agent");

    assertThat(events(ended)).containsExactly(
        new Event.ContactCompleted("c1", "a1", CallControl.HANGUP, null, null),
        new Event.AgentStatusChanged("a1", AgentStatus.WRAP_UP, "after-contact-work", centre.now + 30_000));
    Decision recorded = centre.handle(
        new Command.CompleteContact("agent:a1", "c1", "a1", "resolved", "margin rules", null));
    assertThat(events(recorded))
        .containsExactly(new Event.DispositionRecorded("c1", "a1", "resolved", "margin rules"));
    assertThat(centre.contactView("c1").disposition()).isEqualTo("resolved");
    assertThat(centre.contactView("c1").notes()).isEqualTo("margin rules");
    assertThat(centre.handle(new Command.CompleteContact("agent:a1", "c1", "a1", "sale", null, null)))
        .as("the outcome is recorded once").isInstanceOf(Decision.Refused.class);
  }

  /** c1 on call-1, answered by a1 and connected; c2 on call-2, waiting. */
  private void oneCallConnectedOneWaiting() {
    centre.available("a1");
    centre.create(contact("c1", "stocks").call("call-1"));
    report("call-1", CallReport.ANSWERED, "c1.1", null);
    centre.create(contact("c2", "stocks").call("call-2"));
  }

  @Test
  void aConnectedCallIsNotMovedByTheEngineButAWaitingOneIs() {
    oneCallConnectedOneWaiting();

    assertThat(centre.transfer("c1", "stocks", "a2", null)).isInstanceOf(Decision.Refused.class);
    assertThat(centre.transfer("c2", "stocks", "a2", null)).isInstanceOf(Decision.Applied.class);
  }

  @Test
  void theSameCallPushedTwiceIsOneContact() {
    centre.create(contact("c1", "stocks").call("call-1"));

    Decision.Applied again = centre.create(contact("c2", "stocks").call("call-1"));

    assertThat(again.events()).isEmpty();
    assertThat(((Reply.ContactReply) again.reply()).contact().id()).isEqualTo("c1");
    assertThat(((Reply.ContactReply) again.reply()).replayed()).isTrue();
    assertThat(centre.domain.contactByCall("call-1", centre.now).orElseThrow().id()).isEqualTo("c1");
  }

  @Test
  void onlyAVoiceContactHasACall() {
    Decision.Refused chat = centre.refused(new Command.CreateContact("telephony",
        contact("c1", "stocks").channel(Channel.CHAT).call("call-1").build()));

    assertThat(chat.field()).isEqualTo("/callId");
  }

  @Test
  void reportsAboutACallTheEngineDoesNotKnowAreNotFound() {
    assertThat(((Decision.Refused) report("nobody", CallReport.HANGUP, null, null)).reason())
        .isEqualTo(Refusal.NOT_FOUND);
  }

  @Test
  void callsTheSwitchNoLongerHoldsAreEndedAsLostAndItsUnknownCallsNamed() {
    oneCallConnectedOneWaiting();
    centre.advanceSeconds(5);
    centre.create(contact("c3", "stocks").call("call-3"));
    centre.advanceSeconds(6);

    // call-3 is younger than the grace: the switch may not have listed it yet.
    Decision.Applied reconciled = (Decision.Applied) reconcile(Set.of("ghost"));

    assertThat(events(reconciled, Event.CallLost.class)).extracting(Event.CallLost::contactId)
        .containsExactly("c1", "c2");
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.COMPLETED);
    assertThat(centre.contactView("c1").disposition()).isEqualTo(CallControl.LOST_CALL);
    assertThat(centre.contactView("c2").status()).isEqualTo(ContactStatus.ABANDONED);
    assertThat(centre.contactView("c3").status()).isEqualTo(ContactStatus.QUEUED);
    assertThat(centre.agentView("a1").status()).as("free of the lost call").isEqualTo(AgentStatus.WRAP_UP);
    Reply.CallsReconciled reply = (Reply.CallsReconciled) reconciled.reply();
    assertThat(reply.ended()).containsExactly("call-1", "call-2");
    assertThat(reply.unknown()).containsExactly("ghost");

    Decision.Applied calm = (Decision.Applied) reconcile(Set.of("call-1", "call-3"));
    assertThat(calm.events()).as("nothing more to end").isEmpty();
    assertThat(((Reply.CallsReconciled) calm.reply()).unknown()).as("an ended call is released").containsExactly("call-1");
  }

  @Test
  void aWaitingCallerWhoAsksForACallbackIsNoLongerTheSwitchsCall() {
    centre.create(contact("c1", "stocks").call("call-1"));
    centre.handle(new Command.RequestCallback("telephony", "c1", "+86 138 0000 0000"));

    assertThat(events(report("call-1", CallReport.HANGUP, null, "caller"))).as("the caller left as planned").isEmpty();
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
    centre.advanceSeconds(30);
    Decision.Applied reconciled = (Decision.Applied) reconcile(Set.of());
    assertThat(reconciled.events()).isEmpty();
  }

  @Test
  void aCallsStateSurvivesASnapshot() {
    centre.available("a1");
    centre.create(contact("c1", "stocks").call("call-1"));
    report("call-1", CallReport.RINGING, "c1.1", null);

    RoutingDomain restored = RoutingDomain.restore(centre.domain.snapshot(), MatcherKind.INDEXED);

    assertThat(restored.contactByCall("call-1", centre.now)).isPresent();
    Decision again = restored.handle(new Command.ReportCall("telephony", "call-1", CallReport.RINGING, "c1.1", null),
        centre.now);
    assertThat(((Decision.Applied) again).events()).as("ringing was already noted").isEmpty();
    assertThat(offers(restored.handle(new Command.ReportCall("telephony", "call-1", CallReport.ANSWERED, "c1.1", null),
        centre.now))).isEmpty();
    assertThat(restored.contact("c1", centre.now).orElseThrow().status()).isEqualTo(ContactStatus.ASSIGNED);
  }
}
