package dev.contactrouter.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.telephony.Action.CreateContact;
import dev.contactrouter.telephony.Action.Report;
import dev.contactrouter.telephony.Action.ToSwitch;
import dev.contactrouter.telephony.Call.Phase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallBookTest {
  private static final long NOW = 1_000_000;
  private static final String CALL = "1-42@127.0.0.1";

  private CallBook book;

  @BeforeEach
  void setUp() {
    book = new CallBook(BridgeConfig.fromEnvironment(Map.of("ROUTER_URL", "http://127.0.0.1:8080",
        "ROUTER_TELEPHONY_KEY", "tel-0123456789", "TELEPHONY_QUEUE_MAP", "4001=stocks")));
  }

  private static Offer offer(String id, String agent, long expiresIn) {
    return new Offer(id, agent, "sip:" + agent + "@127.0.0.1:5071", NOW + expiresIn);
  }

  private static ToSwitch ring(String offerId, String agent, long ringMillis) {
    return new ToSwitch("ring", CALL, Map.of("offerId", offerId, "device", "sip:" + agent + "@127.0.0.1:5071",
        "ringMillis", ringMillis));
  }

  private void waiting() {
    book.invite(CALL, "caller1", "4001", null);
    assertThat(book.contactCreated(CALL)).containsExactly(ToSwitch.of("queue", CALL));
  }

  private void ringingOffer(String offerId, String agent) {
    waiting();
    assertThat(book.offerMade(CALL, offer(offerId, agent, 15_000), NOW)).containsExactly(ring(offerId, agent, 14_000));
  }

  @Test
  void aNewCallBecomesAContactInTheQueueOfItsNumber() {
    assertThat(book.invite(CALL, "caller1", "4001", null)).containsExactly(new CreateContact(CALL, "stocks", "caller1", "4001"));
    assertThat(book.invite(CALL, "caller1", "4001", null)).as("a repeated invite").isEmpty();
    assertThat(book.invite("other", "c", "4001", "complaints")).containsExactly(new CreateContact("other", "complaints", "c", "4001"));
  }

  @Test
  void theCallerIsQueuedOnceTheContactExistsThenTheOfferedPhoneRings() {
    ringingOffer("o1", "a1");
    assertThat(book.call(CALL).phase).isEqualTo(Phase.RINGING);
    assertThat(book.ringing(CALL, "o1")).containsExactly(Report.ringing(CALL, "o1"));
    assertThat(book.ringing(CALL, "o0")).as("ringing of another offer").isEmpty();
  }

  @Test
  void anOfferThatComesBeforeTheContactIsAnsweredRingsAtOnce() {
    book.invite(CALL, "caller1", "4001", null);
    assertThat(book.offerMade(CALL, offer("o1", "a1", 10_000), NOW)).containsExactly(ring("o1", "a1", 9_000));
    assertThat(book.contactCreated(CALL)).as("no 182 once a phone rings").isEmpty();
    assertThat(book.offerMade(CALL, offer("o1", "a1", 10_000), NOW)).as("the same offer again (a replay)").isEmpty();
  }

  @Test
  void anAnswerConnectsOnlyOnceTheEngineAcceptedIt() {
    ringingOffer("o1", "a1");
    assertThat(book.answered(CALL, "o1")).containsExactly(Report.answered(CALL, "o1"));
    assertThat(book.call(CALL).phase).isEqualTo(Phase.ANSWERING);
    assertThat(book.answerAccepted(CALL, "o1")).containsExactly(ToSwitch.of("connect", CALL));
    assertThat(book.connected(CALL)).isEmpty();
    assertThat(book.call(CALL).phase).isEqualTo(Phase.CONNECTED);
  }

  @Test
  void anAnswerTheEngineRefusesHangsThatPhoneUpAndTheCallerWaitsForTheNextOffer() {
    ringingOffer("o1", "a1");
    book.answered(CALL, "o1");
    assertThat(book.offerMade(CALL, offer("o2", "a2", 15_000), NOW)).as("the next offer waits").isEmpty();
    assertThat(book.answerRefused(CALL, "o1")).containsExactly(ToSwitch.of("refuse", CALL));
    assertThat(book.agentFailed(CALL, "o1", 487, "refused", NOW)).as("nothing reported, the next phone rings")
        .containsExactly(ring("o2", "a2", 14_000));
  }

  @Test
  void anAnswerForAnOfferNoLongerRungIsRefusedWithoutAsking() {
    ringingOffer("o1", "a1");
    assertThat(book.answered(CALL, "o9")).containsExactly(ToSwitch.of("refuse", CALL));
  }

  @Test
  void aPhoneThatDoesNotAnswerIsReportedWithTheContractsReason() {
    ringingOffer("o1", "a1");
    assertThat(book.agentFailed(CALL, "o1", 408, "failed", NOW)).containsExactly(Report.notAnswered(CALL, "o1", "no-answer"));
    assertThat(book.call(CALL).phase).isEqualTo(Phase.WAITING);
    assertThat(CallBook.reason(486)).isEqualTo("busy");
    assertThat(CallBook.reason(600)).isEqualTo("busy");
    assertThat(CallBook.reason(603)).isEqualTo("declined");
    assertThat(CallBook.reason(404)).isEqualTo("unavailable");
    assertThat(CallBook.reason(500)).isEqualTo("unavailable");
  }

  @Test
  void aRevokedOfferStopsThePhoneOnceAndIsNotReported() {
    ringingOffer("o1", "a1");
    assertThat(book.offerEnded(CALL, "o1")).containsExactly(ToSwitch.of("stop", CALL));
    assertThat(book.offerEnded(CALL, "o1")).isEmpty();
    assertThat(book.agentFailed(CALL, "o1", 487, "stopped", NOW)).isEmpty();
    assertThat(book.call(CALL).phase).isEqualTo(Phase.WAITING);
  }

  @Test
  void aNewOfferWhileAnotherPhoneRingsStopsItThenRingsTheNewOne() {
    ringingOffer("o1", "a1");
    assertThat(book.offerMade(CALL, offer("o2", "a2", 15_000), NOW)).containsExactly(ToSwitch.of("stop", CALL));
    assertThat(book.offerEnded(CALL, "o1")).as("already stopping").isEmpty();
    assertThat(book.agentFailed(CALL, "o1", 487, "stopped", NOW + 500)).containsExactly(ring("o2", "a2", 13_500));
  }

  @Test
  void aPendingOfferThatEndsIsNotRung() {
    ringingOffer("o1", "a1");
    book.offerMade(CALL, offer("o2", "a2", 15_000), NOW);
    book.offerEnded(CALL, "o2");
    assertThat(book.agentFailed(CALL, "o1", 487, "stopped", NOW)).isEmpty();
  }

  @Test
  void anOfferThatIsOverIsNeverRungAgainEvenIfTheEventIsReplayed() {
    ringingOffer("o1", "a1");
    book.agentFailed(CALL, "o1", 486, "failed", NOW);
    assertThat(book.offerMade(CALL, offer("o1", "a1", 15_000), NOW)).isEmpty();
    book.offerEnded(CALL, "o2");
    assertThat(book.offerMade(CALL, offer("o2", "a2", 15_000), NOW)).as("revoked before it came").isEmpty();
    List<Action> adopted = book.synced(List.of(new SwitchCall("other", Map.of("state", "waiting", "failed", "o9 408 failed"))), NOW);
    assertThat(adopted).containsExactly(Report.notAnswered("other", "o9", "no-answer"));
    assertThat(book.offerMade("other", new Offer("o9", "a9", "sip:a9@h", NOW + 15_000), NOW)).isEmpty();
  }

  @Test
  void anAgentWithoutAPhoneIsReportedUnavailable() {
    waiting();
    assertThat(book.offerMade(CALL, new Offer("o1", "a1", null, NOW + 15_000), NOW))
        .containsExactly(Report.notAnswered(CALL, "o1", "unavailable"));
  }

  @Test
  void anOfferAboutToExpireIsNotRung() {
    waiting();
    assertThat(book.offerMade(CALL, offer("o1", "a1", 1_500), NOW)).isEmpty();
    assertThat(book.call(CALL).phase).isEqualTo(Phase.WAITING);
  }

  @Test
  void aHangUpIsReportedByWhoHungUpThenForgotten() {
    ringingOffer("o1", "a1");
    book.answered(CALL, "o1");
    book.answerAccepted(CALL, "o1");
    book.connected(CALL);
    assertThat(book.ended(CALL, "agent")).containsExactly(Report.hangup(CALL, "agent"));
    assertThat(book.ended(CALL, "agent")).isEmpty();
    assertThat(book.hangupReported(CALL)).containsExactly(ToSwitch.of("forget", CALL));
    assertThat(book.size()).isZero();
    assertThat(book.ended("unknown-call", "caller")).containsExactly(ToSwitch.of("forget", "unknown-call"));
  }

  @Test
  void aCallerWhoLeavesOrTheSwitchEndingTheCallCountsAsTheCaller() {
    waiting();
    assertThat(book.ended(CALL, "switch")).containsExactly(Report.hangup(CALL, "caller"));
  }

  @Test
  void aContactTheEngineClosesReleasesAWaitingCallerButNotAConnectedCall() {
    waiting();
    assertThat(book.contactEnded(CALL)).containsExactly(
        new ToSwitch("release", CALL, Map.of("code", 480, "reason", "Contact closed by the routing engine")));
    assertThat(book.contactEnded(CALL)).as("once").isEmpty();
    assertThat(book.offerMade(CALL, offer("o1", "a1", 15_000), NOW)).as("no ringing while released").isEmpty();

    book.invite("c2", "x", "4001", null);
    book.contactCreated("c2");
    book.offerMade("c2", new Offer("o1", "a1", "sip:a1@h", NOW + 15_000), NOW);
    book.answered("c2", "o1");
    book.answerAccepted("c2", "o1");
    book.connected("c2");
    assertThat(book.contactEnded("c2")).isEmpty();
  }

  @Test
  void aRefusedContactRejectsTheCall() {
    book.invite(CALL, "caller1", "9999", null);
    assertThat(book.contactRefused(CALL, 404, "No such hotline"))
        .containsExactly(new ToSwitch("release", CALL, Map.of("code", 404, "reason", "No such hotline")));
  }

  @Test
  void reconciliationReleasesCallsTheEngineDoesNotKnow() {
    waiting();
    book.invite("pending", "c", "4001", null);
    assertThat(book.alive()).containsExactlyInAnyOrder(CALL, "pending");
    assertThat(book.reconciled(List.of(CALL, "pending", "never-seen")))
        .as("a call whose contact is still being created is not released")
        .containsExactly(new ToSwitch("release", CALL, Map.of("code", 480, "reason", "Not known to the routing engine")));
    assertThat(book.reconciled(List.of(CALL))).as("once").isEmpty();
  }

  @Test
  void anEndedCallTheEngineDoesNotKnowIsJustForgotten() {
    waiting();
    book.ended(CALL, "caller");
    assertThat(book.alive()).as("reported calls stay alive until the report is in").containsExactly(CALL);
    assertThat(book.reconciled(List.of(CALL))).containsExactly(ToSwitch.of("forget", CALL));
  }

  @Test
  void aRestartedBridgeTakesTheSwitchsCallsUpWhereTheyAre() {
    List<Action> out = book.synced(List.of(
        new SwitchCall("new", Map.of("state", "new", "caller", "c1", "dialled", "4001")),
        new SwitchCall("waiting", Map.of("state", "waiting", "failed", "o7 486 failed")),
        new SwitchCall("stopped", Map.of("state", "waiting", "failed", "o8 487 stopped")),
        new SwitchCall("ringing", Map.of("state", "ringing", "offer", "o3", "device", "sip:a3@h")),
        new SwitchCall("answering", Map.of("state", "answering", "offer", "o4", "device", "sip:a4@h")),
        new SwitchCall("connected", Map.of("state", "connected", "offer", "o5")),
        new SwitchCall("ended", Map.of("state", "ended", "by", "agent"))), NOW);
    assertThat(out).containsExactlyInAnyOrder(
        new CreateContact("new", "stocks", "c1", "4001"),
        Report.notAnswered("waiting", "o7", "busy"),
        Report.answered("answering", "o4"),
        Report.hangup("ended", "agent"));
    assertThat(book.call("ringing").phase).isEqualTo(Phase.RINGING);
    assertThat(book.call("connected").phase).isEqualTo(Phase.CONNECTED);
    assertThat(book.answerAccepted("answering", "o4")).containsExactly(ToSwitch.of("connect", "answering"));
    assertThat(book.ringing("ringing", "o3")).containsExactly(Report.ringing("ringing", "o3"));
  }

  @Test
  void callsTheSwitchLostAreDroppedAndWhatItDidMeanwhileIsCaughtUp() {
    ringingOffer("o1", "a1");
    book.invite("lost", "c", "4001", null);
    List<Action> out = book.synced(List.of(new SwitchCall(CALL, Map.of("state", "waiting", "failed", "o1 408 failed"))), NOW);
    assertThat(out).containsExactly(Report.notAnswered(CALL, "o1", "no-answer"));
    assertThat(book.call("lost")).isNull();
    assertThat(book.call(CALL).phase).isEqualTo(Phase.WAITING);
  }

  @Test
  void anAnswerTheBridgeMissedIsAskedForAfterTheSync() {
    ringingOffer("o1", "a1");
    assertThat(book.synced(List.of(new SwitchCall(CALL, Map.of("state", "answering", "offer", "o1"))), NOW))
        .containsExactly(Report.answered(CALL, "o1"));
    assertThat(book.call(CALL).phase).isEqualTo(Phase.ANSWERING);
  }

  @Test
  void aRingCommandTheSwitchNeverGotIsSentAgain() {
    ringingOffer("o1", "a1");
    List<Action> out = book.synced(List.of(new SwitchCall(CALL, Map.of("state", "waiting"))), NOW + 1_000);
    assertThat(out).containsExactly(ring("o1", "a1", 13_000));
  }

  @Test
  void aCallThatEndedWhileTheBridgeWasAwayIsReported() {
    ringingOffer("o1", "a1");
    assertThat(book.synced(List.of(new SwitchCall(CALL, Map.of("state", "ended", "by", "caller"))), NOW))
        .containsExactly(Report.hangup(CALL, "caller"));
  }
}
