package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Account-opening cases at the core (§4.1, §4.2.3 of the manual): a 3-working-day deadline in the
 * business calendar, steps in the manual's order each asked for by a work item in its desk, the
 * owner of every step, near breach and breach, and the snapshot round trip.
 */
class AccountOpeningTest {
  private static final long HOUR = 3_600_000L;
  private final Centre centre = new Centre();

  /** Shanghai working days 09:00–17:00, Monday to Friday; 2025-01-29 (a Wednesday) a holiday. */
  static CalendarSpec workdays() {
    Map<DayOfWeek, List<CalendarSpec.Hours>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      weekly.put(d, List.of(CalendarSpec.Hours.of("09:00", "17:00")));
    }
    TreeSet<LocalDate> holidays = new TreeSet<>(List.of(LocalDate.of(2025, 1, 29)));
    return new CalendarSpec("hq", "HQ", "Asia/Shanghai", weekly, holidays, new TreeMap<>(), null);
  }

  static long at(String zoned) {
    return ZonedDateTime.parse(zoned).toInstant().toEpochMilli();
  }

  static ServiceRules rules(String queue, String calendar, Map<String, String> desks) {
    return new ServiceRules(null, null, null, null, null, ServiceRules.DEFAULT_MISSED_OFFERS,
        new ServiceRules.AccountOpenings(queue, calendar, AccountOpening.LIMIT_WORKING_DAYS, 80, desks));
  }

  AccountOpeningTest() {
    centre.configure(workdays());
    centre.configure(queue("accounts").channel(Channel.EMAIL));
    centre.configure(queue("suitability").channel(Channel.EMAIL));
    centre.configure(agent("clerk").capacity(Channel.EMAIL, 1));
    centre.configure(agent("adviser").capacity(Channel.EMAIL, 1));
    centre.configure(rules("accounts", "hq", Map.of("suitability_assessed", "suitability")));
  }

  Decision open(String id) {
    return centre.handle(new Command.OpenAccountCase("branch-kiosk/k1", id, null, null,
        new Customer("cust-1", "Zhang San", null, null), Channel.BRANCH));
  }

  Decision step(String id, AccountOpening.Step step, String byAgent) {
    return centre.handle(new Command.AdvanceAccountCase(byAgent == null ? "supervisor" : "agent:" + byAgent, id, step,
        byAgent, "done"));
  }

  @Test
  void theDeadlineIsThreeWorkingDaysAcrossAWeekendAndAHoliday() {
    // Received Friday 2025-01-24 at 10:00: Monday 27, Tuesday 28, then Wednesday 29 is a holiday,
    // so the third working day is Thursday 30, at the same hour.
    centre.advanceTo(at("2025-01-24T10:00:00+08:00"));
    open("k1");
    AccountCaseView k = centre.domain.accountCase("k1").orElseThrow();
    assertThat(k.deadline()).isEqualTo(at("2025-01-30T10:00:00+08:00"));
    assertThat(k.step()).isEqualTo(AccountOpening.Step.RECEIVED);
    // Near at 80% of the elapsed time to the deadline.
    assertThat(k.nearAt()).isEqualTo(k.openedAt() + (k.deadline() - k.openedAt()) * 80 / 100);
    // Received on a Saturday: counted from Monday's opening, due Thursday at opening.
    Centre other = new Centre();
    other.configure(workdays());
    other.configure(queue("accounts").channel(Channel.EMAIL));
    other.configure(rules("accounts", "hq", Map.of()));
    other.advanceTo(at("2025-02-01T15:00:00+08:00"));
    other.applied(new Command.OpenAccountCase("supervisor", "k2", null, null, new Customer("c", null, null, null),
        Channel.VOICE));
    assertThat(other.domain.accountCase("k2").orElseThrow().deadline()).isEqualTo(at("2025-02-06T09:00:00+08:00"));
    assertThat(WorkingDays.between(workdays(), at("2025-01-24T10:00:00+08:00"), at("2025-01-30T10:00:00+08:00")))
        .isEqualTo(3.0);
  }

  @Test
  void stepsGoInTheManualsOrderEachRoutedToItsDeskWithItsOwner() {
    centre.advanceTo(at("2025-01-07T09:30:00+08:00"));
    centre.available("clerk");
    centre.available("adviser");
    Decision opened = open("k1");
    AccountCaseView k = centre.domain.accountCase("k1").orElseThrow();
    assertThat(k.workContactId()).isEqualTo("k1-documents_checked");
    assertThat(centre.contactView("k1-documents_checked").queue()).isEqualTo("accounts");
    assertThat(events(opened, Event.AccountCaseOpened.class).get(0).by()).isEqualTo("branch-kiosk/k1");
    String holder = centre.contactView("k1-documents_checked").offer().agentId();
    String other = holder.equals("clerk") ? "adviser" : "clerk";
    centre.answer("k1-documents_checked");

    // Out of order, or by an agent not holding the work item: refused, nothing written.
    assertThat(centre.refused(new Command.AdvanceAccountCase("agent:" + holder, "k1", AccountOpening.Step.APPROVED,
        holder, null)).reason()).isEqualTo(Refusal.CONFLICT);
    assertThat(centre.refused(new Command.AdvanceAccountCase("agent:" + other, "k1",
        AccountOpening.Step.DOCUMENTS_CHECKED, other, null)).reason()).isEqualTo(Refusal.FORBIDDEN);

    centre.advanceSeconds(600);
    step("k1", AccountOpening.Step.DOCUMENTS_CHECKED, holder);
    k = centre.domain.accountCase("k1").orElseThrow();
    assertThat(k.step()).isEqualTo(AccountOpening.Step.DOCUMENTS_CHECKED);
    assertThat(centre.contactView("k1-documents_checked").status()).isEqualTo(ContactStatus.COMPLETED);
    assertThat(k.workContactId()).isEqualTo("k1-suitability_assessed");
    assertThat(centre.contactView("k1-suitability_assessed").queue()).as("the suitability desk").isEqualTo("suitability");
    assertThat(k.steps().get(1)).isEqualTo(new AccountCaseView.StepTaken(AccountOpening.Step.DOCUMENTS_CHECKED,
        centre.now, "agent:" + holder, holder, "done"));

    for (AccountOpening.Step s : List.of(AccountOpening.Step.SUITABILITY_ASSESSED, AccountOpening.Step.APPROVED,
        AccountOpening.Step.ACTIVE)) {
      String work = centre.domain.accountCase("k1").orElseThrow().workContactId();
      String agent = centre.contactView(work).offer().agentId();
      centre.answer(work);
      centre.advanceSeconds(3600);
      // A supervisor records the step on the agent's behalf: the agent still owns it.
      step("k1", s, null);
      assertThat(centre.domain.accountCase("k1").orElseThrow().steps().get(s.ordinal()).workedBy()).isEqualTo(agent);
    }
    k = centre.domain.accountCase("k1").orElseThrow();
    assertThat(k.open()).isFalse();
    assertThat(k.workContactId()).isNull();
    assertThat(k.activatedAt()).isEqualTo(centre.now);
    assertThat(k.steps()).extracting(AccountCaseView.StepTaken::step).containsExactly(AccountOpening.Step.values());
    assertThat(k.steps().get(3).by()).isEqualTo("supervisor");
    assertThat(k.workingDays()).as("3 h 10 min of an 8-hour working day").isEqualTo(0.4);
    assertThat(centre.refused(new Command.AdvanceAccountCase("supervisor", "k1", AccountOpening.Step.ACTIVE, null,
        null)).reason()).isEqualTo(Refusal.CONFLICT);
  }

  @Test
  void nearBreachAndBreachAsTheClockPassesTheMarks() {
    centre.advanceTo(at("2025-01-13T09:00:00+08:00"));
    open("k1");
    AccountCaseView k = centre.domain.accountCase("k1").orElseThrow();
    assertThat(k.deadline()).isEqualTo(at("2025-01-16T09:00:00+08:00"));
    assertThat(centre.domain.accountCases(centre.now, true, true)).isEmpty();
    long near = k.nearAt();
    assertThat(k.nearBreach(near - 1)).isFalse();
    assertThat(k.nearBreach(near)).isTrue();
    assertThat(centre.domain.accountCases(near, true, true)).extracting(AccountCaseView::id).containsExactly("k1");
    assertThat(k.breached(k.deadline() - 1)).isFalse();
    assertThat(k.breached(k.deadline())).isTrue();
    assertThat(k.nearBreach(k.deadline())).as("past near: breached").isFalse();
    assertThat(centre.domain.accountCases(k.deadline() + HOUR, true, true)).hasSize(1);
  }

  @Test
  void badRequestsAreRefusedWithTheirReason() {
    assertThat(centre.refused(new Command.OpenAccountCase("supervisor", "k1", null, null, null, Channel.BRANCH))
        .detail()).contains("customer");
    assertThat(centre.refused(new Command.OpenAccountCase("supervisor", "k1", null, null,
        new Customer("c", null, null, null), null)).detail()).contains("channel");
    Centre bare = new Centre();
    assertThat(bare.refused(new Command.OpenAccountCase("supervisor", "k1", null, null,
        new Customer("c", null, null, null), Channel.BRANCH)).detail()).contains("not configured");
    assertThat(centre.refused(new Command.ConfigureRules("admin", rules("accounts", null, Map.of("received", "accounts"))))
        .reason()).isEqualTo(Refusal.INVALID);
  }

  @Test
  void theReportGivesWorkingDaysToOpenAgainstTheManualsLimitAndTheHeadlineFlagsTheMiss() {
    long day = 86_400_000L;
    Reports reports = new Reports(Centre.T0, Centre.T0 + 30 * day, Reports.Interval.DAY, java.time.ZoneOffset.UTC, 20,
        Centre.T0 + 29 * day, null);
    Customer c = new Customer("c", null, null, null);
    // Made active in 2.5 working days, on time; in 4.5, late; one still open past its deadline; one
    // received before the period (left out).
    reports.accept(new Recorded(Centre.T0 - day, "kiosk", new Event.AccountCaseOpened("k0", c, Channel.BRANCH, null,
        Centre.T0 + 2 * day, Centre.T0 + day, "k0-documents_checked", "kiosk")));
    reports.accept(new Recorded(Centre.T0, "kiosk", new Event.AccountCaseOpened("k1", c, Channel.BRANCH, null,
        Centre.T0 + 3 * day, Centre.T0 + 2 * day, "k1-documents_checked", "kiosk")));
    reports.accept(new Recorded(Centre.T0 + 1, "kiosk", new Event.AccountCaseOpened("k2", c, Channel.BRANCH, null,
        Centre.T0 + 3 * day, Centre.T0 + 2 * day, "k2-documents_checked", "kiosk")));
    reports.accept(new Recorded(Centre.T0 + 2, "kiosk", new Event.AccountCaseOpened("k3", c, Channel.VOICE, null,
        Centre.T0 + 3 * day, Centre.T0 + 2 * day, "k3-documents_checked", "kiosk")));
    reports.accept(new Recorded(Centre.T0 + 2 * day + day / 2, "agent:a", new Event.AccountCaseAdvanced("k1",
        AccountOpening.Step.ACTIVE, "agent:a", "a", null, null, 2.5)));
    reports.accept(new Recorded(Centre.T0 + 4 * day + day / 2, "agent:a", new Event.AccountCaseAdvanced("k2",
        AccountOpening.Step.ACTIVE, "agent:a", "a", null, null, 4.5)));
    AccountOpeningReport.Summary s = reports.accounts();
    assertThat(s).isEqualTo(new AccountOpeningReport.Summary(3, 2, 1, 3.5, 1, 50.0, 1, 3, 3.2));
    List<Targets.Target> targets = Targets.of(reports);
    assertThat(targets).extracting(Targets.Target::name)
        .containsExactly("satisfaction", "complaint_handling", "account_opening");
    assertThat(targets.get(2)).isEqualTo(new Targets.Target("account_opening", 3, false, "working_days", 3.5, false,
        3.2));
    assertThat(targets.get(0).met()).as("no surveys: neither met nor missed").isNull();
    assertThat(Targets.Target.of("satisfaction", 90, true, "index", 87.5, null).met()).isFalse();
    assertThat(Targets.Target.of("satisfaction", 90, true, "index", 90.0, null).met()).isTrue();
  }

  @Test
  void anAgentOpensOneFromTheBranchTicketItServesAndMemoryKeepsTheNewestActiveCases() {
    Centre small = new Centre(new Retention(100, 1));
    small.configure(queue("accounts").channel(Channel.EMAIL).wrapUp(0));
    small.configure(queue("counter").channel(Channel.BRANCH));
    small.configure(agent("teller").capacity(Channel.BRANCH, 1));
    small.configure(agent("clerk").capacity(Channel.EMAIL, 1));
    small.configure(rules("accounts", null, Map.of()));
    small.available("teller");
    small.create(Centre.contact("ticket", "counter").channel(Channel.BRANCH).customer("cust-7", 2, null));
    small.answer("ticket");
    assertThat(small.refused(new Command.OpenAccountCase("agent:clerk", "k1", "ticket", "clerk", null, null)).reason())
        .as("only the agent serving the ticket").isEqualTo(Refusal.FORBIDDEN);
    small.applied(new Command.OpenAccountCase("agent:teller", "k1", "ticket", "teller", null, null));
    AccountCaseView k1 = small.domain.accountCase("k1").orElseThrow();
    assertThat(k1.channel()).isEqualTo(Channel.BRANCH);
    assertThat(k1.customer().id()).isEqualTo("cust-7");
    assertThat(k1.sourceContactId()).isEqualTo("ticket");

    small.available("clerk");
    for (String id : List.of("k1", "k2")) {
      if (id.equals("k2")) {
        small.applied(new Command.OpenAccountCase("supervisor", "k2", null, null, new Customer("c", null, null, null),
            Channel.VOICE));
      }
      for (AccountOpening.Step s : List.of(AccountOpening.Step.DOCUMENTS_CHECKED, AccountOpening.Step.SUITABILITY_ASSESSED,
          AccountOpening.Step.APPROVED, AccountOpening.Step.ACTIVE)) {
        small.answer(small.domain.accountCase(id).orElseThrow().workContactId());
        small.advanceSeconds(60);
        small.applied(new Command.AdvanceAccountCase("agent:clerk", id, s, "clerk", null));
      }
    }
    assertThat(small.domain.accountCase("k1")).as("the earliest made active is let go").isEmpty();
    assertThat(small.domain.accountCase("k2").orElseThrow().open()).isFalse();
    assertThat(RoutingDomain.restore(small.domain.snapshot(), MatcherKind.INDEXED, new Retention(100, 1))
        .accountCases(small.now, false, false)).extracting(AccountCaseView::id).containsExactly("k2");
  }

  @Test
  void aSnapshotKeepsEveryCaseAsItWas() {
    centre.available("clerk");
    open("k1");
    centre.answer("k1-documents_checked");
    step("k1", AccountOpening.Step.DOCUMENTS_CHECKED, "clerk");
    open("k2");
    RoutingDomain back = RoutingDomain.restore(centre.domain.snapshot(), MatcherKind.INDEXED);
    assertThat(back.accountCases(centre.now, false, false)).isEqualTo(centre.domain.accountCases(centre.now, false,
        false));
    assertThat(dev.contactrouter.store.format.SnapshotFormat.decode(
        dev.contactrouter.store.format.SnapshotFormat.encode(centre.domain.snapshot())).accountCases())
        .isEqualTo(centre.domain.snapshot().accountCases());
  }
}
