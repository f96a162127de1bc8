package dev.contactrouter.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.telephony.lab.Callers;
import dev.contactrouter.telephony.lab.EvapiDriver;
import dev.contactrouter.telephony.lab.Lab;
import dev.contactrouter.telephony.lab.Phone;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The switch on its own: Kamailio with deploy/telephony/kamailio.cfg, SIPp callers and phones,
 * and the test playing the bridge over evapi. Checks the SIP side of each command: the caller is
 * held (182), a phone rings only when told, an answer is relayed only on "connect", a refused or
 * late answer never reaches the caller, and every end of a call is reported.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SwitchIT {
  private static Lab lab;
  private EvapiDriver bridge;

  @BeforeAll
  static void start() throws Exception {
    lab = Lab.switchOnly("switch");
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @BeforeEach
  void connect() throws Exception {
    bridge = new EvapiDriver(lab.evapiPort);
    Thread.sleep(200);
  }

  @AfterEach
  void disconnect() {
    bridge.close();
  }

  private String invite(Callers callers) throws InterruptedException {
    return bridge.await("invite", null, 15).getString("callId");
  }

  /** The next call's Call-ID, its caller put in the queue (held, 182) by the bridge. */
  private String queued(Callers callers) throws InterruptedException, IOException {
    String callId = invite(callers);
    bridge.send("queue", callId);
    return callId;
  }

  /** Tells the switch to ring {@code phone} for the call, for offer {@code offerId}. */
  private void ring(String callId, Phone phone, String offerId, int ringMillis) throws IOException {
    bridge.send("ring", callId, "device", phone.device(), "offerId", offerId, "ringMillis", ringMillis);
  }

  /** The switch reports the call's end: whether it was answered, and who ended it. */
  private void assertEnded(String callId, boolean answered, String by) throws InterruptedException {
    JsonObject ended = bridge.await("ended", callId, 5);
    assertThat(ended.getBoolean("answered")).isEqualTo(answered);
    assertThat(ended.getString("by")).isEqualTo(by);
  }

  @Test
  void aHeldCallerIsConnectedOnlyWhenTheBridgeSaysSo() throws Exception {
    Phone phone = lab.phone("p-connect", "agent.xml", 200);
    Callers callers = lab.callers("connect", "caller.xml", "stocks", 1, 1, 1_000, 40);
    JsonObject invite = bridge.await("invite", null, 15);
    String callId = invite.getString("callId");
    assertThat(invite.getString("dialled")).isEqualTo("stocks");
    assertThat(invite.getInteger("tindex")).isNotNull();

    bridge.send("queue", callId);
    bridge.await("waiting", callId, 5);
    ring(callId, phone, "o1", 10_000);
    assertThat(bridge.await("ringing", callId, 10).getString("offerId")).isEqualTo("o1");
    assertThat(bridge.await("answered", callId, 10).getString("offerId")).isEqualTo("o1");
    Thread.sleep(1_000);
    assertThat(callers.calls().get(callId)).as("no 200 reaches the caller before connect").doesNotContain("answered");

    bridge.send("connect", callId);
    bridge.await("connected", callId, 5);
    assertThat(callers.await(30)).as(callers.tail()).isZero();
    assertEnded(callId, true, "caller");
    assertThat(callers.calls().get(callId)).containsSubsequence("queued", "ringing", "answered", "hangup");
    assertThat(phone.saw(callId, "bye")).isTrue();
    bridge.send("forget", callId);
  }

  @Test
  void aRefusedAnswerHangsThatPhoneUpAndTheCallerWaitsForTheNext() throws Exception {
    Phone first = lab.phone("p-refused", "agent.xml", 200);
    Phone second = lab.phone("p-second", "agent.xml", 200);
    Callers callers = lab.callers("refuse", "caller.xml", "stocks", 1, 1, 1_000, 40);
    String callId = queued(callers);
    ring(callId, first, "o1", 10_000);
    bridge.await("answered", callId, 10);

    bridge.send("refuse", callId);
    JsonObject failed = bridge.await("agent-failed", callId, 10);
    assertThat(failed.getString("cause")).isEqualTo("refused");
    ring(callId, second, "o2", 10_000);
    bridge.await(m -> "answered".equals(m.getString("event")) && "o2".equals(m.getString("offerId")), 10, "second answer");
    bridge.send("connect", callId);
    assertThat(callers.await(30)).as(callers.tail()).isZero();

    assertThat(first.saw(callId, "connected")).as("the refused phone got its ACK").isTrue();
    assertThat(first.saw(callId, "bye")).as("and was hung up\n%s", first.tail()).isTrue();
    assertThat(second.saw(callId, "connected")).isTrue();
    assertThat(callers.calls().get(callId).stream().filter("answered"::equals).count()).isEqualTo(1);
  }

  @Test
  void aPhoneThatRingsOutIsReportedAndCancelled() throws Exception {
    Phone silent = lab.phone("p-silent", "agent-noanswer.xml", 0);
    Phone busy = lab.phone("p-busy", "agent-busy.xml", 0);
    Callers callers = lab.callers("ringout", "caller-cancel.xml", "stocks", 1, 1, 6_000, 40);
    String callId = queued(callers);
    ring(callId, silent, "o1", 1_500);
    JsonObject noAnswer = bridge.await("agent-failed", callId, 10);
    assertThat(noAnswer.getInteger("code")).isEqualTo(408);
    assertThat(noAnswer.getString("cause")).isEqualTo("failed");
    ring(callId, busy, "o2", 5_000);
    JsonObject isBusy = bridge.await(m -> "agent-failed".equals(m.getString("event")) && "o2".equals(m.getString("offerId")),
        10, "busy");
    assertThat(isBusy.getInteger("code")).isEqualTo(486);

    assertThat(callers.await(30)).as(callers.tail()).isZero();
    assertEnded(callId, false, "caller");
    assertThat(silent.saw(callId, "cancel")).isTrue();
    bridge.send("forget", callId);
  }

  @Test
  void stoppingAPhoneThatAnswersAnywayNeverConnectsIt() throws Exception {
    Phone late = lab.phone("p-late", "agent-late-answer.xml", 0);
    Callers callers = lab.callers("late", "caller-cancel.xml", "stocks", 1, 1, 4_000, 40);
    String callId = queued(callers);
    ring(callId, late, "o1", 10_000);
    bridge.await("ringing", callId, 10);
    bridge.send("stop", callId);

    JsonObject failed = bridge.await("agent-failed", callId, 10);
    assertThat(failed.getString("cause")).isEqualTo("refused");
    assertThat(callers.await(30)).as(callers.tail()).isZero();
    assertThat(callers.calls().get(callId)).doesNotContain("answered");
    assertThat(late.saw(callId, "bye")).as(late.tail()).isTrue();
    assertThat(bridge.eventsOf(callId)).doesNotContain("answered", "connected");
  }

  @Test
  void aCallThatHasRungFourteenPhonesEndsInsteadOfRingingMore() throws Exception {
    // a SIPp phone takes one INVITE per Call-ID: one busy phone per ring
    List<Phone> busy = new java.util.ArrayList<>();
    for (int i = 1; i <= 15; i++) {
      busy.add(lab.phone("p-busy-" + i, "agent-busy.xml", 0));
    }
    Callers callers = lab.callers("many", "caller.xml", "stocks", 1, 1, 1_000, 40);
    String callId = queued(callers);
    for (int i = 1; i <= 14; i++) {
      String offer = "o" + i;
      ring(callId, busy.get(i - 1), offer, 5_000);
      bridge.await(m -> "agent-failed".equals(m.getString("event")) && offer.equals(m.getString("offerId")), 10, "failure of " + offer);
    }
    ring(callId, busy.get(14), "o15", 5_000);
    JsonObject ended = bridge.await("ended", callId, 10);
    assertThat(ended.getString("by")).isEqualTo("switch");
    assertThat(busy.subList(0, 14)).allSatisfy(p -> assertThat(p.saw(callId, "busy")).isTrue());
    assertThat(busy.get(14).events()).as("the 15th phone never rang").isEmpty();
    assertThat(callers.await(20)).as("the caller hears 480").isNotZero();
    bridge.send("forget", callId);
  }

  @Test
  void aReleasedCallerHearsTheReasonAndTheEndIsReported() throws Exception {
    Callers callers = lab.callers("release", "caller.xml", "stocks", 1, 1, 1_000, 40);
    String callId = queued(callers);
    bridge.await("waiting", callId, 5);
    bridge.send("release", callId, "code", 480, "reason", "Not known to the routing engine");
    assertThat(callers.await(20)).as("the caller's call fails").isNotZero();
    assertEnded(callId, false, "switch");
    bridge.send("forget", callId);
  }

  @Test
  void aReconnectingBridgeGetsEveryCallAndItsLastEventId() throws Exception {
    Callers callers = lab.callers("sync", "caller-cancel.xml", "funds", 1, 1, 4_000, 40);
    String callId = queued(callers);
    bridge.await("waiting", callId, 5);
    bridge.send(new JsonObject().put("cmd", "mark").put("lastEventId", "default:42"));
    bridge.send(new JsonObject().put("cmd", "sync"));
    JsonObject sync = bridge.await("sync", null, 5);
    assertThat(sync.getString("lastEventId")).isEqualTo("default:42");
    java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();
    bridge.received().stream().filter(m -> "sync-entry".equals(m.getString("event")))
        .forEach(m -> entries.put(m.getString("key"), m.getString("value")));
    assertThat(entries.keySet()).noneMatch(k -> k.endsWith("|held"));
    List<SwitchCall> calls = BridgeVerticle.switchCalls(entries);
    SwitchCall call = calls.stream().filter(c -> c.callId().equals(callId)).findFirst().orElseThrow();
    assertThat(call.state()).isEqualTo("waiting");
    assertThat(call.get("dialled")).isEqualTo("funds");
    assertThat(callers.await(30)).isZero();
  }

  @Test
  void withoutABridgeNewCallsAreTurnedAway() throws Exception {
    bridge.close();
    Thread.sleep(300);
    Callers callers = lab.callers("nobridge", "caller.xml", "stocks", 1, 1, 1_000, 20);
    assertThat(callers.await(30)).as("503: no routing engine").isNotZero();
    assertThat(new JsonArray(List.copyOf(callers.calls().values().iterator().next()))).doesNotContain("queued");
  }
}
