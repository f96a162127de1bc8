package dev.contactrouter.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.telephony.lab.Callers;
import dev.contactrouter.telephony.lab.Lab;
import dev.contactrouter.telephony.lab.Phone;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A burst: 200 calls at 20 calls/s onto 30 agents' phones, through Kamailio, the bridge and a
 * durable engine. No call is lost, none is connected to an agent the engine did not assign it
 * to, and every contact ends completed.
 */
class BurstIT {
  static final int CALLS = Integer.getInteger("telephony.burst.calls", 200);
  static final int RATE = Integer.getInteger("telephony.burst.rate", 20);
  static final int AGENTS = Integer.getInteger("telephony.burst.agents", 30);

  private Lab lab;

  @AfterEach
  void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Timeout(value = 420, unit = TimeUnit.SECONDS)
  void everyCallOfABurstIsAnsweredByTheAgentTheEngineAssigned() throws Exception {
    lab = Lab.start("burst", true);
    lab.queue("burst", new JsonObject().put("burst", 1), 15, 1);
    Map<String, Phone> phones = new HashMap<>();
    for (int i = 1; i <= AGENTS; i++) {
      String id = "burst-" + i;
      phones.put(id, lab.agent(id, new JsonObject().put("burst", 3), "agent.xml", 200));
    }
    phones.keySet().forEach(lab::available);

    Callers callers = lab.callers("burst", "caller.xml", "burst", CALLS, RATE, 1_000, 300);
    int exit = callers.await(330);

    Set<String> callIds = callers.callIds();
    assertThat(callIds).as("calls placed").hasSize(CALLS);
    assertThat(exit).as("SIPp: every call answered and hung up\n" + callers.tail()).isZero();

    // who answered each call, as the phones saw it
    Map<String, List<String>> connectedBy = new HashMap<>();
    phones.forEach((agent, phone) -> phone.calls("connected")
        .forEach(callId -> connectedBy.computeIfAbsent(callId, k -> new ArrayList<>()).add(agent)));
    Set<String> notConnectedOnce = new HashSet<>();
    for (String callId : callIds) {
      List<String> agents = connectedBy.getOrDefault(callId, List.of());
      if (agents.size() != 1) {
        notConnectedOnce.add(callId + " " + agents);
      }
    }
    assertThat(notConnectedOnce).as("calls connected to no agent or to several").isEmpty();

    // who the engine assigned each call to, and how each contact ended
    long deadline = System.nanoTime() + 30_000_000_000L;
    Map<String, String> assigned = new HashMap<>();
    Set<String> completed = new HashSet<>();
    while (System.nanoTime() < deadline) {
      assigned.clear();
      completed.clear();
      for (JsonObject e : lab.events().all()) {
        String callId = e.getString("callId");
        if (callId != null && "offer_accepted".equals(e.getString("type"))) {
          assigned.put(callId, e.getString("agentId"));
        } else if (callId != null && "contact_completed".equals(e.getString("type"))) {
          completed.add(callId);
        }
      }
      if (completed.containsAll(callIds)) {
        break;
      }
      Thread.sleep(250);
    }
    List<String> wrongAgent = new ArrayList<>();
    for (String callId : callIds) {
      if (!connectedBy.get(callId).get(0).equals(assigned.get(callId))) {
        wrongAgent.add(callId + " rang " + connectedBy.get(callId) + ", assigned " + assigned.get(callId));
      }
    }
    assertThat(wrongAgent).as("calls connected to an agent the engine did not assign").isEmpty();
    assertThat(callIds).as("every contact completed").allSatisfy(id -> assertThat(completed).contains(id));
  }
}
