package dev.contactrouter.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.telephony.lab.Callers;
import dev.contactrouter.telephony.lab.Lab;
import dev.contactrouter.telephony.lab.Phone;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calls through the real switch: SIPp callers dial Kamailio (deploy/telephony/kamailio.cfg), the
 * bridge turns them into contacts of a real engine, and the engine's offers ring SIPp phones.
 * One engine, Kamailio and bridge for the class; each test has queues and agents of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallRoutingIT {
  private static Lab lab;

  @BeforeAll
  static void start() throws Exception {
    lab = Lab.start("routing", false);
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  private static JsonObject skill(String name, int level) {
    return new JsonObject().put(name, level);
  }

  /**
   * A queue of its own (skill named after it, level 1) and one agent with that skill at level 3,
   * made available, on a phone playing {@code scenario}.
   */
  private static Phone desk(String queue, int offerTimeoutSeconds, int wrapUpSeconds, String agentId, String scenario,
      int answerDelayMillis) throws IOException {
    lab.queue(queue, skill(queue, 1), offerTimeoutSeconds, wrapUpSeconds);
    Phone phone = lab.agent(agentId, skill(queue, 3), scenario, answerDelayMillis);
    lab.available(agentId);
    return phone;
  }

  /** One call to a desk whose first phone does not take it, and the agent with an answering phone who is next. */
  private record FirstRings(Phone first, Phone next, Callers callers, String callId) {}

  /**
   * A {@link #desk} whose agent's phone plays {@code firstScenario}, a second agent {@code nextId} (an
   * answering phone, not available yet) and one call, once the first phone has logged {@code firstSees}.
   */
  private static FirstRings firstRings(String queue, int offerTimeoutSeconds, String firstId, String firstScenario,
      String firstSees, String nextId) throws IOException, InterruptedException {
    Phone first = desk(queue, offerTimeoutSeconds, 1, firstId, firstScenario, 0);
    Phone next = lab.agent(nextId, skill(queue, 3), "agent.xml", 300);
    Callers callers = lab.callers(queue, "caller.xml", queue, 1, 1, 1_000, 60);
    String callId = awaitOneCall(callers);
    awaitPhone(first, callId, firstSees, 15);
    return new FirstRings(first, next, callers, callId);
  }

  @Test
  void callsRingOnlyAgentsWithTheSkillsTheQueueRequires() throws Exception {
    lab.queue("stocks", skill("stocks", 2), 10, 1);
    Phone stocks = lab.agent("stocks-agent", skill("stocks", 3), "agent.xml", 300);
    Phone funds = lab.agent("funds-agent", skill("funds", 5), "agent.xml", 300);
    Phone novice = lab.agent("novice", skill("stocks", 1), "agent.xml", 300);
    List.of("stocks-agent", "funds-agent", "novice").forEach(lab::available);

    Callers callers = lab.callers("skills", "caller.xml", "stocks", 3, 1, 1_000, 90);
    assertThat(callers.await(100)).as(callers.tail()).isZero();

    assertThat(callers.callIds()).hasSize(3);
    for (String callId : callers.callIds()) {
      assertThat(stocks.saw(callId, "connected")).as("%s answered by the stocks agent\n%s", callId, stocks.tail()).isTrue();
      JsonObject accepted = lab.events().await(e -> callId.equals(e.getString("callId")) && "offer_accepted".equals(e.getString("type")),
          10, "offer_accepted for " + callId);
      assertThat(accepted.getString("agentId")).isEqualTo("stocks-agent");
    }
    assertThat(funds.events()).as("the funds agent's phone never rang").isEmpty();
    assertThat(novice.events()).as("the agent below the required level never rang").isEmpty();
  }

  @Test
  void aPhoneNobodyAnswersRingsTheNextAgentAndTheFirstGoesNotReady() throws Exception {
    FirstRings rona = firstRings("rona", 5, "rona-silent", "agent-noanswer.xml", "invite", "rona-answers");
    String callId = rona.callId();
    lab.available("rona-answers");
    assertThat(rona.callers().await(60)).as(rona.callers().tail()).isZero();

    assertThat(rona.first().saw(callId, "cancel")).as("the switch stopped ringing it\n%s", rona.first().tail()).isTrue();
    assertThat(rona.next().saw(callId, "connected")).as(rona.next().tail()).isTrue();
    JsonObject first = lab.agentState("rona-silent");
    assertThat(first.getString("status")).isEqualTo("not_ready");
    assertThat(first.getString("reason")).isEqualTo("missed-offer");
    assertThat(lab.events().ofCall(callId)).extracting(e -> e.getString("type"))
        .containsSubsequence("offer_made", "offer_made", "offer_accepted");
  }

  @Test
  void aBusyPhoneRingsTheNextAgent() throws Exception {
    FirstRings busy = firstRings("busy", 8, "busy-phone", "agent-busy.xml", "busy", "busy-next");
    lab.available("busy-next");
    assertThat(busy.callers().await(60)).as(busy.callers().tail()).isZero();
    assertThat(busy.next().saw(busy.callId(), "connected")).isTrue();
    assertThat(lab.agentState("busy-phone").getString("reason")).isEqualTo("missed-offer");
  }

  @Test
  void aCallerWhoHangsUpWhileQueuedIsAbandonedAndNoPhoneRingsAfterwards() throws Exception {
    lab.queue("abandon", skill("abandon", 1), 8, 1);
    Phone late = lab.agent("abandon-late", skill("abandon", 3), "agent.xml", 300);

    Callers callers = lab.callers("abandon", "caller-cancel.xml", "abandon", 1, 1, 3_000, 30);
    assertThat(callers.await(40)).as(callers.tail()).isZero();
    String callId = callers.callIds().iterator().next();
    assertThat(callers.calls().get(callId)).containsSubsequence("queued", "cancel", "cancelled");
    lab.events().await(e -> callId.equals(e.getString("callId")) && "contact_abandoned".equals(e.getString("type")),
        10, "contact_abandoned for " + callId);

    lab.available("abandon-late");
    Thread.sleep(3_000);
    assertThat(late.events()).as("no phone rang for the abandoned call").isEmpty();
    assertThat(lab.events().ofCall(callId)).extracting(e -> e.getString("type")).doesNotContain("offer_made");
  }

  @Test
  void anAnsweredCallThatHangsUpIsCompletedAndTheAgentWrapsUpThenIsAvailable() throws Exception {
    Phone phone = desk("life", 10, 3, "life-agent", "agent.xml", 300);

    Callers callers = lab.callers("life", "caller.xml", "life", 1, 1, 2_000, 60);
    String callId = awaitOneCall(callers);
    awaitPhone(phone, callId, "connected", 20);
    JsonObject busy = lab.agentState("life-agent");
    assertThat(busy.getString("state")).isEqualTo("busy");
    assertThat(callers.await(30)).as(callers.tail()).isZero();

    JsonObject completed = lab.events().await(e -> callId.equals(e.getString("callId"))
        && "contact_completed".equals(e.getString("type")), 10, "contact_completed for " + callId);
    lab.awaitAgent("life-agent", a -> "wrap_up".equals(a.getString("status")), 5, "in wrap-up");
    lab.awaitAgent("life-agent", a -> "available".equals(a.getString("status")), 15, "available again");

    String contactId = completed.getString("contactId");
    assertThat(lab.events().ofContact(contactId)).as("every event of the call carries its Call-ID")
        .allSatisfy(e -> assertThat(e.getString("callId")).isEqualTo(callId));
    List<String> life = lab.history(contactId).getJsonArray("events").stream()
        .map(o -> ((JsonObject) o).getString("type")).toList();
    assertThat(life).containsSubsequence("contact_queued", "offer_made", "offer_accepted", "contact_completed");
    assertThat(lab.contact(contactId).getString("status")).isEqualTo("completed");
  }

  @Test
  void anAgentWhoHangsUpCompletesTheCall() throws Exception {
    Phone phone = desk("agentbye", 10, 1, "agentbye-agent", "agent-hangup.xml", 1_500);

    Callers callers = lab.callers("agentbye", "caller.xml", "agentbye", 1, 1, 20_000, 60);
    assertThat(callers.await(40)).as(callers.tail()).isZero();
    String callId = callers.callIds().iterator().next();
    assertThat(callers.calls().get(callId)).contains("agent-hangup");
    assertThat(phone.saw(callId, "hangup")).isTrue();
    lab.events().await(e -> callId.equals(e.getString("callId")) && "contact_completed".equals(e.getString("type")),
        10, "contact_completed for " + callId);
  }

  @Test
  void aPhoneThatAnswersAsItIsStoppedIsNeverConnected() throws Exception {
    FirstRings race = firstRings("race", 15, "race-late", "agent-late-answer.xml", "invite", "race-next");
    Phone late = race.first();
    String callId = race.callId();
    // the agent steps away while the phone rings: the engine revokes the offer, the switch cancels,
    // and the phone's 200 crosses the CANCEL
    lab.ok("PUT", "/v1/agents/race-late/status", lab.supervisorKey, new JsonObject().put("status", "not_ready").put("reason", "break"));
    lab.available("race-next");
    assertThat(race.callers().await(60)).as(race.callers().tail()).isZero();

    assertThat(late.saw(callId, "answer")).as(late.tail()).isTrue();
    assertThat(late.saw(callId, "bye")).as("the switch hung the late phone up\n%s", late.tail()).isTrue();
    assertThat(race.next().saw(callId, "connected")).isTrue();
    assertThat(lab.events().ofCall(callId)).filteredOn(e -> "offer_accepted".equals(e.getString("type")))
        .extracting(e -> e.getString("agentId")).containsExactly("race-next");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aNumberForNoQueueIsRejected() throws Exception {
    Callers callers = lab.callers("noqueue", "caller.xml", "no-such-queue", 1, 1, 1_000, 20);
    assertThat(callers.await(30)).as("the call fails").isNotZero();
    Map<String, List<String>> calls = callers.calls();
    assertThat(calls).hasSize(1);
    assertThat(calls.values().iterator().next()).doesNotContain("answered");
  }

  static String awaitOneCall(Callers callers) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!callers.callIds().isEmpty()) {
        return callers.callIds().iterator().next();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no call placed:\n" + callers.tail());
  }

  static void awaitPhone(Phone phone, String callId, String event, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (phone.saw(callId, event)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("phone " + phone.agentId() + " did not log " + event + " for " + callId + " within "
        + seconds + " s\n" + phone.tail() + "\n" + lab.tails());
  }
}
