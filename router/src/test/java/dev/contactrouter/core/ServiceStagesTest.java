package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.store.format.SnapshotFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The five service stages (§1.2.2): every contact starts in intake owned by whoever created it;
 * the agent holding it, a supervisor or an intake system moves it forward (skips allowed, never
 * back), each stage recorded with when and by whom; a queue serving a stage takes the contact over
 * as new work while it stays one contact; a replay, the contact's own history and a snapshot give
 * the same stages.
 */
class ServiceStagesTest {

  private static Command.AdvanceStage advance(String actor, String contactId, String byAgent, ServiceStage stage) {
    return new Command.AdvanceStage(actor, contactId, byAgent, stage, null);
  }

  private static List<ServiceStage> stagesOf(ContactView view) {
    return view.stages().stream().map(ContactView.StageEntry::stage).toList();
  }

  @Test
  void aContactStartsInIntakeOwnedByItsCreatorAndIsAdvancedForwardSkippingTrade() {
    Centre centre = Centre.desk("general", "a1");
    centre.available("a1");
    long arrived = centre.now;
    centre.create(contact("c1", "general"));
    centre.answer("c1");

    assertThat(centre.contactView("c1").stages())
        .containsExactly(new ContactView.StageEntry(ServiceStage.INTAKE, arrived, "telephony", null));

    centre.advanceSeconds(40);
    long consulted = centre.now;
    Decision.Applied d = centre.applied(advance("agent:a1", "c1", "a1", ServiceStage.CONSULTATION));
    assertThat(Centre.events(d)).containsExactly(
        new Event.ContactStageAdvanced("c1", ServiceStage.CONSULTATION, "agent:a1", null));
    centre.advanceSeconds(60);
    centre.applied(advance("supervisor", "c1", null, ServiceStage.FEEDBACK));

    ContactView view = centre.contactView("c1");
    assertThat(view.stages()).containsExactly(
        new ContactView.StageEntry(ServiceStage.INTAKE, arrived, "telephony", null),
        new ContactView.StageEntry(ServiceStage.CONSULTATION, consulted, "agent:a1", null),
        new ContactView.StageEntry(ServiceStage.FEEDBACK, consulted + 60_000, "supervisor", null));
    assertThat(view.currentStage()).isEqualTo(ServiceStage.FEEDBACK);
    assertThat(view.agentId()).as("no queue serves these stages: it stays with its agent").isEqualTo("a1");
  }

  @Test
  void stagesGoForwardOnlyTheSameStageAgainIsANoOpAndOnlyTheHolderOrSupervisionMayAdvance() {
    Centre centre = Centre.c1HeldByA1();
    centre.applied(advance("agent:a1", "c1", "a1", ServiceStage.TRADE));

    Decision.Refused back = centre.refused(advance("agent:a1", "c1", "a1", ServiceStage.CONSULTATION));
    assertThat(back.reason()).isEqualTo(Refusal.CONFLICT);
    assertThat(back.detail()).isEqualTo("contact is already in stage trade; service stages go forward only "
        + "(intake, consultation, trade, settlement, feedback)");
    assertThat(Reason.of(back.detail()).code()).isEqualTo(ReasonCode.REFUSED_STAGE_BACKWARDS);

    assertThat(centre.applied(advance("agent:a1", "c1", "a1", ServiceStage.TRADE)).events())
        .as("a retried request records nothing").isEmpty();

    Decision.Refused other = centre.refused(advance("agent:a2", "c1", "a2", ServiceStage.SETTLEMENT));
    assertThat(other.reason()).isEqualTo(Refusal.FORBIDDEN);
    assertThat(Reason.of(other.detail()).code()).isEqualTo(ReasonCode.REFUSED_ONLY_HOLDER_ADVANCES_STAGE);
    assertThat(centre.refused(advance("telephony", "nobody", null, ServiceStage.TRADE)).reason())
        .isEqualTo(Refusal.NOT_FOUND);

    centre.complete("c1", "a1");
    assertThat(centre.refused(advance("supervisor", "c1", null, ServiceStage.FEEDBACK)).reason())
        .as("an ended contact").isEqualTo(Refusal.CONFLICT);
    assertThat(stagesOf(centre.contactView("c1"))).containsExactly(ServiceStage.INTAKE, ServiceStage.TRADE);
  }

  @Test
  void advancingToAStageAQueueServesHandsTheContactToThatQueueAsOneRecord() {
    Centre centre = new Centre();
    centre.configure(queue("general"));
    centre.configure(queue("settlement").serves(ServiceStage.SETTLEMENT).skill("settlement", 1));
    centre.configure(agent("a1"));
    centre.configure(agent("s1").skill("settlement", 3));
    centre.available("a1");
    centre.create(contact("c1", "general"));
    centre.answer("c1");
    centre.advanceSeconds(90);

    Decision.Applied d = centre.applied(advance("agent:a1", "c1", "a1", ServiceStage.SETTLEMENT));

    assertThat(Centre.events(d)).startsWith(
        new Event.ContactStageAdvanced("c1", ServiceStage.SETTLEMENT, "agent:a1", "settlement"),
        new Event.ContactTransferred("c1", "a1", "settlement", null));
    ContactView view = centre.contactView("c1");
    assertThat(view.status()).isEqualTo(ContactStatus.QUEUED);
    assertThat(view.queue()).isEqualTo("settlement");
    assertThat(view.agentId()).isNull();
    assertThat(view.stages()).extracting(ContactView.StageEntry::queue).containsExactly(null, "settlement");

    // The settlement desk takes it as new work; the contact and its stage record stay one.
    Decision offered = centre.available("s1");
    assertThat(Centre.offer(offered).contactId()).isEqualTo("c1");
    centre.answer("c1");
    centre.applied(advance("agent:s1", "c1", "s1", ServiceStage.FEEDBACK));
    assertThat(stagesOf(centre.contactView("c1")))
        .containsExactly(ServiceStage.INTAKE, ServiceStage.SETTLEMENT, ServiceStage.FEEDBACK);
    assertThat(centre.contactView("c1").agentId()).isEqualTo("s1");
  }

  @Test
  void severalQueuesServingAStageAreChosenByChannelOrNamedElseRefusedWithTheCandidates() {
    Centre centre = new Centre();
    centre.configure(queue("general").anyChannel());
    centre.configure(queue("settle-voice").serves(ServiceStage.SETTLEMENT));
    centre.configure(queue("settle-chat").channel(Channel.CHAT).serves(ServiceStage.SETTLEMENT));
    centre.configure(queue("settle-desk").channel(Channel.CHAT).serves(ServiceStage.SETTLEMENT));
    centre.configure(queue("trade-desk").channel(Channel.EMAIL).serves(ServiceStage.TRADE));
    centre.create(contact("v1", "general"));
    centre.create(contact("ch1", "general").channel(Channel.CHAT));

    Decision.Applied voice = centre.applied(advance("telephony", "v1", null, ServiceStage.SETTLEMENT));
    assertThat(Centre.events(voice, Event.ContactStageAdvanced.class))
        .extracting(Event.ContactStageAdvanced::toQueue).containsExactly("settle-voice");
    assertThat(centre.contactView("v1").queue()).isEqualTo("settle-voice");

    Decision.Refused ambiguous = centre.refused(advance("supervisor", "ch1", null, ServiceStage.SETTLEMENT));
    assertThat(ambiguous.reason()).isEqualTo(Refusal.INVALID);
    assertThat(ambiguous.detail())
        .isEqualTo("several queues serve stage settlement: settle-chat, settle-desk; name one in queue");
    assertThat(Reason.of(ambiguous.detail()).code()).isEqualTo(ReasonCode.REFUSED_STAGE_QUEUES);

    Decision.Refused noChannel = centre.refused(advance("supervisor", "ch1", null, ServiceStage.TRADE));
    assertThat(noChannel.reason()).isEqualTo(Refusal.CONFLICT);
    assertThat(noChannel.detail()).isEqualTo("no queue serving stage trade takes chat contacts: trade-desk");

    Decision.Refused notServing = centre.refused(
        new Command.AdvanceStage("supervisor", "ch1", null, ServiceStage.SETTLEMENT, "settle-voice-x"));
    assertThat(notServing.reason()).isEqualTo(Refusal.INVALID);
    Decision.Refused wrongStage = centre.refused(
        new Command.AdvanceStage("supervisor", "ch1", null, ServiceStage.FEEDBACK, "settle-desk"));
    assertThat(wrongStage.detail()).isEqualTo("queue 'settle-desk' does not serve stage feedback");
    Decision.Refused wrongChannel = centre.refused(
        new Command.AdvanceStage("supervisor", "ch1", null, ServiceStage.SETTLEMENT, "settle-voice"));
    assertThat(wrongChannel.detail()).isEqualTo("queue 'settle-voice' takes voice contacts");
    assertThat(stagesOf(centre.contactView("ch1"))).as("nothing half-written").containsExactly(ServiceStage.INTAKE);

    centre.applied(new Command.AdvanceStage("supervisor", "ch1", null, ServiceStage.SETTLEMENT, "settle-desk"));
    assertThat(centre.contactView("ch1").queue()).isEqualTo("settle-desk");
  }

  @Test
  void aReplayTheContactsOwnHistoryAndASnapshotKeepTheStages() {
    Centre centre = Centre.desk("general", "a1");
    centre.configure(queue("settlement").serves(ServiceStage.SETTLEMENT));
    centre.available("a1");
    centre.create(contact("c1", "general"));
    centre.create(contact("c2", "general"));
    centre.answer("c1");
    centre.advanceSeconds(30);
    centre.applied(advance("agent:a1", "c1", "a1", ServiceStage.CONSULTATION));
    centre.advanceSeconds(30);
    centre.applied(advance("agent:a1", "c1", "a1", ServiceStage.SETTLEMENT));
    centre.applied(advance("telephony", "c2", null, ServiceStage.TRADE));

    RoutingDomain replayed = new RoutingDomain();
    centre.journal.forEach(replayed::apply);
    RoutingDomain restored = RoutingDomain.restore(
        SnapshotFormat.decode(SnapshotFormat.encode(centre.domain.snapshot())), MatcherKind.INDEXED);
    for (String id : List.of("c1", "c2")) {
      ContactView live = centre.domain.contact(id, centre.now).orElseThrow();
      assertThat(live.stages()).hasSizeGreaterThan(1);
      assertThat(replayed.contact(id, centre.now).orElseThrow().stages()).isEqualTo(live.stages());
      assertThat(restored.contact(id, centre.now).orElseThrow().stages()).isEqualTo(live.stages());
      assertThat(ContactRecord.view(centre.journal.stream().filter(r -> id.equals(r.event().contactId())).toList())
          .orElseThrow().stages()).isEqualTo(live.stages());
    }
    restored.checkInvariants();
    assertThat(restored.queue("settlement").orElseThrow().stage()).isEqualTo(ServiceStage.SETTLEMENT);
  }
}
