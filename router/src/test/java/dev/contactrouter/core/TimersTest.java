package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which timers events arm and cancel, and which a domain needs re-armed after a restart. */
class TimersTest {

  @Test
  void offerArmsItsTimeoutAndEveryWayOutCancelsIt() {
    Event.OfferMade made = new Event.OfferMade("c1.1", "c1", "a1", 1_000L, List.of("why"));

    assertThat(Timers.changes(made))
        .containsExactly(
            new Timers.Arm(new Timers.Timer("offer:c1.1", 1_000L, new Command.ExpireOffer("timer", "c1.1"))));
    Timers.Cancel cancel = new Timers.Cancel("offer:c1.1");
    assertThat(Timers.changes(new Event.OfferAccepted("c1.1", "c1", "a1")))
        .as("an answer also stops the contact's SLA clock and any reserved routing stage")
        .containsExactly(cancel, new Timers.Cancel("sla:c1"), new Timers.Cancel("route:c1"));
    assertThat(Timers.changes(new Event.OfferRejected("c1.1", "c1", "a1", "no"))).containsExactly(cancel);
    assertThat(Timers.changes(new Event.OfferTimedOut("c1.1", "c1", "a1"))).containsExactly(cancel);
    assertThat(Timers.changes(new Event.OfferRevoked("c1.1", "c1", "a1", "gone"))).containsExactly(cancel);
  }

  @Test
  void wrapUpArmsItsEndAndAnyOtherStatusCancelsIt() {
    assertThat(Timers.changes(new Event.AgentStatusChanged("a1", AgentStatus.WRAP_UP, "acw", 5_000L)))
        .containsExactly(
            new Timers.Arm(new Timers.Timer("wrapup:a1", 5_000L, new Command.EndWrapUp("timer", "a1", 5_000L))));
    Timers.Cancel cancel = new Timers.Cancel("wrapup:a1");
    for (AgentStatus status : List.of(AgentStatus.AVAILABLE, AgentStatus.NOT_READY, AgentStatus.OFFLINE)) {
      assertThat(Timers.changes(new Event.AgentStatusChanged("a1", status, null, null))).containsExactly(cancel);
    }
  }

  @Test
  void otherEventsTouchNoTimer() {
    assertThat(Timers.changes(new Event.ContactAbandoned("c1")))
        .containsExactly(new Timers.Cancel("sla:c1"), new Timers.Cancel("route:c1"));
    assertThat(Timers.changes(new Event.ContactCompleted("c1", "a1", null, null))).isEmpty();
    assertThat(Timers.changes(new Event.ContactTransferred("c1", null, "q", null)))
        .as("a transfer ends a reserved routing stage")
        .containsExactly(new Timers.Cancel("route:c1"));
    assertThat(Timers.changes(new Event.QueueConfigured(queue("q").build()))).isEmpty();
    assertThat(Timers.changes(new Event.AgentConfigured(agent("a1").build()))).isEmpty();
    assertThat(Timers.changes(new Event.ContactQueued(contact("c1", "q").build()))).isEmpty();
  }

  @Test
  void slaClockArmsItsFirstPointAndEachPointArmsTheNext() {
    SlaPolicy policy = Centre.sla(20, Centre.at(50, SlaPolicy.Action.ALERT, 0));
    assertThat(Timers.changes(new Event.SlaStarted("c1", "queue:q", policy, 0, 20_000, 16_000, List.of(10_000L, 20_000L))))
        .containsExactly(new Timers.Arm(
            new Timers.Timer("sla:c1", 10_000L, new Command.ReachSlaPoint("timer", "c1", 0))));
    assertThat(Timers.changes(new Event.SlaThresholdReached(
            "c1", 0, 50, SlaPolicy.Action.ALERT, 0, null, "alerted", 20_000L)))
        .containsExactly(new Timers.Arm(Timers.slaPoint("c1", 1, 20_000L)));
    assertThat(Timers.changes(new Event.SlaBreached("c1", 1, "q", 20_000L, null)))
        .containsExactly(new Timers.Cancel("sla:c1"));
  }

  @Test
  void liveTimersFollowTheDomainThroughALifecycle() {
    Centre centre = new Centre();
    centre.configure(queue("billing").offerTimeout(20).wrapUp(30));
    centre.ready(agent("a1"));
    assertThat(centre.domain.liveTimers()).isEmpty();

    centre.create(contact("c1", "billing"));
    // billing has no SLA policy: the manual's 2-hour first-response clock runs until the answer.
    assertThat(centre.domain.liveTimers()).containsExactly(Timers.offerTimeout("c1.1", centre.now + 20_000),
        Timers.slaPoint("c1", 0, centre.now + 2 * 3_600_000L));

    centre.answer("c1");
    assertThat(centre.domain.liveTimers()).isEmpty();

    centre.advanceSeconds(90);
    centre.complete("c1", "a1");
    long until = centre.now + 30_000;
    assertThat(centre.domain.liveTimers()).containsExactly(Timers.wrapUpEnd("a1", until));
    assertThat(centre.domain.liveTimers().get(0).command()).isEqualTo(new Command.EndWrapUp("timer", "a1", until));

    centre.notReady("a1", "break");
    assertThat(centre.domain.liveTimers()).isEmpty();
  }

  @Test
  void replayingTheJournalsTimerChangesGivesTheLiveTimers() {
    Centre centre = new Centre();
    centre.configure(queue("chat").channel(Channel.CHAT).offerTimeout(10).wrapUp(15));
    centre.configure(agent("a1").capacity(Channel.CHAT, 3));
    centre.configure(agent("a2").capacity(Channel.CHAT, 3));
    centre.available("a1");
    centre.create(contact("c1", "chat").channel(Channel.CHAT));
    centre.create(contact("c2", "chat").channel(Channel.CHAT));
    centre.answer("c1");
    centre.advanceSeconds(5);
    centre.complete("c1", "a1"); // wraps up while the offer of c2 still rings
    centre.create(contact("c3", "chat").channel(Channel.CHAT));
    centre.available("a2");
    centre.advanceSeconds(10);
    centre.expire("c2.1");

    java.util.Map<String, Timers.Timer> armed = new java.util.TreeMap<>();
    for (Recorded r : centre.journal) {
      for (Timers.Change change : Timers.changes(r.event())) {
        if (change instanceof Timers.Arm arm) {
          armed.put(arm.timer().key(), arm.timer());
        } else if (change instanceof Timers.Cancel cancel) {
          armed.remove(cancel.key());
        }
      }
    }
    assertThat(armed.values()).containsExactlyInAnyOrderElementsOf(centre.domain.liveTimers());
    assertThat(armed).containsKeys("wrapup:a1");
  }
}
