package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.at;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.offers;
import static dev.contactrouter.core.Centre.overflowAt;
import static dev.contactrouter.core.Centre.queue;
import static dev.contactrouter.core.Centre.sla;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.SlaPolicy.Action;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks with a controllable clock: thresholds fire in order at their time, each once, and
 * each escalation step changes who may be offered the contact.
 */
class SlaEscalationTest {

  /** stocks needs level 4; nobody has it. a3 has 3, a2 has 2; g1 serves only the general queue. */
  private static Centre desk(SlaPolicy policy) {
    Centre centre = new Centre();
    centre.configure(queue("general").offerTimeout(15));
    centre.configure(queue("stocks").skill("stocks", 4).offerTimeout(15).sla(policy));
    centre.configure(agent("a3").skill("stocks", 3));
    centre.configure(agent("a2").skill("stocks", 2));
    return centre;
  }

  private static final SlaPolicy LADDER = sla(20,
      at(25, Action.RAISE_PRIORITY, 20),
      at(50, Action.RELAX_SKILLS, 1),
      at(75, Action.RELAX_SKILLS, 1),
      overflowAt(100, "general"),
      at(100, Action.ALERT, 0));

  @Test
  void eachStepWidensThePoolInOrderAsThresholdsPass() {
    Centre centre = desk(LADDER);
    centre.available("a3");
    centre.create(contact("c1", "stocks"));
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
    assertThat(centre.domain.liveTimers()).contains(Timers.slaPoint("c1", 0, Centre.T0 + 5_000));

    List<Recorded> at25 = centre.runTimersUntil(Centre.T0 + 5_000);
    assertThat(events(at25, Event.SlaThresholdReached.class)).singleElement()
        .satisfies(e -> assertThat(e.effect()).isEqualTo("priority raised by 20: base 0 -> 20"));
    assertThat(centre.contactView("c1").status()).as("priority alone reaches nobody").isEqualTo(ContactStatus.QUEUED);
    assertThat(centre.contactView("c1").effectivePriority()).isEqualTo(20.0);

    List<Recorded> at50 = centre.runTimersUntil(Centre.T0 + 10_000);
    assertThat(events(at50, Event.SlaThresholdReached.class)).singleElement()
        .satisfies(e -> assertThat(e.effect()).isEqualTo("required skills relaxed by 1: stocks>=4 -> stocks>=3"));
    Event.OfferMade first = events(at50, Event.OfferMade.class).get(0);
    assertThat(first.agentId()).as("one level down reaches a3").isEqualTo("a3");
    centre.reject(first.offerId(), "a3");
    centre.available("a2");
    assertThat(centre.contactView("c1").status()).as("a2 is still one level short").isEqualTo(ContactStatus.QUEUED);

    List<Recorded> at75 = centre.runTimersUntil(Centre.T0 + 15_000);
    Event.OfferMade second = events(at75, Event.OfferMade.class).get(0);
    assertThat(second.agentId()).as("two levels down reaches a2").isEqualTo("a2");

    // The deadline passes while a2's phone rings: the breach is recorded, the offer keeps ringing,
    // and the overflow waits for the offer to come back.
    List<Recorded> at100 = centre.runTimersUntil(Centre.T0 + 20_000);
    assertThat(at100).extracting(r -> r.event().getClass().getSimpleName())
        .containsExactly("SlaBreached", "SlaThresholdReached", "SlaThresholdReached");
    assertThat(events(at100, Event.SlaThresholdReached.class).get(0).effect())
        .isEqualTo("deferred: ringing at agent a2; moves to queue 'general' if the offer comes back");
    assertThat(events(at100, Event.SlaThresholdReached.class).get(1).effect())
        .isEqualTo("supervisors alerted at 100% of the deadline (0.0 s left)");
    ContactView ringing = centre.contactView("c1");
    assertThat(ringing.status()).isEqualTo(ContactStatus.OFFERED);
    assertThat(ringing.sla().breached()).isTrue();
    assertThat(ringing.sla().pendingOverflow()).isEqualTo("general");

    centre.ready(agent("g1"));
    List<Recorded> timeout = centre.runTimersUntil(Centre.T0 + 30_000);
    assertThat(timeout).extracting(r -> r.event().getClass().getSimpleName())
        .containsSubsequence("OfferTimedOut", "ContactTransferred", "OfferMade");
    assertThat(events(timeout, Event.OfferMade.class)).singleElement()
        .satisfies(o -> assertThat(o.agentId()).as("the overflow queue's agent").isEqualTo("g1"));
    ContactView moved = centre.contactView("c1");
    assertThat(moved.queue()).isEqualTo("general");
    assertThat(moved.sla().fired()).extracting(SlaView.Fired::atPercent, SlaView.Fired::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(25, Action.RAISE_PRIORITY),
            org.assertj.core.groups.Tuple.tuple(50, Action.RELAX_SKILLS),
            org.assertj.core.groups.Tuple.tuple(75, Action.RELAX_SKILLS),
            org.assertj.core.groups.Tuple.tuple(100, Action.BREACH),
            org.assertj.core.groups.Tuple.tuple(100, Action.OVERFLOW),
            org.assertj.core.groups.Tuple.tuple(100, Action.ALERT));
    assertThat(centre.domain.liveTimers()).noneMatch(t -> t.key().startsWith("sla:"));
  }

  @Test
  void aQueuedContactOverflowsAtOnceAndIsMatchedThere() {
    Centre centre = desk(sla(10, overflowAt(80, "general")));
    centre.ready(agent("g1"));
    centre.create(contact("c1", "stocks"));
    List<Recorded> fired = centre.runTimersUntil(Centre.T0 + 8_000);
    assertThat(fired).extracting(r -> r.event().getClass().getSimpleName())
        .containsExactly("SlaThresholdReached", "ContactTransferred", "OfferMade");
    assertThat(fired.get(1).actor()).isEqualTo(RoutingDomain.ROUTER);
    assertThat(centre.stats("stocks").transferredOut()).isEqualTo(1);
  }

  @Test
  void answeringStopsTheClockAndCountsTowardsTheServiceLevel() {
    Centre centre = desk(sla(20, at(50, Action.ALERT, 0)));
    centre.ready(agent("a4").skill("stocks", 4));
    centre.create(contact("c1", "stocks"));
    centre.advanceSeconds(4);
    centre.answer("c1");
    assertThat(centre.domain.liveTimers()).noneMatch(t -> t.key().startsWith("sla:"));
    assertThat(centre.reachSla("c1", 0)).isEqualTo(new Decision.Applied(List.of(), new Reply.Done()));
    SlaView sla = centre.contactView("c1").sla();
    assertThat(sla.answeredAt()).isEqualTo(centre.now);
    assertThat(sla.remainingMillis()).as("frozen at the answer").isEqualTo(16_000);
    assertThat(sla.fired()).isEmpty();

    centre.create(contact("c2", "stocks")); // waits: a4 is busy
    centre.runTimersUntil(centre.now + 25_000);
    QueueStats.ServiceLevel level = centre.stats("stocks").sla();
    assertThat(level.decided()).isEqualTo(2);
    assertThat(level.answeredWithinTarget()).isEqualTo(1);
    assertThat(level.serviceLevel()).isEqualTo(50.0);
    assertThat(level.breaches()).isEqualTo(1);
    assertThat(level.targetPercent()).isEqualTo(80);
  }

  @Test
  void nearBreachesAreWaitingContactsPastTheirMark() {
    Centre centre = desk(new SlaPolicy(20, 80, null, null, 50, List.of()));
    centre.create(contact("c1", "stocks"));
    centre.advanceSeconds(9);
    centre.create(contact("c2", "stocks"));
    assertThat(centre.stats("stocks").sla().nearBreach()).isZero();
    centre.advanceSeconds(1);
    assertThat(centre.stats("stocks").sla().nearBreach()).isEqualTo(1);
    centre.runTimersUntil(centre.now + 10_000);
    assertThat(centre.stats("stocks").sla().nearBreach()).as("c1 breached, c2 near").isEqualTo(1);
    assertThat(centre.stats("stocks").sla().breaches()).isEqualTo(1);
    centre.runTimersUntil(centre.now + RoutingDomain.SLA_INTERVAL_MILLIS);
    assertThat(centre.stats("stocks").sla().breaches()).as("a new interval starts from zero").isZero();
    assertThat(centre.stats("stocks").sla().breachesTotal()).isEqualTo(2);
    assertThat(centre.stats("stocks").sla().serviceLevel()).isNull();
  }

  @Test
  void staleEarlyAndRepeatedFiringsChangeNothing() {
    Centre centre = desk(LADDER);
    centre.create(contact("c1", "stocks"));
    Decision.Applied nothing = new Decision.Applied(List.of(), new Reply.Done());
    assertThat(centre.reachSla("c1", 0)).as("early").isEqualTo(nothing);
    centre.advanceSeconds(5);
    assertThat(centre.reachSla("c1", 1)).as("not the next point").isEqualTo(nothing);
    assertThat(Centre.events(centre.reachSla("c1", 0))).hasSize(1);
    assertThat(centre.reachSla("c1", 0)).as("repeated").isEqualTo(nothing);
    assertThat(centre.reachSla("ghost", 0)).isEqualTo(nothing);
  }

  @Test
  void aLateFiringCatchesUpEveryMissedPointOnceInOrder() {
    Centre centre = desk(LADDER);
    centre.create(contact("c1", "stocks"));
    centre.advanceSeconds(60); // the engine was down
    Decision late = centre.reachSla("c1", 0);
    assertThat(Centre.events(late)).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("SlaThresholdReached", "SlaThresholdReached", "SlaThresholdReached", "SlaBreached",
            "SlaThresholdReached", "ContactTransferred", "SlaThresholdReached");
    assertThat(centre.domain.liveTimers()).noneMatch(t -> t.key().startsWith("sla:"));
    assertThat(centre.reachSla("c1", 0)).isEqualTo(new Decision.Applied(List.of(), new Reply.Done()));
    assertThat(centre.contactView("c1").sla().remainingMillis()).isEqualTo(-40_000);
  }

  @Test
  void theCategoryPolicyWinsAndCountsBusinessTime() {
    Centre centre = new Centre(); // T0 is Monday 09:00 UTC
    centre.configure(weekdays("office", "09:00", "17:00", CalendarSpec.OutOfHours.QUEUE));
    centre.configure(queue("cases").anyChannel().calendar("office").sla(sla(60)));
    centre.configure(new CategorySpec("trade-exception", "Trade exception",
        new SlaPolicy(24 * 3600, 90, SlaPolicy.TimeBasis.BUSINESS, null, 80, List.of())));
    centre.advanceSeconds(7 * 3600); // 16:00
    centre.create(contact("c1", "cases").channel(Channel.EMAIL).category("trade-exception"));
    centre.create(contact("c2", "cases").channel(Channel.EMAIL));
    SlaView sla = centre.contactView("c1").sla();
    assertThat(sla.source()).isEqualTo("category:trade-exception");
    assertThat(sla.timeBasis()).isEqualTo(SlaPolicy.TimeBasis.BUSINESS);
    assertThat(sla.deadline())
        .as("24 business hours of 8-hour days from Monday 16:00 end on Thursday 16:00")
        .isEqualTo(Centre.T0 + (3 * 24 + 7) * 3_600_000L);
    assertThat(centre.contactView("c2").sla().source()).isEqualTo("queue:cases");
    assertThat(centre.contactView("c2").sla().deadline()).isEqualTo(centre.now + 60_000);
  }

  @Test
  void outOfHoursContactsAreRefusedQueuedOrCalledBack() {
    Centre centre = new Centre();
    centre.configure(queue("callbacks").channel(Channel.CALLBACK));
    centre.configure(weekdays("refusing", "10:00", "17:00",
        new CalendarSpec.OutOfHours(CalendarSpec.Treatment.REFUSE, "the hotline opens at ten", null)));
    centre.configure(weekdays("calling-back", "10:00", "17:00",
        new CalendarSpec.OutOfHours(CalendarSpec.Treatment.CALLBACK, null, "callbacks")));
    centre.configure(weekdays("queueing", "10:00", "17:00", CalendarSpec.OutOfHours.QUEUE));
    centre.configure(queue("hotline").anyChannel().calendar("refusing"));
    centre.configure(queue("sales").calendar("calling-back"));
    centre.configure(queue("service").calendar("queueing"));

    Decision.Refused refused = centre.refused(Centre.createCommand(contact("c1", "hotline")));
    assertThat(refused.reason()).isEqualTo(Refusal.CLOSED);
    assertThat(refused.detail()).isEqualTo("the hotline opens at ten; it opens at 2025-01-06T10:00Z");

    Decision.Applied called = centre.create(contact("c2", "sales"));
    ContactView callback = centre.contactView("c2");
    assertThat(callback.queue()).isEqualTo("callbacks");
    assertThat(callback.spec().channel()).isEqualTo(Channel.CALLBACK);
    assertThat(callback.spec().attributes()).containsEntry("outOfHoursFrom", "sales");
    assertThat(Centre.events(called, Event.ContactOutOfHours.class)).singleElement()
        .satisfies(e -> assertThat(e.treatment()).isEqualTo(CalendarSpec.Treatment.CALLBACK));

    Decision.Applied queued = centre.create(contact("c3", "service"));
    assertThat(centre.contactView("c3").queue()).isEqualTo("service");
    assertThat(Centre.events(queued, Event.ContactOutOfHours.class)).singleElement()
        .satisfies(e -> assertThat(e.opensAt()).isEqualTo(Centre.T0 + 3_600_000L));

    assertThat(Centre.events(centre.create(contact("c4", "hotline").channel(Channel.EMAIL)), Event.ContactOutOfHours.class))
        .as("emails are not real-time: they always queue").isEmpty();
    assertThat(centre.contactView("c4").status()).isEqualTo(ContactStatus.QUEUED);
    centre.advanceSeconds(3600);
    centre.create(contact("c5", "hotline"));
  }

  @Test
  void aTransferKeepsTheClockRunningFromArrival() {
    Centre centre = desk(sla(20, at(50, Action.ALERT, 0)));
    centre.create(contact("c1", "stocks"));
    centre.advanceSeconds(6);
    centre.transfer("c1", "general", null, null);
    assertThat(centre.contactView("c1").sla().deadline()).isEqualTo(Centre.T0 + 20_000);
    assertThat(centre.runTimersUntil(Centre.T0 + 20_000))
        .extracting(r -> r.event().getClass().getSimpleName())
        .containsExactly("SlaThresholdReached", "SlaBreached");
    assertThat(centre.stats("general").sla().breaches()).as("the queue it waits in counts the breach").isEqualTo(1);
  }

  @Test
  void replayingTheJournalReproducesEveryEscalation() {
    Centre centre = desk(LADDER);
    centre.available("a3");
    centre.create(contact("c1", "stocks"));
    centre.create(contact("c2", "stocks").priority(5));
    centre.runTimersUntil(Centre.T0 + 12_000);
    centre.available("a2");
    centre.runTimersUntil(Centre.T0 + 40_000);

    RoutingDomain replayed = new RoutingDomain();
    centre.journal.forEach(replayed::apply);
    replayed.checkInvariants();
    for (String id : List.of("c1", "c2")) {
      assertThat(replayed.contact(id, centre.now)).isEqualTo(centre.domain.contact(id, centre.now));
    }
    assertThat(replayed.queueStats("stocks", centre.now)).isEqualTo(centre.domain.queueStats("stocks", centre.now));
    assertThat(replayed.liveTimers()).containsExactlyInAnyOrderElementsOf(centre.domain.liveTimers());
  }

  @Test
  void badPoliciesAreRefusedWithTheField() {
    Centre centre = new Centre();
    assertThat(centre.refused(new Command.ConfigureQueue("admin", queue("q").sla(sla(0)).build())).field())
        .isEqualTo("/sla/answerWithinSeconds");
    assertThat(centre.refused(new Command.ConfigureQueue("admin", queue("q").sla(sla(20, overflowAt(100, "nowhere"))).build())).field())
        .isEqualTo("/sla/thresholds/0/queue");
    assertThat(centre.refused(new Command.ConfigureQueue("admin", queue("q").sla(sla(20, at(50, Action.RELAX_SKILLS, 9))).build())).field())
        .isEqualTo("/sla/thresholds/0/by");
    assertThat(centre.refused(new Command.ConfigureQueue("admin", queue("q").calendar("none").build())).field())
        .isEqualTo("/calendar");
    assertThat(centre.refused(Centre.createCommand(contact("c", "q").category("x"))).reason()).isEqualTo(Refusal.INVALID);
  }

  private static CalendarSpec weekdays(String id, String open, String close, CalendarSpec.OutOfHours outOfHours) {
    Map<DayOfWeek, List<CalendarSpec.Hours>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
      weekly.put(d, List.of(CalendarSpec.Hours.of(open, close)));
    }
    return new CalendarSpec(id, null, "UTC", weekly, null, null, outOfHours);
  }

  private static <E extends Event> List<E> events(List<Recorded> recorded, Class<E> type) {
    List<E> out = new ArrayList<>();
    for (Recorded r : recorded) {
      if (type.isInstance(r.event())) {
        out.add(type.cast(r.event()));
      }
    }
    return out;
  }


  /**
   * A raise moves a waiting contact up its line: it leaves the line under its old key and joins it
   * again under the new one (the invariants walk every line after each command: still sorted), so
   * every place told is the place a fresh sort of the waiting contacts gives, in both matchers.
   */
  @Test
  void aPriorityRaiseMovesAWaitingContactUpItsLineAsAFreshSortWould() {
    Centre centre = new Centre();
    centre.configure(queue("general").aging(0.1).sla(sla(40, at(50, Action.RAISE_PRIORITY, 30))));
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      centre.create(contact("c" + n, "general").priority(n % 3 * 5));
      ids.add("c" + n);
      centre.advanceSeconds(3);
    }
    // At 40 s the seven that arrived by 18 s have waited 50% of their 40 s: raised by 30.
    centre.runTimersUntil(Centre.T0 + 40_000);
    long seconds = (centre.now - Centre.T0) / 1000;
    Map<String, Double> fresh = new HashMap<>();
    for (int n = 0; n < ids.size(); n++) {
      fresh.put(ids.get(n), n % 3 * 5 + (3 * n <= 18 ? 30 : 0) + 0.1 * (seconds - 3 * n));
    }
    List<String> expected = new ArrayList<>(ids);
    expected.sort(Comparator.comparingDouble((String id) -> -fresh.get(id))
        .thenComparingInt(ids::indexOf));
    assertThat(expected.subList(0, 7)).as("the raised lead").containsExactlyInAnyOrderElementsOf(ids.subList(0, 7));
    assertThat(expected).as("and reorder the line").isNotEqualTo(ids);
    assertPlaces(centre, expected, fresh);

    // The head rings, then comes back to its place (a1 may be offered the next meanwhile).
    Event.OfferMade offer = offers(centre.ready(agent("a1"))).get(0);
    assertThat(offer.contactId()).isEqualTo(expected.get(0));
    assertPlaces(centre, expected.subList(1, expected.size()), fresh);
    List<String> back = new ArrayList<>(expected);
    offers(centre.reject(offer.offerId(), "a1")).forEach(o -> back.remove(o.contactId()));
    assertThat(back.get(0)).isEqualTo(expected.get(0));
    assertPlaces(centre, back, fresh);
  }

  private static void assertPlaces(Centre centre, List<String> inOrder, Map<String, Double> priority) {
    for (RoutingDomain d : List.of(centre.domain, centre.reference)) {
      for (int i = 0; i < inOrder.size(); i++) {
        ContactView c = d.contact(inOrder.get(i), centre.now).orElseThrow();
        assertThat(c.position()).as("place of %s", c.id()).isEqualTo(i + 1);
        assertThat(c.effectivePriority()).isCloseTo(priority.get(c.id()), Offset.offset(1e-6));
      }
    }
  }
}
