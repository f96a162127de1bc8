package dev.contactrouter.telephony;

import static dev.contactrouter.telephony.CallRoutingIT.awaitOneCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.telephony.lab.Callers;
import dev.contactrouter.telephony.lab.Lab;
import dev.contactrouter.telephony.lab.Phone;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Restarts mid-call converge within the stated bound: the bridge reconciles every 10 s and the
 * engine closes a call the switch no longer has once it is 10 s old, so an agent whose call's
 * end never reached the engine is free again within 30 s. Each test has its own durable engine
 * (PostgreSQL journal, Redis timers), Kamailio and bridge.
 */
class RecoveryIT {
  /** The bound the README states: a lost hang-up frees the agent within this many seconds. */
  static final long BOUND_SECONDS = 30;

  private Lab lab;

  @AfterEach
  void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  /** A caller's call answered by an agent's phone. */
  private record Connected(Callers callers, String callId) {}

  /**
   * A lab of the test's own (durable engine), a queue {@code name} and its agent {@code name-agent},
   * available, and one call answered by the agent's phone.
   */
  private Connected connectedCall(String labName, String name, int talkMillis) throws Exception {
    lab = Lab.start(labName, true);
    lab.queue(name, new JsonObject().put(name, 1), 10, 1);
    Phone phone = lab.agent(name + "-agent", new JsonObject().put(name, 3), "agent.xml", 300);
    lab.available(name + "-agent");
    Callers callers = lab.callers(name, "caller.xml", name, 1, 1, talkMillis, 90);
    String callId = awaitOneCall(callers);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!phone.saw(callId, "connected")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the call did not connect:\n" + phone.tail() + "\n" + lab.tails());
      }
      Thread.sleep(50);
    }
    return new Connected(callers, callId);
  }

  /** The call's contact is completed and the agent available again, each within the bound; the completion. */
  private JsonObject completedAndFreed(String callId, String agentId) throws InterruptedException {
    JsonObject completed = lab.events().await(e -> callId.equals(e.getString("callId"))
        && "contact_completed".equals(e.getString("type")), BOUND_SECONDS, "contact_completed");
    lab.awaitAgent(agentId, a -> "available".equals(a.getString("status")), BOUND_SECONDS, "available");
    return completed;
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aHangUpWhileTheBridgeIsDownIsReportedWhenItIsBack() throws Exception {
    Connected call = connectedCall("bridge-restart", "bridgedown", 3_000);

    lab.killBridge();
    // the caller hangs up while no bridge listens: Kamailio keeps the call's end for the bridge
    assertThat(call.callers().await(30)).as(call.callers().tail()).isZero();
    long hungUp = System.nanoTime();
    lab.startBridge();
    lab.awaitBridge(30);

    JsonObject completed = completedAndFreed(call.callId(), "bridgedown-agent");
    assertThat((System.nanoTime() - hungUp) / 1_000_000_000L).isLessThanOrEqualTo(BOUND_SECONDS + 5);
    assertThat(completed.getString("disposition")).as("the hang-up itself was reported").isEqualTo("hangup");
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aCallTheSwitchLostIsClosedByReconciliationAndTheAgentIsFreedWithinTheBound() throws Exception {
    Connected call = connectedCall("switch-restart", "switchlost", 60_000);

    // Kamailio dies with the call: its end will never be seen by anyone
    lab.killKamailio();
    long lost = System.nanoTime();
    call.callers().close();
    lab.startKamailio();
    lab.awaitBridge(30);

    JsonObject closed = completedAndFreed(call.callId(), "switchlost-agent");
    long took = (System.nanoTime() - lost) / 1_000_000_000L;
    assertThat(took).as("seconds from the lost call to a free agent").isLessThanOrEqualTo(BOUND_SECONDS + 5);
    assertThat(closed.getString("disposition")).isEqualTo("lost-call");
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aCallerWaitingWhileTheEngineRestartsIsStillAnswered() throws Exception {
    lab = Lab.start("engine-restart", true);
    lab.queue("enginedown", new JsonObject().put("enginedown", 1), 10, 1);
    Phone phone = lab.agent("enginedown-agent", new JsonObject().put("enginedown", 3), "agent.xml", 300);
    Callers callers = lab.callers("enginedown", "caller.xml", "enginedown", 1, 1, 1_000, 150);
    String callId = awaitOneCall(callers);
    lab.events().await(e -> callId.equals(e.getString("callId")) && "contact_queued".equals(e.getString("type")),
        15, "contact_queued");

    lab.killEngine();
    Thread.sleep(2_000);
    lab.startEngine();
    lab.awaitBridge(60);
    lab.available("enginedown-agent");

    assertThat(callers.await(120)).as(callers.tail() + "\n" + lab.tails()).isZero();
    assertThat(phone.saw(callId, "connected")).isTrue();
    lab.events().await(e -> callId.equals(e.getString("callId")) && "contact_completed".equals(e.getString("type")),
        BOUND_SECONDS, "contact_completed");
  }
}
