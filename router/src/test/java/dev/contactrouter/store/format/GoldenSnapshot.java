package dev.contactrouter.store.format;

import static dev.contactrouter.store.format.GoldenEvents.T0;
import static dev.contactrouter.store.format.GoldenEvents.at;
import static dev.contactrouter.store.format.GoldenEvents.attributes;

import dev.contactrouter.core.AgentProfile;
import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.ApiKeyView;
import dev.contactrouter.core.CaseView;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Complaint;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.ContactStatus;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.Licence;
import dev.contactrouter.core.Product;
import dev.contactrouter.core.RouteStage;
import dev.contactrouter.core.SlaPolicy;
import dev.contactrouter.core.SlaView;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed domain state behind the golden snapshot: contacts in every status (one held for
 * compliance review, one reserved for a preferred agent, one sent to a named agent), agents in
 * every status (one ringing, one busy, one in wrap-up), SLA clocks before and after their breach,
 * an open and a closed complaint case, follow-ups, API keys (live, revoked, configured),
 * calendars, categories and service rules.
 *
 * <p>Literals, not a run of the core, and consistent: the core restores them. They wrote the
 * golden snapshot once ({@link WriteGoldenFiles}) and must never change.
 */
public final class GoldenSnapshot {
  /** The journal position the golden snapshot stands for. */
  public static final long SEQ = 4_242;
  /** The hash of event {@link #SEQ} the snapshot is tied to. */
  public static final String CHAIN_HASH = "ab".repeat(32);

  private GoldenSnapshot() {}

  static final AgentProfile LEARNER = new AgentProfile("a-4", "Learner", Map.of("english", 1, "sales", 1),
      List.of(new Licence("fund", T0 - 1)), null, "team-东", Map.of(Channel.BRANCH, 2));
  static final AgentProfile ABSENT = new AgentProfile("a-5", "Absent", Map.of(), List.of(), "london", null, null);

  static final Customer LI = new Customer("cust-3", "李四", "silver", 2, null);

  public static DomainSnapshot snapshot() {
    return new DomainSnapshot(17, 5, queues(), agents(), contacts(), List.of("c-13", "c-14"),
        List.of(GoldenEvents.ALWAYS, GoldenEvents.OFFICE, GoldenEvents.WEEKDAYS),
        List.of(GoldenEvents.GENERAL, GoldenEvents.VIP),
        List.of(
            new ApiKeyView("k-1", "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", "agent", "a-1",
                "Zhang's 🔑 console", at(14), T0 + 30 * 86_400_000L, null),
            new ApiKeyView("k-2", "a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3", "supervisor",
                null, null, at(15), null, at(3000)),
            new ApiKeyView("configured:ops", null, null, null, null, null, null, at(3001))),
        GoldenEvents.RULES, cases(), List.of(GoldenEvents.AFTER_SALE, GoldenEvents.AFTER_CASE));
  }

  private static List<DomainSnapshot.Queue> queues() {
    return List.of(
        new DomainSnapshot.Queue(GoldenEvents.CHAT, 9, 8, 1, 7, 0, 0, 40_000, 3_600_000,
            new DomainSnapshot.Sla(T0 + 900_000, 9, 9, 0, 0)),
        // A queue that never decided an SLA: its interval is still Long.MIN_VALUE.
        new DomainSnapshot.Queue(GoldenEvents.OVERFLOW, 0, 0, 0, 0, 0, 0, 0, 0,
            new DomainSnapshot.Sla(Long.MIN_VALUE, 0, 0, 0, 0)),
        new DomainSnapshot.Queue(GoldenEvents.REVIEW, 1, 0, 0, 0, 0, 0, 0, 0,
            new DomainSnapshot.Sla(T0, 0, 0, 0, 0)),
        new DomainSnapshot.Queue(GoldenEvents.SALES, 120, 100, 12, 95, 3, 7, 2_345_678, 18_765_432,
            new DomainSnapshot.Sla(T0, 40, 31, 4, 17)));
  }

  private static List<DomainSnapshot.Agent> agents() {
    return List.of(
        // Ringing: holds the offer of c-11.
        new DomainSnapshot.Agent(1, GoldenEvents.ZHANG, AgentStatus.AVAILABLE, null, at(16), null, at(16),
            Channel.VOICE, List.of("o-11"), List.of()),
        // Busy with the chat c-12.
        new DomainSnapshot.Agent(2, GoldenEvents.PLAIN, AgentStatus.AVAILABLE, null, at(18), null, at(40),
            Channel.CHAT, List.of(), List.of("c-12")),
        new DomainSnapshot.Agent(3, GoldenEvents.TRAINEE, AgentStatus.WRAP_UP, null, at(120), at(165) + 7, at(10),
            null, List.of(), List.of()),
        new DomainSnapshot.Agent(4, LEARNER, AgentStatus.NOT_READY, "training 培训", at(30), null, at(5), null,
            List.of(), List.of()),
        new DomainSnapshot.Agent(5, ABSENT, AgentStatus.OFFLINE, null, 0, null, 0, null, List.of(), List.of()));
  }

  private static List<DomainSnapshot.Contact> contacts() {
    ContactSpec waiting = new ContactSpec("c-10", Channel.VOICE, "sales", Map.of("mandarin", 3), 3, LI,
        attributes("account", "A-10"), "call-10", null, Set.of(), "idem-10", "fp-10", null, null, null, null);
    ContactSpec ringing = new ContactSpec("c-11", Channel.VOICE, "sales", Map.of("mandarin", 2), 7,
        GoldenEvents.WANG, attributes(), null, "shanghai", Set.of("securities"), null, null, "vip", null, "a-1", null);
    ContactSpec talking = new ContactSpec("c-12", Channel.CHAT, "chat", Map.of("english", 1), 0, null, null, null,
        null, Set.of(), null, null, null, null, null, null);
    ContactSpec done = new ContactSpec("c-13", Channel.VOICE, "sales", Map.of(), 0, GoldenEvents.SMITH, null,
        "call-13", null, Set.of(), null, null, null, null, null, null);
    ContactSpec gone = new ContactSpec("c-14", Channel.EMAIL, "chat", Map.of(), 0, null, null, null, null, Set.of(),
        null, null, null, null, null, null);
    ContactSpec held = new ContactSpec("c-15", Channel.BRANCH, "review", Map.of("sales", 1), 2, LI,
        attributes("reviewFrom", "sales"), "B-015", "shanghai", Set.of("fund", "securities"), null, null, null,
        new Product("FUND-A", 4), null, null);
    ContactSpec work = new ContactSpec("c-16", Channel.BRANCH, "overflow", Map.of(), 4, GoldenEvents.WANG,
        attributes("caseId", "case-1"), null, null, Set.of(), null, null, null, null, null, null);
    return List.of(
        new DomainSnapshot.Contact(waiting, 10, at(3400), ContactStatus.QUEUED, "sales", null, at(3400), null, null,
            null, 0, 0, 0, null, null, null, null, null, List.of(), -1.7361574E12, 0.1, 10, 1,
            new DomainSnapshot.Clock("queue:sales", GoldenEvents.SALES_SLA, at(3400), at(3430), at(3422) + 500,
                List.of(at(3415), at(3422) + 500, at(3427), at(3430), at(3445)), 2, false, null, null, List.of(
                    new SlaView.Fired(50, SlaPolicy.Action.RAISE_PRIORITY, at(3415), "priority +10"),
                    new SlaView.Fired(75, SlaPolicy.Action.RELAX_SKILLS, at(3422) + 500, "skills relaxed by 1"))),
            service(Channel.VOICE, Set.of(), false, null, List.of(), RouteStage.OPEN, null, null, null)),
        new DomainSnapshot.Contact(ringing, 11, at(3410), ContactStatus.OFFERED, "sales", null, at(3410), null,
            "o-11", "a-1", at(3450), at(3470), 2, null, null, null, null, null, List.of("a-2"),
            -1.7361574100000002E12, 0.1, 0, 0,
            new DomainSnapshot.Clock("category:vip", GoldenEvents.VIP_SLA, at(3410), at(3420), at(3415),
                List.of(at(3415), at(3420)), 2, true, null, "overflow", List.of(
                    new SlaView.Fired(50, SlaPolicy.Action.ALERT, at(3415), "supervisors alerted"),
                    new SlaView.Fired(100, SlaPolicy.Action.BREACH, at(3420), "breached in sales"))),
            service(Channel.VOICE, Set.of("securities"), false, null, List.of("relationship manager first"),
                RouteStage.PREFERRED, "a-1", "team-东", at(3455))),
        new DomainSnapshot.Contact(talking, 12, at(3300), ContactStatus.ASSIGNED, "chat", null, at(3300), "a-2",
            null, null, at(3310), at(3340), 1, at(3312), null, null, null, null, List.of(), 42.0, 2.5, 0, 0,
            new DomainSnapshot.Clock("queue:chat", GoldenEvents.CHAT_SLA, at(3300), at(3420), at(3396),
                List.of(at(3420)), 0, false, at(3312), null, List.of()),
            service(Channel.CHAT, Set.of(), false, null, List.of(), RouteStage.OPEN, null, null, null)),
        new DomainSnapshot.Contact(done, 13, at(100), ContactStatus.COMPLETED, "sales", null, at(100), "a-1", null,
            null, at(101), at(121), 1, at(105), at(400), "sale", "客户满意 ✓\nline two", "trade", List.of(), null,
            null, 0, 0, null,
            new DomainSnapshot.Service(Channel.VOICE, Set.of(), false, null, List.of(), RouteStage.OPEN, null, null,
                null, null, null, 5, 10, "很好 \"great\"")),
        new DomainSnapshot.Contact(gone, 14, at(200), ContactStatus.ABANDONED, "chat", null, at(200), null, null,
            null, 0, 0, 0, null, at(260), null, null, null, List.of("a-1", "a-2"), null, null, 0, 0, null,
            new DomainSnapshot.Service(Channel.EMAIL, Set.of(), false, null, List.of(), RouteStage.OPEN, null, null,
                null, "+86 21 5555 0100", at(230), null, null, null)),
        new DomainSnapshot.Contact(held, 15, at(3420), ContactStatus.QUEUED, "review", null, at(3420), null, null,
            null, 0, 0, 0, null, null, null, null, null, List.of(), -1.7361574200000999E12, 1.0E-4, 0, 0, null,
            service(Channel.BRANCH, Set.of("fund", "securities"), true, "review",
                List.of("needs licences fund, securities", "product risk 4 > customer risk 2: held for review"),
                RouteStage.OPEN, null, null, null)),
        new DomainSnapshot.Contact(work, 16, at(3500), ContactStatus.QUEUED, "overflow", "a-2", at(3510), null, null,
            null, 0, 0, 0, null, null, null, null, null, List.of(), 0.0, 0.0, 0, 0, null,
            service(Channel.BRANCH, Set.of(), false, null, List.of(), RouteStage.OPEN, null, null, null)));
  }

  private static DomainSnapshot.Service service(Channel channel, Set<String> gates, boolean held, String heldIn,
      List<String> reasons, RouteStage stage, String preferredAgent, String team, Long until) {
    return new DomainSnapshot.Service(channel, gates, held, heldIn, reasons, stage, preferredAgent, team, until,
        null, null, null, null, null);
  }

  private static List<DomainSnapshot.Case> cases() {
    CaseView open = new CaseView("case-1", Complaint.Stage.INVESTIGATION, GoldenEvents.WANG, "c-13", Channel.VOICE,
        "rude reply 态度差", Complaint.Kind.TRADE_EXCEPTION, Complaint.Severity.MAJOR, "交易部", "a-1", at(300),
        at(950), "c-16", at(950 + 7200), at(950 + 5400), false, false, List.of(Complaint.Stage.INTAKE), null, null,
        null, null, null, null, List.of(
            new CaseView.Transition(null, Complaint.Stage.INTAKE, null, at(300), "agent:a-1", null),
            new CaseView.Transition(Complaint.Stage.INTAKE, Complaint.Stage.INVESTIGATION, Complaint.Step.CLASSIFY,
                at(950), "agent:a-1", "class trade_exception")));
    CaseView closed = new CaseView("case-2", Complaint.Stage.CLOSED, Customer.ANONYMOUS, null, Channel.EMAIL, null,
        null, Complaint.Severity.NORMAL, null, null, at(1300), at(2000), null, null, null, false, false, List.of(
            Complaint.Stage.INVESTIGATION, Complaint.Stage.RESULT), "order delayed", "refund of fees", false,
        "still unhappy 😞", at(1800), at(2000), List.of(
            new CaseView.Transition(null, Complaint.Stage.INTAKE, null, at(1300), "mail", null),
            new CaseView.Transition(Complaint.Stage.INTAKE, Complaint.Stage.INVESTIGATION, Complaint.Step.CLASSIFY,
                at(1400), "supervisor:李雷", null),
            new CaseView.Transition(Complaint.Stage.INVESTIGATION, Complaint.Stage.RESULT,
                Complaint.Step.INVESTIGATE, at(1500), "supervisor:李雷", "order delayed"),
            new CaseView.Transition(Complaint.Stage.RESULT, Complaint.Stage.FEEDBACK, Complaint.Step.RESULT,
                at(1800), "supervisor:李雷", "refund of fees"),
            new CaseView.Transition(Complaint.Stage.FEEDBACK, Complaint.Stage.CLOSED, Complaint.Step.FEEDBACK,
                at(2000), "agent:a-1", "still unhappy 😞")));
    CaseView unclassified = new CaseView("case-3", Complaint.Stage.INTAKE, GoldenEvents.SMITH, null, Channel.BRANCH,
        "", Complaint.Kind.SERVICE_ATTITUDE, null, null, null, at(3000), at(3000), null, at(3900), at(3720), false,
        true, List.of(), null, null, null, null, null, null, List.of(
            new CaseView.Transition(null, Complaint.Stage.INTAKE, null, at(3000), "kiosk", null)));
    return List.of(
        new DomainSnapshot.Case(open, 1, null),
        new DomainSnapshot.Case(closed, 0, "agent:a-1"),
        new DomainSnapshot.Case(unclassified, 2, null));
  }
}
