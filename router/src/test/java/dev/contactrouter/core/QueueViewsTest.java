package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.T0;
import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What callers and supervisors see: place in line, expected wait, queue figures. */
class QueueViewsTest {
  private final Centre centre = new Centre();

  @Test
  void queuedContactsSeeTheirPlaceAndNoEstimateWhileNobodyIsLoggedIn() {
    centre.configure(queue("billing").skill("billing", 1).expectedHandle(120));
    for (int i = 1; i <= 3; i++) {
      centre.create(contact("c" + i, "billing"));
      centre.advanceSeconds(1);
    }

    assertThat(centre.contactView("c1").position()).isEqualTo(1);
    assertThat(centre.contactView("c2").position()).isEqualTo(2);
    assertThat(centre.contactView("c3").position()).isEqualTo(3);
    assertThat(centre.contactView("c1").estimatedWaitSeconds()).isNull();
    assertThat(centre.contactView("c3").estimatedWaitSeconds()).isNull();

    centre.configure(agent("a1").skill("billing", 1));
    assertThat(centre.contactView("c1").estimatedWaitSeconds()).as("offline agents do not count").isNull();

    centre.notReady("a1", "meeting");
    assertThat(centre.contactView("c1").estimatedWaitSeconds()).isEqualTo(120);
    assertThat(centre.contactView("c2").estimatedWaitSeconds()).isEqualTo(240);
    assertThat(centre.contactView("c3").estimatedWaitSeconds()).isEqualTo(360);

    centre.configure(agent("a2").skill("billing", 2));
    centre.notReady("a2", "meeting");
    assertThat(centre.contactView("c1").estimatedWaitSeconds()).isEqualTo(60);
    assertThat(centre.contactView("c3").estimatedWaitSeconds()).isEqualTo(180);

    centre.create(contact("urgent", "billing").priority(10));
    assertThat(centre.contactView("urgent").position()).isEqualTo(1);
    assertThat(centre.contactView("c1").position()).isEqualTo(2);
    assertThat(centre.contactView("c3").position()).isEqualTo(4);
  }

  @Test
  void theEstimateCountsEachAgentsChatSlotsAndOnlyAgentsWhoCanTakeTheContact() {
    centre.configure(queue("web").channel(Channel.CHAT).expectedHandle(300));
    centre.configure(agent("chat1").capacity(Channel.CHAT, 3));
    centre.configure(agent("chat2").capacity(Channel.CHAT, 3));
    centre.configure(agent("phoneOnly").capacity(Channel.VOICE, 1));
    centre.configure(agent("funds").capacity(Channel.CHAT, 2).skill("funds", 3));
    for (String a : new String[] {"chat1", "chat2", "phoneOnly", "funds"}) {
      centre.notReady(a, "meeting");
    }
    for (int i = 1; i <= 4; i++) {
      centre.create(contact("c" + i, "web").channel(Channel.CHAT));
      centre.advanceSeconds(1);
    }
    centre.create(contact("fund", "web").channel(Channel.CHAT).skill("funds", 3));

    // Eight chat slots among three agents who can take c1 (the phone-only agent has none).
    assertThat(centre.contactView("c1").estimatedWaitSeconds()).isEqualTo((int) Math.ceil(1 * 300 / 8.0));
    assertThat(centre.contactView("c4").estimatedWaitSeconds()).isEqualTo((int) Math.ceil(4 * 300 / 8.0));
    // Only the funds agent can take the funds chat: its two slots, not the queue's eight.
    int place = centre.contactView("fund").position();
    assertThat(centre.contactView("fund").estimatedWaitSeconds()).isEqualTo((int) Math.ceil(place * 300 / 2.0));
    assertThat(centre.domain.waitingPositions("web", centre.now).orElseThrow())
        .filteredOn(w -> w.contactId().equals("fund")).extracting(WaitingPosition::estimatedWaitSeconds)
        .containsExactly((int) Math.ceil(place * 300 / 2.0));

    centre.setStatus("funds", AgentStatus.OFFLINE);
    assertThat(centre.contactView("fund").estimatedWaitSeconds()).as("nobody left who could take it").isNull();
    assertThat(centre.contactView("c1").estimatedWaitSeconds()).isEqualTo((int) Math.ceil(1 * 300 / 6.0));
  }

  @Test
  void waitingPositionsAreTheViewsPositionsAndEstimatesWithoutTheViews() {
    centre.configure(queue("billing").skill("billing", 1).expectedHandle(120));
    centre.configure(agent("a1").skill("billing", 1));
    for (int i = 1; i <= 4; i++) {
      centre.create(contact("c" + i, "billing").priority(i == 3 ? 10 : 0));
      centre.advanceSeconds(1);
    }
    assertThat(centre.domain.waitingPositions("billing", centre.now).orElseThrow())
        .as("nobody staffs the queue: places, no estimate").extracting(WaitingPosition::estimatedWaitSeconds)
        .containsOnlyNulls();
    centre.notReady("a1", "meeting");
    centre.available("a1");
    centre.advanceSeconds(2);

    var waiting = centre.domain.waitingPositions("billing", centre.now).orElseThrow();
    var views = centre.domain.queueContacts("billing", centre.now).orElseThrow().stream()
        .filter(v -> v.status() == ContactStatus.QUEUED).toList();
    assertThat(waiting).hasSize(3).hasSameSizeAs(views);
    for (int i = 0; i < views.size(); i++) {
      assertThat(waiting.get(i).contactId()).isEqualTo(views.get(i).id());
      assertThat(waiting.get(i).position()).isEqualTo(views.get(i).position());
      assertThat(waiting.get(i).estimatedWaitSeconds()).isEqualTo(views.get(i).estimatedWaitSeconds());
      assertThat(waiting.get(i).queue()).isEqualTo("billing");
    }
    assertThat(waiting).extracting(WaitingPosition::contactId).as("the ringing one has left the line")
        .doesNotContain(centre.domain.queueContacts("billing", centre.now).orElseThrow().stream()
            .filter(v -> v.status() == ContactStatus.OFFERED).map(ContactView::id).findFirst().orElseThrow());
    assertThat(centre.domain.waitingPositions("nope", centre.now)).isEmpty();
    // One at a time, the same: the ids of those waiting, and each one's place and estimate.
    assertThat(centre.domain.waitingIds("billing")).containsExactlyElementsOf(
        waiting.stream().map(WaitingPosition::contactId).toList());
    for (WaitingPosition w : waiting) {
      assertThat(centre.domain.waitingPosition(w.contactId(), centre.now)).contains(w);
    }
    assertThat(centre.domain.waitingIds("nope")).isEmpty();
    assertThat(centre.domain.waitingPosition("nope", centre.now)).isEmpty();
  }

  @Test
  void estimateDropsAnAgentWhoseLicenceHasLapsed() {
    centre.configure(queue("advice").licence("adviser").expectedHandle(100));
    centre.configure(agent("permanent").licence("adviser"));
    centre.configure(agent("temporary").licence("adviser", T0 + 60_000));
    centre.notReady("permanent", "meeting");
    centre.notReady("temporary", "meeting");
    centre.create(contact("c1", "advice"));
    assertThat(centre.contactView("c1").estimatedWaitSeconds()).isEqualTo(50);

    centre.advanceSeconds(61);

    assertThat(centre.contactView("c1").estimatedWaitSeconds()).isEqualTo(100);
    assertThat(centre.stats("advice").agents()).containsEntry("not_ready", 1);
    centre.notReady("permanent", "lunch");
    centre.handle(new Command.SetAgentStatus("admin", "permanent", AgentStatus.OFFLINE, null));
    assertThat(centre.contactView("c1").estimatedWaitSeconds()).as("nobody who could take it").isNull();
  }

  @Test
  void offeredContactHasLeftTheLine() {
    centre.configure(queue("billing"));
    centre.configure(agent("a1"));
    centre.create(contact("c1", "billing"));
    centre.create(contact("c2", "billing"));
    centre.available("a1");

    assertThat(centre.contactView("c1").position()).isZero();
    assertThat(centre.contactView("c1").estimatedWaitSeconds()).isZero();
    assertThat(centre.contactView("c2").position()).isEqualTo(1);
    centre.answer("c1");
    assertThat(centre.contactView("c1").position()).isNull();
  }

  @Test
  void queueStatsCountEveryOutcomeAndAgentsByState() {
    centre.configure(queue("billing").skill("billing", 1).wrapUp(10));
    centre.configure(agent("a1").skill("billing", 3));
    centre.configure(agent("a2").skill("billing", 3));
    centre.configure(agent("a3-no-skill").skill("sales", 3));
    centre.configure(agent("a5").skill("billing", 3));
    centre.configure(agent("a6").skill("billing", 3));
    centre.configure(agent("a7").skill("billing", 3));
    centre.available("a1");
    centre.available("a2");
    centre.available("a3-no-skill");
    centre.notReady("a5", "training");

    centre.create(contact("c1", "billing"));
    centre.create(contact("c2", "billing"));
    centre.create(contact("c3", "billing"));

    QueueStats opening = centre.stats("billing");
    assertThat(opening.waiting()).isEqualTo(1);
    assertThat(opening.ringing()).isEqualTo(2);
    assertThat(opening.offered()).isEqualTo(3);
    assertThat(centre.contactView("c1").offer().agentId()).isEqualTo("a1");
    assertThat(centre.contactView("c2").offer().agentId()).isEqualTo("a2");

    centre.advanceSeconds(5);
    centre.answer("c1");
    centre.advanceSeconds(5);
    centre.abandon("c2"); // a2 is freed and takes c3
    assertThat(centre.contactView("c3").offer().agentId()).isEqualTo("a2");
    centre.advanceSeconds(50);
    centre.complete("c1", "a1");
    centre.available("a7");

    QueueStats stats = centre.stats("billing");
    assertThat(stats.queue()).isEqualTo("billing");
    assertThat(stats.waiting()).isZero();
    assertThat(stats.ringing()).isEqualTo(1);
    assertThat(stats.offered()).isEqualTo(3);
    assertThat(stats.answered()).isEqualTo(1);
    assertThat(stats.abandoned()).isEqualTo(1);
    assertThat(stats.completed()).isEqualTo(1);
    assertThat(stats.transferredOut()).isZero();
    assertThat(stats.missedOffers()).isZero();
    assertThat(stats.longestWaitSeconds()).as("c3, ringing since T0").isEqualTo(60.0);
    assertThat(stats.averageSpeedOfAnswerSeconds()).isEqualTo(5.0);
    assertThat(stats.averageHandleSeconds()).isEqualTo(55.0);
    assertThat(stats.agents())
        .isEqualTo(Map.of("available", 1, "busy", 1, "not_ready", 1, "wrap_up", 1, "offline", 1));
    assertThat(centre.agentView("a2").state()).isEqualTo("busy");
    assertThat(centre.now).isEqualTo(T0 + 60_000);
  }
}
