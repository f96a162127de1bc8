package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static dev.contactrouter.core.Centre.sla;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manual's own deadlines (§1.3.2, §4.2.3): a contact whose queue and category set no policy
 * gets the 2-hour first response; a contact marked major must be responded to and handled within
 * the hour, gains priority, and its mark is recorded with who and why. Both replay identically.
 */
class ManualDeadlinesTest {
  private static final long HOUR = 3_600_000L;

  @Test
  void aContactWithoutAnyPolicyGetsTheManualsTwoHourFirstResponse() {
    Centre centre = new Centre();
    centre.configure(queue("general"));
    centre.advanceSeconds(17);
    long created = centre.now;
    centre.create(contact("c1", "general"));

    SlaView sla = centre.contactView("c1").sla();
    assertThat(sla.source()).isEqualTo(SlaPolicy.MANUAL_SOURCE);
    assertThat(sla.timeBasis()).isEqualTo(SlaPolicy.TimeBasis.ELAPSED);
    assertThat(sla.deadline()).isEqualTo(created + 2 * HOUR);

    List<Recorded> breach = centre.runTimersUntil(created + 2 * HOUR);
    assertThat(breach).extracting(Recorded::event).singleElement().isInstanceOf(Event.SlaBreached.class);
    assertThat(centre.contactView("c1").sla().breached()).isTrue();
  }

  @Test
  void aFreshDomainKnowsTheManualsTradeExceptionSystemFaultAndComplaintLimitsUntilReplaced() {
    Centre centre = new Centre();
    centre.configure(queue("general"));
    assertThat(centre.domain.categories()).extracting(CategorySpec::id)
        .containsExactly("complaint", "system-fault", "trade-exception");

    centre.create(contact("t1", "general").category("trade-exception"));
    centre.create(contact("s1", "general").category("system-fault"));
    centre.create(contact("k1", "general").category("complaint"));
    assertThat(centre.contactView("t1").sla().deadline()).isEqualTo(centre.now + 24 * HOUR);
    assertThat(centre.contactView("t1").sla().source()).isEqualTo("category:trade-exception");
    assertThat(centre.contactView("s1").sla().deadline()).isEqualTo(centre.now + 4 * HOUR);
    assertThat(centre.contactView("k1").sla().deadline()).isEqualTo(centre.now + 24 * HOUR);

    // An administrator's own policy for the same kind of request replaces the manual's.
    centre.configure(new CategorySpec("system-fault", "System fault", sla(1800)));
    centre.create(contact("s2", "general").category("system-fault"));
    assertThat(centre.contactView("s2").sla().deadline()).isEqualTo(centre.now + 1_800_000);
    assertThat(ManualPolicy.isManualDefault(centre.domain.category("system-fault").orElseThrow())).isFalse();
    assertThat(ManualPolicy.isManualDefault(centre.domain.category("trade-exception").orElseThrow())).isTrue();
    assertThat(centre.domain.snapshot().categories()).as("only what was configured is stored")
        .extracting(CategorySpec::id).containsExactly("system-fault");
  }

  @Test
  void aQueuePolicyStillWinsOverTheManualDefault() {
    Centre centre = new Centre();
    centre.configure(queue("stocks").sla(sla(20)));
    centre.create(contact("c1", "stocks"));
    assertThat(centre.contactView("c1").sla().source()).isEqualTo("queue:stocks");
    assertThat(centre.contactView("c1").sla().deadline()).isEqualTo(centre.now + 20_000);
  }

  @Test
  void markingMajorRecordsWhoAndWhyRaisesPriorityAndRearmsTheDeadlineToOneHour() {
    Centre centre = new Centre();
    centre.configure(queue("general"));
    centre.create(contact("c1", "general"));
    centre.create(contact("c2", "general"));
    centre.advanceSeconds(600);
    long marked = centre.now;

    Decision.Applied d = centre.applied(new Command.MarkMajor("supervisor", "c2", null, "trading halted for the customer"));

    assertThat(Centre.events(d, Event.ContactMarkedMajor.class)).containsExactly(
        new Event.ContactMarkedMajor("c2", "trading halted for the customer", MajorContacts.PRIORITY_BOOST));
    assertThat(d.events().get(0).actor()).isEqualTo("supervisor");
    SlaView sla = centre.contactView("c2").sla();
    assertThat(sla.source()).isEqualTo("major");
    assertThat(sla.deadline()).isEqualTo(marked + HOUR);
    assertThat(sla.priorityBoost()).isEqualTo(MajorContacts.PRIORITY_BOOST);

    centre.configure(agent("a1"));
    Decision first = centre.available("a1");
    assertThat(Centre.offer(first).contactId()).as("the major contact goes ahead of the older one").isEqualTo("c2");
  }

  @Test
  void aSoonerRunningDeadlineIsKeptAndMarkingTwiceRecordsNothing() {
    Centre centre = new Centre();
    centre.configure(queue("stocks").sla(sla(20)));
    centre.create(contact("c1", "stocks"));
    long deadline = centre.contactView("c1").sla().deadline();
    centre.advanceSeconds(5);

    centre.applied(new Command.MarkMajor("telephony", "c1", null, "caller reports a failed trade"));
    assertThat(centre.contactView("c1").sla().deadline()).as("at most one hour: the 20 s one is sooner").isEqualTo(deadline);

    Decision.Applied again = centre.applied(new Command.MarkMajor("supervisor", "c1", null, "again"));
    assertThat(again.events()).isEmpty();
    assertThat(centre.contactView("c1").sla().priorityBoost()).isEqualTo(MajorContacts.PRIORITY_BOOST);
  }

  @Test
  void anAssignedMajorContactGetsAHandlingDeadlineThatStopsWhenCompleted() {
    Centre centre = Centre.c1HeldByA1();
    assertThat(centre.contactView("c1").sla().answeredAt()).isNotNull();
    centre.advanceSeconds(60);

    assertThat(centre.refused(new Command.MarkMajor("agent:a2", "c1", "a2", "not mine")).reason())
        .isEqualTo(Refusal.FORBIDDEN);
    long marked = centre.now;
    centre.applied(new Command.MarkMajor("agent:a1", "c1", "a1", "customer lost access to the account"));
    SlaView sla = centre.contactView("c1").sla();
    assertThat(sla.deadline()).isEqualTo(marked + HOUR);
    assertThat(sla.answeredAt()).as("respond and handle: the clock runs until it is handled").isNull();

    centre.advanceSeconds(600);
    centre.complete("c1", "a1");
    assertThat(centre.runTimersUntil(marked + 2 * HOUR)).extracting(Recorded::event)
        .noneMatch(e -> e instanceof Event.SlaBreached);
    assertThat(centre.contactView("c1").sla().breached()).isFalse();
    assertThat(centre.contactView("c1").sla().remainingMillis()).isEqualTo(HOUR - 600_000);
    assertThat(centre.refused(new Command.MarkMajor("supervisor", "c1", null, "late")).reason())
        .isEqualTo(Refusal.CONFLICT);
  }

  @Test
  void aMajorContactUnhandledWithinTheHourIsBreached() {
    Centre centre = Centre.desk("general", "a1");
    centre.available("a1");
    centre.create(contact("c1", "general").major("system fault at the branch"));
    long created = centre.now;
    centre.answer("c1");
    List<Recorded> caused = centre.runTimersUntil(created + HOUR);
    assertThat(caused).extracting(Recorded::event).singleElement().isInstanceOf(Event.SlaBreached.class);
    assertThat(centre.contactView("c1").sla().fired()).extracting(SlaView.Fired::effect)
        .containsExactly("deadline passed unhandled in queue 'general'");
  }

  @Test
  void beingMajorRelaxesNoGate() {
    Centre centre = new Centre();
    centre.configure(queue("advice").licence("adviser"));
    centre.configure(agent("plain"));
    centre.configure(agent("adviser1").licence("adviser"));
    centre.available("plain");
    centre.create(contact("c1", "advice").major("the customer is losing money"));
    centre.runTimersUntil(centre.now + 2 * HOUR);

    assertThat(centre.contactView("c1").status()).as("no licensed agent free: it waits, breached").isEqualTo(ContactStatus.QUEUED);
    assertThat(centre.contactView("c1").sla().breached()).isTrue();
    assertThat(Centre.offer(centre.available("adviser1")).contactId()).isEqualTo("c1");
  }

  @Test
  void replayingTheJournalGivesTheSameDeadlinesAndPriorities() {
    Centre centre = new Centre();
    centre.configure(queue("general"));
    centre.configure(queue("stocks").sla(sla(20)));
    centre.configure(agent("a1"));
    centre.create(contact("c1", "general"));
    centre.create(contact("c2", "stocks").major(""));
    centre.advanceSeconds(30);
    centre.applied(new Command.MarkMajor("telephony", "c1", null, "fraud suspected"));
    centre.available("a1");
    centre.answer("c1");
    centre.runTimersUntil(centre.now + 3 * HOUR);

    RoutingDomain replayed = new RoutingDomain();
    centre.journal.forEach(replayed::apply);
    replayed.checkInvariants();
    for (String id : List.of("c1", "c2")) {
      assertThat(replayed.contact(id, centre.now)).isEqualTo(centre.domain.contact(id, centre.now));
      SlaView live = centre.domain.contact(id, centre.now).orElseThrow().sla();
      SlaView history = ContactRecord.view(centre.journal.stream().filter(r -> id.equals(r.event().contactId())).toList())
          .orElseThrow().sla();
      // The history counts time only as far as its own events go, so remainingMillis is left out.
      assertThat(history).as("the history's view of %s", id).usingRecursiveComparison().ignoringFields("remainingMillis")
          .isEqualTo(live);
    }
    assertThat(replayed.liveTimers()).containsExactlyInAnyOrderElementsOf(centre.domain.liveTimers());
  }
}
