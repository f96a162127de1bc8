package dev.contactrouter.store.format;

import dev.contactrouter.core.AccountOpening;
import dev.contactrouter.core.AgentProfile;
import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.CalendarSpec;
import dev.contactrouter.core.Catalogue;
import dev.contactrouter.core.CategorySpec;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.Complaint;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.FollowUp;
import dev.contactrouter.core.Licence;
import dev.contactrouter.core.Product;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.store.CustomerKey;
import dev.contactrouter.core.RouteStage;
import dev.contactrouter.core.ServiceRules;
import dev.contactrouter.core.ServiceStage;
import dev.contactrouter.core.SlaPolicy;
import dev.contactrouter.core.Timers;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fixed events and timers behind the golden journal and timer files: every kind of
 * {@link Event} at least once, every enum value a stored event carries, optional fields both set
 * and absent, empty maps and lists, and text that JSON must escape or that is not ASCII.
 *
 * <p>These values are literals, on purpose not produced by running the core: the golden files
 * were written from them once ({@link WriteGoldenFiles}) and the golden tests compare against
 * them, so they must never change. A new kind of event gets its own golden file with a new
 * format version, not a line here.
 */
public final class GoldenEvents {
  /** The domain of the golden journal. */
  public static final String DOMAIN = "golden-上海";
  /** 2025-01-06T09:00:00Z, a Monday. */
  public static final long T0 = 1_736_154_000_000L;
  private static final long DAY = 86_400_000L;

  private GoldenEvents() {}

  static long at(long seconds) {
    return T0 + seconds * 1000;
  }

  // ------------------------------------------------------------- configuration

  static final SlaPolicy SALES_SLA = new SlaPolicy(30, 80, SlaPolicy.TimeBasis.BUSINESS, "office", 75, List.of(
      new SlaPolicy.Threshold(50, SlaPolicy.Action.RAISE_PRIORITY, 10, null),
      new SlaPolicy.Threshold(75, SlaPolicy.Action.RELAX_SKILLS, 1, null),
      new SlaPolicy.Threshold(90, SlaPolicy.Action.ALERT, 0, null),
      new SlaPolicy.Threshold(150, SlaPolicy.Action.OVERFLOW, 0, "overflow")));

  static final SlaPolicy CHAT_SLA = new SlaPolicy(120, 90, SlaPolicy.TimeBasis.ELAPSED, null, 80, List.of());

  static final SlaPolicy VIP_SLA = new SlaPolicy(10, 95, SlaPolicy.TimeBasis.ELAPSED, null, 50, List.of(
      new SlaPolicy.Threshold(50, SlaPolicy.Action.ALERT, 0, null)));

  static final QueueSpec SALES = new QueueSpec("sales", "Sales ☎ 销售", Channel.VOICE,
      Map.of("mandarin", 3, "sales", 2), "shanghai", Set.of("securities", "fund"), 5, 0.1, 20, 45, 240, SALES_SLA,
      "office", null);

  /** Every optional part absent, a negative priority and no aging. */
  static final QueueSpec OVERFLOW = new QueueSpec("overflow", null, null, Map.of(), null, Set.of(), -5, 0.0, 15,
      30, 180, null, null, null);

  static final QueueSpec CHAT = new QueueSpec("chat", "Chat", Channel.CHAT, Map.of("english", 1), null, Set.of(),
      0, 2.5, 30, 0, 600, CHAT_SLA, null, null);

  static final QueueSpec REVIEW = new QueueSpec("review", "Compliance review", null, Map.of("compliance", 4), null,
      Set.of("securities", "fund"), 10, 1.0E-4, 60, 120, 300, null, null, null);

  static final CalendarSpec OFFICE = new CalendarSpec("office", "Office hours 办公时间", "Asia/Shanghai",
      weekly(), new TreeSet<>(List.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 29))), special(),
      new CalendarSpec.OutOfHours(CalendarSpec.Treatment.CALLBACK, "下班了 \"closed\"", "callbacks"));

  /** Open all day every day: hours up to 24:00, no holidays, the default out-of-hours treatment. */
  static final CalendarSpec ALWAYS = new CalendarSpec("always", null, "UTC", allWeek(), null, null, null);

  static final CalendarSpec WEEKDAYS = new CalendarSpec("weekdays", "Weekdays", "Europe/London",
      Map.of(DayOfWeek.MONDAY, List.of(CalendarSpec.Hours.of("08:30", "17:30"))), null, null,
      new CalendarSpec.OutOfHours(CalendarSpec.Treatment.REFUSE, "closed", null));

  static final CategorySpec VIP = new CategorySpec("vip", "VIP 客户", VIP_SLA);
  static final CategorySpec GENERAL = new CategorySpec("general", null, null);

  static final ServiceRules RULES = new ServiceRules("review", new ServiceRules.Relationship(45, 90),
      new ServiceRules.ReturnVisit("callbacks", 3600, 7200, Set.of("sale", "upsell")),
      new ServiceRules.Complaints("complaints", "office", 3600, 7200, 10_800, 1800, 900, 600, 75),
      new ServiceRules.ScoreWeights(0.5, 0.1, 0.25, 0.15, 20));

  static final AgentProfile ZHANG = new AgentProfile("a-1", "张伟 Zhāng Wěi", Map.of("mandarin", 5, "sales", 3),
      List.of(Licence.permanent("securities"), new Licence("fund", T0 + 365 * DAY + 123)), "shanghai", "team-东",
      capacity(Channel.VOICE, 1, Channel.CHAT, 3, Channel.BRANCH, 1, Channel.EMAIL, 2, Channel.CALLBACK, 1));

  /** Every optional part absent: the default capacity. */
  static final AgentProfile PLAIN = new AgentProfile("a-2", null, Map.of(), List.of(), null, null, null);

  /** An agent who can take nothing: an empty capacity. */
  static final AgentProfile TRAINEE = new AgentProfile("a-3", "O'Brien, \"Ann\"", Map.of("english", 2), List.of(),
      "london", null, Map.of());

  static final Customer WANG = new Customer("cust-1", "王芳 😀", "gold", 3, "a-1");
  static final Customer SMITH = new Customer("cust-2", "Jo Smith", null, null, null);

  static final ContactSpec CALL = new ContactSpec("c-1", Channel.VOICE, "sales", Map.of("mandarin", 3), 7, WANG,
      attributes("account", "12345", "note", "quote \" backslash \\ newline \n tab \t end", "语言", "普通话"),
      "call-77", "shanghai", Set.of("securities"), "idem-1",
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "vip", new Product("FUND-A", 4), "a-1", null);

  /** Every optional part absent: an anonymous customer, no attributes. */
  static final ContactSpec CHAT_CONTACT = new ContactSpec("c-2", Channel.CHAT, "chat", Map.of(), 0, null, null,
      null, null, Set.of(), null, null, null, null, null, null);

  static final ContactSpec TICKET = new ContactSpec("c-3", Channel.BRANCH, "overflow", Map.of(), 1, SMITH,
      attributes("ticket", "B-042"), "B-042", "london", Set.of(), null, null, "general", null, null, null);

  static final ContactSpec MAIL = new ContactSpec("c-4", Channel.EMAIL, "chat", Map.of("english", 1), 2, SMITH,
      attributes("subject", "line\u2028separator </script>"), null, null, Set.of(), "idem-4", "fp-4", null, null,
      null, null);

  static final ContactSpec CALLBACK = new ContactSpec("c-5", Channel.CALLBACK, "sales", Map.of(), -2, WANG,
      attributes("callback", "+86 21 5555 0100"), null, null, Set.of("fund", "securities"), null, null, null,
      new Product("BOND-B", 1), null, null);

  static final FollowUp AFTER_SALE = new FollowUp("f-1", "c-1", null, WANG, "a-1", "callbacks", T0 + DAY, "after sale");
  static final FollowUp AFTER_CASE = new FollowUp("f-2", null, "case-1", Customer.ANONYMOUS, null, "callbacks",
      T0 + 2 * DAY + 500, "after complaint 投诉回访");

  // ------------------------------------------------------------- the journal

  /** The golden journal's events, in order: event {@code i} is stored as seq {@code i + 1}. */
  public static List<Recorded> events() {
    List<Recorded> out = new ArrayList<>();
    String admin = "admin:ops";
    String supervisor = "supervisor:李雷";
    add(out, 0, admin, new Event.RulesConfigured(ServiceRules.DEFAULTS));
    add(out, 1, admin, new Event.RulesConfigured(RULES));
    add(out, 2, admin, new Event.CalendarConfigured(OFFICE));
    add(out, 3, admin, new Event.CalendarConfigured(ALWAYS));
    add(out, 4, admin, new Event.CalendarConfigured(WEEKDAYS));
    add(out, 5, admin, new Event.CategoryConfigured(VIP));
    add(out, 6, admin, new Event.CategoryConfigured(GENERAL));
    add(out, 7, admin, new Event.QueueConfigured(SALES));
    add(out, 8, admin, new Event.QueueConfigured(OVERFLOW));
    add(out, 9, admin, new Event.QueueConfigured(CHAT));
    add(out, 10, admin, new Event.QueueConfigured(REVIEW));
    add(out, 11, admin, new Event.AgentConfigured(ZHANG));
    add(out, 12, admin, new Event.AgentConfigured(PLAIN));
    add(out, 13, admin, new Event.AgentConfigured(TRAINEE));
    add(out, 14, admin, new Event.ApiKeyIssued("k-1", "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
        "agent", "a-1", "Zhang's 🔑 console", T0 + 30 * DAY));
    add(out, 15, admin, new Event.ApiKeyIssued("k-2", "a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3",
        "supervisor", null, null, null));
    add(out, 16, "agent:a-1", new Event.AgentStatusChanged("a-1", AgentStatus.AVAILABLE, null, null));
    add(out, 17, "agent:a-2", new Event.AgentStatusChanged("a-2", AgentStatus.NOT_READY, "lunch 🍜", null));
    add(out, 18, "agent:a-3", new Event.AgentStatusChanged("a-3", AgentStatus.OFFLINE, null, null));

    add(out, 20, "telephony", new Event.ContactQueued(CALL));
    add(out, 20, "router", new Event.ComplianceChecked("c-1", Set.of("securities", "fund"), new Product("FUND-A", 4), 3,
        true, "review", List.of("needs licences fund, securities", "product risk 4 > customer risk 3: held for review")));
    add(out, 20, "router", new Event.SlaStarted("c-1", "category:vip", VIP_SLA, at(20), at(30), at(25),
        List.of(at(25), at(30))));
    add(out, 20, "router", new Event.RoutingStageChanged("c-1", RouteStage.PREFERRED, "a-1", "team-东", at(65),
        "relationship manager a-1 first"));
    add(out, 20, "router", new Event.OfferMade("o-1", "c-1", "a-1", at(40), List.of(
        "trigger: contact c-1 arrived", "meets mandarin ≥ 3 (has 5)", "ranked first: longest ready")));
    add(out, 22, "agent:a-1", new Event.OfferRejected("o-1", "c-1", "a-1", "busy"));
    add(out, 22, "router", new Event.OfferMade("o-2", "c-1", "a-1", at(42), List.of()));
    add(out, 24, "agent:a-1", new Event.OfferRejected("o-2", "c-1", "a-1", null));
    add(out, 25, "timer", new Event.SlaThresholdReached("c-1", 0, 50, SlaPolicy.Action.RAISE_PRIORITY, 10, null,
        "priority +10", at(27) + 500));
    add(out, 27, "timer", new Event.SlaThresholdReached("c-1", 1, 75, SlaPolicy.Action.RELAX_SKILLS, 1, null,
        "skills relaxed by 1 level", at(28)));
    add(out, 28, "timer", new Event.SlaThresholdReached("c-1", 2, 90, SlaPolicy.Action.ALERT, 0, null,
        "supervisors alerted", at(30)));
    add(out, 29, "timer", new Event.SlaThresholdReached("c-1", 4, 150, SlaPolicy.Action.OVERFLOW, 0, "overflow",
        "moved to overflow", null));
    add(out, 30, "timer", new Event.SlaBreached("c-1", 3, "sales", at(30), at(45)));
    add(out, 31, "timer", new Event.SlaBreached("c-1", 5, "overflow", at(31) + 1, null));
    add(out, 35, "timer", new Event.RoutingStageChanged("c-1", RouteStage.TEAM, null, "team-东", at(95),
        "relationship manager's time is up"));
    add(out, 36, "timer", new Event.RoutingStageChanged("c-1", RouteStage.OPEN, null, null, null, "anyone qualified"));
    add(out, 37, "router", new Event.OfferMade("o-3", "c-1", "a-1", at(57), List.of("trigger: agent a-1 ready")));
    add(out, 57, "timer", new Event.OfferTimedOut("o-3", "c-1", "a-1"));
    add(out, 58, "router", new Event.OfferMade("o-4", "c-1", "a-1", at(78), List.of("trigger: retry")));
    add(out, 59, "agent:a-1", new Event.OfferAccepted("o-4", "c-1", "a-1"));
    add(out, 60, "agent:a-1", new Event.ContactTransferred("c-1", "a-1", "overflow", null));
    add(out, 61, supervisor, new Event.ContactTransferred("c-1", null, "sales", "a-2"));
    add(out, 62, "router", new Event.OfferMade("o-5", "c-1", "a-2", at(82), List.of("trigger: transfer to a-2")));
    add(out, 63, "router", new Event.OfferRevoked("o-5", "c-1", "a-2", "agent_offline"));
    add(out, 64, "router", new Event.OfferMade("o-6", "c-1", "a-2", at(84), List.of("trigger: transfer to a-2")));
    add(out, 64, "reconciler", new Event.OfferRevoked("o-6", "c-1", "a-2", null));
    add(out, 65, "router", new Event.OfferMade("o-7", "c-1", "a-1", at(85), List.of("trigger: a-1 ready")));
    add(out, 66, "agent:a-1", new Event.OfferAccepted("o-7", "c-1", "a-1"));
    add(out, 120, "agent:a-1", new Event.ContactCompleted("c-1", "a-1", "sale", "客户满意 ✓\r\nline two", "trade"));
    add(out, 120, "router", new Event.AgentStatusChanged("a-1", AgentStatus.WRAP_UP, null, at(165) + 7));
    add(out, 121, "router", new Event.FollowUpScheduled(AFTER_SALE));
    add(out, 125, "survey", new Event.SurveyRecorded("c-1", "a-1", "sales", 5, 10, "很好 — thanks"));

    add(out, 200, "telephony", new Event.ContactOutOfHours("c-5", "sales", "office", CalendarSpec.Treatment.CALLBACK,
        "outside office hours", at(3600)));
    add(out, 200, "telephony", new Event.ContactQueued(CALLBACK));
    add(out, 201, "web", new Event.ContactOutOfHours("c-2", "chat", "weekdays", CalendarSpec.Treatment.QUEUE,
        "closed: queued for opening", null));
    add(out, 201, "web", new Event.ContactQueued(CHAT_CONTACT));
    add(out, 201, "router", new Event.ComplianceChecked("c-2", Set.of(), null, null, false, null, List.of()));
    add(out, 202, "telephony", new Event.CallbackRequested("c-5", "+86 21 5555 0100"));
    add(out, 203, "telephony", new Event.CallbackRequested("c-5", null));
    add(out, 204, "web", new Event.ContactAbandoned("c-2"));
    add(out, 205, "survey", new Event.SurveyRecorded("c-2", null, "chat", 1, null, null));
    add(out, 206, "kiosk", new Event.ContactQueued(TICKET));
    add(out, 207, "mail", new Event.ContactQueued(MAIL));
    add(out, 208, "agent:a-2", new Event.ContactCompleted("c-3", "a-2", null, null, null));

    add(out, 300, "agent:a-1", new Event.CaseOpened("case-1", WANG, "c-1", Channel.VOICE, "rude reply 态度差",
        Complaint.Kind.SERVICE_ATTITUDE, Complaint.Severity.MAJOR, "agent:a-1"));
    add(out, 300, "router", new Event.CaseStageStarted("case-1", Complaint.Stage.INTAKE, "c-6", at(900), at(780)));
    add(out, 780, "timer", new Event.CaseDeadlineReached("case-1", Complaint.Stage.INTAKE, false, at(900), at(900)));
    add(out, 900, "timer", new Event.CaseDeadlineReached("case-1", Complaint.Stage.INTAKE, true, at(900), null));
    add(out, 950, "agent:a-1", new Event.CaseAdvanced("case-1", Complaint.Step.CLASSIFY, Complaint.Stage.INTAKE,
        Complaint.Stage.INVESTIGATION, "agent:a-1", "a-1", null, Complaint.Kind.TRADE_EXCEPTION,
        Complaint.Severity.NORMAL, "交易部", null));
    add(out, 1000, supervisor, new Event.CaseAdvanced("case-1", Complaint.Step.INVESTIGATE,
        Complaint.Stage.INVESTIGATION, Complaint.Stage.RESULT, supervisor, null, "findings: order delayed",
        Complaint.Kind.BUSINESS_OPERATION, null, null, null));
    add(out, 1100, supervisor, new Event.CaseAdvanced("case-1", Complaint.Step.RESULT, Complaint.Stage.RESULT,
        Complaint.Stage.FEEDBACK, supervisor, "a-2", "refund of fees", Complaint.Kind.SYSTEM_FAULT,
        Complaint.Severity.MAJOR, "IT", null));
    add(out, 1200, "agent:a-1", new Event.CaseAdvanced("case-1", Complaint.Step.FEEDBACK, Complaint.Stage.FEEDBACK,
        Complaint.Stage.CLOSED, "agent:a-1", null, "customer not satisfied", Complaint.Kind.OTHER, null, null, false));
    add(out, 1200, "router", new Event.CaseStageStarted("case-1", Complaint.Stage.CLOSED, null, null, null));
    add(out, 1200, "router", new Event.FollowUpScheduled(AFTER_CASE));
    add(out, 1300, "mail", new Event.CaseOpened("case-2", Customer.ANONYMOUS, null, Channel.EMAIL, "",
        null, Complaint.Severity.NORMAL, "mail"));
    add(out, 1301, supervisor, new Event.CaseAdvanced("case-2", Complaint.Step.CLOSE, Complaint.Stage.INTAKE,
        Complaint.Stage.CLOSED, supervisor, null, null, null, null, null, true));

    add(out, 86_400, "timer", new Event.FollowUpDue("f-1", "c-7", "callback queued"));
    add(out, 172_800, "timer", new Event.FollowUpDue("f-2", null, "queue callbacks is gone"));
    add(out, 172_801, "agent:a-1", new Event.AgentStatusChanged("a-1", AgentStatus.OFFLINE, "end of shift", null));
    add(out, 172_802, admin, new Event.ApiKeyRevoked("k-1", at(172_802)));
    add(out, 172_803, admin, new Event.ApiKeyRevoked("configured:ops", T0 + 3 * DAY + 999));
    return out;
  }

  // ------------------------------------------------------------- timers

  /** One timer of every kind a timer store holds, with every stage a timer command names. */
  public static List<Timers.Timer> timers() {
    return List.of(
        new Timers.Timer("offer:o-1", at(40), new Command.ExpireOffer("timer", "o-1")),
        new Timers.Timer("wrapup:a-1", at(165) + 7, new Command.EndWrapUp("timer", "a-1", at(165) + 7)),
        new Timers.Timer("sla:c-1", at(25), new Command.ReachSlaPoint("timer", "c-1", 0)),
        new Timers.Timer("sla:c-4", at(27) + 500, new Command.ReachSlaPoint("timer", "c-4", 4)),
        new Timers.Timer("route:c-1", at(65), new Command.WidenRouting("timer", "c-1", RouteStage.PREFERRED)),
        new Timers.Timer("route:c-5", at(95), new Command.WidenRouting("timer", "c-5", RouteStage.TEAM)),
        new Timers.Timer("route:c-9", at(96), new Command.WidenRouting("timer", "c-9", RouteStage.OPEN)),
        new Timers.Timer("followup:f-1", T0 + DAY, new Command.StartFollowUp("timer", "f-1")),
        new Timers.Timer("case:case-1", at(780), new Command.ReachCaseDeadline("timer", "case-1",
            Complaint.Stage.INTAKE, 0)),
        new Timers.Timer("case:case-3", at(900), new Command.ReachCaseDeadline("timer", "case-3",
            Complaint.Stage.INVESTIGATION, 1)),
        new Timers.Timer("case:case-4", at(901), new Command.ReachCaseDeadline("timer", "case-4",
            Complaint.Stage.RESULT, 0)),
        new Timers.Timer("case:case-5", at(902), new Command.ReachCaseDeadline("timer", "case-5",
            Complaint.Stage.FEEDBACK, 1)),
        new Timers.Timer("case:case-6", at(903), new Command.ReachCaseDeadline("timer", "case-6",
            Complaint.Stage.CLOSED, 0)));
  }

  // ------------------------------------------------------------- helpers

  /**
   * Revision 2 of event format 1 (written with the telephony work): what the format gained without
   * writing any earlier value differently. A voice contact with the call a switch holds, an agent
   * with a device, an offer naming the device it rings, and the three events of calls. Revision 1
   * ({@link #events()}) still decodes and encodes exactly as before.
   */
  public static List<Recorded> revision2() {
    List<Recorded> out = new ArrayList<>();
    String admin = "admin:ops";
    String telephony = "telephony:kamailio-1";
    AgentProfile phone = new AgentProfile("a-9", "Chén Jìng 陈静", Map.of("sales", 4), List.of(Licence.permanent("securities")),
        "sh", null, Map.of(Channel.VOICE, 1), Map.of("sip", "sip:1009@127.0.0.1:5071;transport=udp"));
    add(out, 0, admin, new Event.AgentConfigured(phone));
    ContactSpec call = new ContactSpec("c-call", Channel.VOICE, "sales", Map.of(), 10, new Customer("cust-9", "赵敏", null,
        3, null), Map.of(), "ext-call", null, Set.of(), null, null, null, null, null,
        new dev.contactrouter.core.Call("a84b4c76e66710@pc33.example.com", "+86 138 0013 8000", "95555"));
    add(out, 1, telephony, new Event.ContactQueued(call));
    ContactSpec anonymous = new ContactSpec("c-withheld", Channel.VOICE, "sales", Map.of(), 0, null, Map.of(), null, null,
        Set.of(), null, null, null, null, null, new dev.contactrouter.core.Call("1-2345@127.0.0.1", null, null));
    add(out, 2, telephony, new Event.ContactQueued(anonymous));
    add(out, 3, "router", new Event.OfferMade("c-call.1", "c-call", "a-9", at(18),
        List.of("trigger: contact waiting in queue sales"), phone.devices()));
    add(out, 4, telephony, new Event.CallRinging("c-call", "c-call.1", "a-9"));
    add(out, 5, telephony, new Event.OfferAccepted("c-call.1", "c-call", "a-9"));
    add(out, 65, telephony, new Event.ContactCompleted("c-call", "a-9", "hangup", null, null));
    add(out, 80, "agent:a-9", new Event.DispositionRecorded("c-call", "a-9", "resolved", "客户询问 \"融资融券\""));
    add(out, 90, telephony, new Event.CallLost("c-withheld", "1-2345@127.0.0.1", null,
        "the switch no longer holds call 1-2345@127.0.0.1 (queued)"));
    add(out, 90, telephony, new Event.ContactAbandoned("c-withheld"));
    return out;
  }

  /**
   * Revision 3 of event format 1 (written with the sign-in throttle): refused console sign-ins, a
   * wrong password and an attempt refused while throttled. Earlier revisions are unchanged.
   */
  public static List<Recorded> revision3() {
    List<Recorded> out = new ArrayList<>();
    add(out, 0, "anonymous", new Event.SignInRefused("li", "127.0.0.1", "bad_credentials", 5, 1));
    add(out, 1, "anonymous", new Event.SignInRefused("李雷 \"x\"", "0:0:0:0:0:0:0:1", "throttled", 5, 1));
    add(out, 2, "anonymous", new Event.SignInRefused("nobody", "10.1.2.3", "bad_credentials", 1, 0));
    return out;
  }

  /**
   * Revision 4 of event format 1 (written with webhooks): a webhook made with a queue filter, one
   * paused without, and one removed; the secret is stored (deliveries are signed with it after a
   * restart). Earlier revisions are unchanged.
   */
  public static List<Recorded> revision4() {
    List<Recorded> out = new ArrayList<>();
    add(out, 0, "admin", new Event.WebhookConfigured(new dev.contactrouter.core.WebhookSpec("crm",
        "https://crm.example.com/hooks/router?tenant=a&x=\"1\"", java.util.Set.of("offer_accepted", "contact_queued"),
        java.util.Set.of("stocks", "funds"), "s3cret-0123456789-密钥", true)));
    add(out, 1, "admin", new Event.WebhookConfigured(new dev.contactrouter.core.WebhookSpec("ivr",
        "http://127.0.0.1:8089/position", java.util.Set.of("position_changed"), java.util.Set.of(),
        "another-secret-abcdef", false)));
    add(out, 2, "admin", new Event.WebhookDeleted("ivr"));
    return out;
  }

  /**
   * Revision 5 of event format 1 (written with the branch board): an agent with a counter label,
   * which the board shows instead of the agent's name, and the same agent's profile replaced by
   * one without it. Earlier revisions are unchanged.
   */
  public static List<Recorded> revision5() {
    List<Recorded> out = new ArrayList<>();
    String admin = "admin:ops";
    add(out, 0, admin, new Event.AgentConfigured(new AgentProfile("a-7", "刘洋 Liú Yáng", Map.of(), List.of(), "sz-futian",
        null, Map.of(Channel.BRANCH, 1), null, "3号窗口 \"VIP\"")));
    add(out, 1, admin, new Event.AgentConfigured(new AgentProfile("a-7", "刘洋 Liú Yáng", Map.of(), List.of(), "sz-futian",
        null, Map.of(Channel.BRANCH, 1), null, null)));
    return out;
  }

  /**
   * Revision 6: the {@code sms} channel (issue 19) on a queue, an agent's capacity and a contact;
   * only a new enum value, so every event written before reads and writes as it did.
   */
  public static List<Recorded> revision6() {
    List<Recorded> out = new ArrayList<>();
    String admin = "admin:ops";
    add(out, 0, admin, new Event.QueueConfigured(new QueueSpec("sms", "SMS 短信", Channel.SMS, Map.of(), null, Set.of(),
        0, 1.0, 30, 0, 600, null, null, null)));
    add(out, 1, admin, new Event.AgentConfigured(new AgentProfile("a-8", "Zhōu Lì 周丽", Map.of(), List.of(), null,
        null, Map.of(Channel.CHAT, 2, Channel.SMS, 4), null, null)));
    add(out, 2, "telephony", new Event.ContactQueued(new ContactSpec("c-9", Channel.SMS, "sms", Map.of(), 0, WANG,
        null, "sms-10086-1", null, Set.of(), null, null, null, null, null, null)));
    return out;
  }

  /** Revision 7: a contact marked major (重大问题), by whom (the actor) and why; the reason written only when given. */
  public static List<Recorded> revision7() {
    List<Recorded> out = new ArrayList<>();
    add(out, 0, "supervisor:lead", new Event.ContactMarkedMajor("c-9", "交易系统故障 — trading halted \"all accounts\"", 50));
    add(out, 1, "telephony", new Event.ContactMarkedMajor("c-10", null, 50));
    return out;
  }

  /**
   * Revision 8: the service stages (§1.2.2): a queue that serves a stage ({@code stage} on its
   * config, written only when set) and contacts advanced to a stage, by whom, and the queue serving
   * it that took the contact over ({@code toQueue}, written only when handed off).
   */
  public static List<Recorded> revision8() {
    List<Recorded> out = new ArrayList<>();
    add(out, 0, "admin:ops", new Event.QueueConfigured(new QueueSpec("settlement", "结算 Settlement desk", Channel.VOICE,
        Map.of("settlement", 2), null, Set.of(), 10, 0.5, 20, 30, 300, null, null, ServiceStage.SETTLEMENT)));
    add(out, 1, "agent:a-1", new Event.ContactStageAdvanced("c-9", ServiceStage.CONSULTATION, "agent:a-1", null));
    add(out, 2, "telephony", new Event.ContactStageAdvanced("c-9", ServiceStage.TRADE, "telephony", null));
    add(out, 3, "agent:a-1", new Event.ContactStageAdvanced("c-9", ServiceStage.SETTLEMENT, "agent:a-1", "settlement"));
    add(out, 4, "supervisor:lead", new Event.ContactStageAdvanced("c-9", ServiceStage.FEEDBACK, "supervisor:lead", null));
    return out;
  }

  /**
   * Revision 9: account-opening cases (issue 19): the rules' {@code accountOpening} (written only
   * when configured, so rules written before read back the same), a case received from a branch
   * ticket and one from a call, a step with its note, and the last step with the working days it took.
   */
  public static List<Recorded> revision9() {
    List<Recorded> out = new ArrayList<>();
    add(out, 0, "admin:ops", new Event.RulesConfigured(new ServiceRules(null, null, null, null, null,
        ServiceRules.DEFAULT_MISSED_OFFERS, new ServiceRules.AccountOpenings("accounts", "hq", 3, 75,
            Map.of("suitability_assessed", "suitability")))));
    add(out, 1, "telephony:kiosk", new Event.AccountCaseOpened("ao-1", WANG, Channel.BRANCH, null,
        at(3 * 86_400), at(2 * 86_400), "ao-1-documents_checked", "telephony/kiosk"));
    add(out, 2, "agent:a-1", new Event.AccountCaseOpened("ao-2", SMITH, Channel.VOICE, "c-9", at(4 * 86_400),
        at(3 * 86_400), "ao-2-documents_checked", "agent:a-1"));
    add(out, 3, "agent:a-1", new Event.AccountCaseAdvanced("ao-1", AccountOpening.Step.DOCUMENTS_CHECKED, "agent:a-1",
        "a-1", "身份证、银行卡已核验 \"ok\"", "ao-1-suitability_assessed", null));
    add(out, 4, "supervisor:lead", new Event.AccountCaseAdvanced("ao-1", AccountOpening.Step.ACTIVE, "supervisor:lead",
        "a-2", null, null, 2.75));
    return out;
  }

  /**
   * Revision 10: the catalogues of not-ready reasons and dispositions (an entry retired, labels in
   * both languages, a kind set back to free text with no entries), and a complaint case reopened
   * after unsatisfied feedback (step {@code reopen}, from closed back to investigation).
   */
  public static List<Recorded> revision10() {
    List<Recorded> out = new ArrayList<>();
    add(out, 0, "admin", new Event.CatalogueConfigured(new Catalogue(Catalogue.Kind.NOT_READY_REASONS, List.of(
        new Catalogue.Entry("break", Map.of("en", "Break", "zh-CN", "小休"), true),
        new Catalogue.Entry("return-visit", Map.of("en", "Return visits \"回访\"", "zh-CN", "回访"), true),
        new Catalogue.Entry("smoking", Map.of("en", "Smoking", "zh-CN", "吸烟"), false)))));
    add(out, 1, "admin", new Event.CatalogueConfigured(new Catalogue(Catalogue.Kind.DISPOSITIONS, List.of())));
    add(out, 2, "supervisor:lead", new Event.CaseAdvanced("k-1", Complaint.Step.REOPEN, Complaint.Stage.CLOSED,
        Complaint.Stage.INVESTIGATION, "supervisor:lead", null, "客户仍不满意: statement shows both charges", null, null,
        "complaints", null));
    return out;
  }

  /**
   * Revision 11: contacts released from a compliance hold (issue 19): by a supervisor with the
   * customer re-assessed, and by the router when a licence nobody held is held (no risk level).
   */
  public static List<Recorded> revision11() {
    List<Recorded> out = new ArrayList<>();
    add(out, 0, "supervisor:lead", new Event.ContactReleased("c-11", "funds", 4, "重新评估 — re-assessed by phone \"Q-118\"",
        Set.of("fund"), List.of("licences required: fund (held valid by 2 agents now; never relaxed)",
            "suitable: customer risk level 4 >= product F1 risk level 4")));
    add(out, 1, "router", new Event.ContactReleased("c-12", "mortgages", null,
        "an agent now holds a valid mortgage licence", Set.of("mortgage"), List.of()));
    return out;
  }

  /** Revision 12's data keys: fixed bytes, so the golden file can be written again to the byte. */
  static final CustomerKey KEY_ZHAO = new CustomerKey("k-golden-zhao", "cust-12", secret(1));
  static final CustomerKey KEY_SMITH = new CustomerKey("k-golden-smith", "cust-2", secret(101));

  /**
   * Revision 12: customers' personal fields sealed with their data keys (crypto-shredding), and an
   * erasure. Each event is stored with the key {@link #revision12Keys()} gives at its index.
   */
  public static List<Recorded> revision12() {
    List<Recorded> out = new ArrayList<>();
    ContactSpec call = new ContactSpec("c-121", Channel.VOICE, "sales", Map.of("mandarin", 3), 5,
        new Customer("cust-12", "赵敏 Zhao Min", "gold", 4, "a-1"), attributes("account", "6222 0000 1111", "note", "wants \"fund\" advice"),
        "ext-121", "shanghai", Set.of("securities"), "idem-121", null, null, null, null,
        new dev.contactrouter.core.Call("c121@pc33.example.com", "+86 139 0000 1212", "95555"));
    add(out, 0, "telephony", new Event.ContactQueued(call));
    add(out, 1, "agent:a-1", new Event.ContactCompleted("c-121", "a-1", "sale", "客户要求回电 13900001212", null));
    add(out, 2, "telephony", new Event.CallbackRequested("c-121", "+86 139 0000 1212"));
    add(out, 3, "agent:a-1", new Event.CaseOpened("case-121", SMITH, "c-4", Channel.EMAIL, "Jo Smith says fees were wrong",
        Complaint.Kind.BUSINESS_OPERATION, Complaint.Severity.NORMAL, "agent:a-1"));
    add(out, 4, "agent:a-1", new Event.ContactCompleted("c-122", "a-1", "sale", null, null));
    add(out, 5, "admin:ops", new Event.PersonalDataErased(List.of("k-golden-smith"), "PIPL art. 47 request R-2025-01"));
    return out;
  }

  /** The key each event of {@link #revision12()} is stored with (null: none, stored in clear). */
  public static List<CustomerKey> revision12Keys() {
    return java.util.Arrays.asList(KEY_ZHAO, KEY_ZHAO, KEY_ZHAO, KEY_SMITH, KEY_ZHAO, null);
  }

  /**
   * Revision 13: staff free text about a customer's contact sealed with the customer's key too: a
   * major contact's reason and a hold release's reason (one by a supervisor, one by the router).
   */
  public static List<Recorded> revision13() {
    List<Recorded> out = new ArrayList<>();
    add(out, 0, "agent:a-1", new Event.ContactMarkedMajor("c-131", "赵敏 threatens to go to the CSRC: \"fees\"", 30));
    add(out, 1, "supervisor:lead", new Event.ContactReleased("c-131", "funds", 4, "re-assessed by phone, Zhao Min agreed",
        Set.of("fund"), List.of("suitable: customer risk level 4 >= product F1 risk level 4")));
    add(out, 2, "router", new Event.ContactReleased("c-132", "mortgages", null,
        "an agent now holds a valid mortgage licence", Set.of("mortgage"), List.of()));
    add(out, 3, "agent:a-1", new Event.ContactMarkedMajor("c-133", null, 30));
    return out;
  }

  /** The key each event of {@link #revision13()} is stored with (null: none, stored in clear). */
  public static List<CustomerKey> revision13Keys() {
    return java.util.Arrays.asList(KEY_ZHAO, KEY_ZHAO, null, KEY_SMITH);
  }

  private static byte[] secret(int first) {
    byte[] out = new byte[32];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (first + i);
    }
    return out;
  }

  private static void add(List<Recorded> out, long seconds, String actor, Event event) {
    out.add(new Recorded(at(seconds) + out.size(), actor, event));
  }

  static Map<String, String> attributes(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private static Map<Channel, Integer> capacity(Object... pairs) {
    Map<Channel, Integer> out = new EnumMap<>(Channel.class);
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((Channel) pairs[i], (Integer) pairs[i + 1]);
    }
    return out;
  }

  private static Map<DayOfWeek, List<CalendarSpec.Hours>> weekly() {
    Map<DayOfWeek, List<CalendarSpec.Hours>> week = new EnumMap<>(DayOfWeek.class);
    List<CalendarSpec.Hours> day = List.of(CalendarSpec.Hours.of("09:00", "12:00"), CalendarSpec.Hours.of("13:00", "18:00"));
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      week.put(d, day);
    }
    week.put(DayOfWeek.SATURDAY, List.of(CalendarSpec.Hours.of("10:00", "24:00")));
    week.put(DayOfWeek.SUNDAY, List.of());
    return week;
  }

  private static Map<DayOfWeek, List<CalendarSpec.Hours>> allWeek() {
    Map<DayOfWeek, List<CalendarSpec.Hours>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      week.put(d, List.of(CalendarSpec.Hours.of("00:00", "24:00")));
    }
    return week;
  }

  private static TreeMap<LocalDate, List<CalendarSpec.Hours>> special() {
    TreeMap<LocalDate, List<CalendarSpec.Hours>> days = new TreeMap<>();
    days.put(LocalDate.of(2025, 1, 26), List.of(CalendarSpec.Hours.of("09:00", "17:00")));
    days.put(LocalDate.of(2025, 2, 1), List.of());
    return days;
  }
}
