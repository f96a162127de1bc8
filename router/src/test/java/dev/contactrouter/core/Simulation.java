package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Drives one random command sequence into an indexed and a linear domain and checks, after every
 * step, everything the properties promise: identical decisions, internal invariants, legal and
 * well-ranked offers (against the {@link Shadow} oracle), no idle match left behind, and timers
 * that follow the events.
 */
final class Simulation {
  static final long T0 = Centre.T0;
  static final List<String> SKILLS = List.of("billing", "sales", "tech");
  static final double[] AGING_RATES = {0, 0.1, 0.25, 0.5, 1.0, 3.0};
  static final double EPSILON = 1e-6;
  static final int MAX_AGENTS = 8;
  static final int MAX_QUEUES = 5;

  enum Kind {
    ADVANCE, CREATE, STATUS, ACCEPT, REJECT, COMPLETE, ABANDON, TRANSFER, FIRE_TIMERS,
    NEXT_TIMER, EXPIRE_ANY, END_WRAP_UP, CONFIGURE_QUEUE, CONFIGURE_AGENT, CONFIGURE_CALENDAR, REACH_SLA,
    CONFIGURE_CATEGORY, CALLBACK, SURVEY, OPEN_COMPLAINT, ADVANCE_COMPLAINT, CONFIGURE_RULES, CALL_REPORT,
    RECONCILE_CALLS, STAGE
  }

  /** The queue that takes every channel: compliance review, complaint work and return visits. */
  static final String SERVICE_QUEUE = "svc";

  static final List<String> CALENDARS = List.of("day", "always");

  /** One abstract step; its numbers pick concrete targets from the state when it runs. */
  record Op(Kind kind, int a, int b, int c, int d) {}

  /**
   * The centre's size and channels, and a seed for its initial configuration; a {@code gated} one
   * has a review queue with its own requirement and more contacts with gates to pass.
   */
  record Universe(int queues, int agents, List<Channel> channels, long seed, boolean gated) {
    Universe(int queues, int agents, List<Channel> channels, long seed) {
      this(queues, agents, channels, seed, false);
    }
  }

  final RoutingDomain indexed = new RoutingDomain(MatcherKind.INDEXED);
  final RoutingDomain linear = new RoutingDomain(MatcherKind.LINEAR);
  final Shadow shadow = new Shadow();
  final GateOracle gates = new GateOracle(shadow);
  final List<Recorded> journal = new ArrayList<>();
  /**
   * Journal sizes at which a command's events end: the only places a writer snapshots (it
   * snapshots committed batches, never part of a command's events).
   */
  final List<Integer> commandEnds = new ArrayList<>(List.of(0));
  final Map<String, Timers.Timer> armed = new TreeMap<>();
  final List<String> trace = new ArrayList<>();
  final Universe universe;
  long now = T0;
  int steps;
  int contactSeq;
  int agentSideOffers;
  int contactSideOffers;
  int caseSeq;

  Simulation(Universe universe) {
    this.universe = universe;
    Random rnd = new Random(universe.seed());
    step(new Command.ConfigureCalendar("admin", calendar(rnd, "day", false)));
    step(new Command.ConfigureCalendar("admin", calendar(rnd, "always", false)));
    step(new Command.ConfigureCategory("admin", new CategorySpec("major", null, slaPolicy(rnd))));
    for (int i = 0; i < universe.queues(); i++) {
      step(new Command.ConfigureQueue("admin", queueSpec(rnd, "q" + i, false)));
    }
    step(new Command.ConfigureQueue("admin", new QueueSpec(SERVICE_QUEUE, null, null,
        universe.gated() ? Map.of("tech", 1 + rnd.nextInt(3)) : null, null,
        universe.gated() && rnd.nextBoolean() ? Set.of("mortgage") : null, 5, 0.5, 20, 0, 120, null, null, null)));
    step(new Command.ConfigureRules("admin", rules(rnd, true)));
    for (int i = 0; i < universe.agents(); i++) {
      step(new Command.ConfigureAgent("admin", agentProfile(rnd, "a" + i, false)));
      if (rnd.nextBoolean()) {
        step(new Command.SetAgentStatus("agent:a" + i, "a" + i, AgentStatus.AVAILABLE, null));
      }
    }
  }

  /**
   * A catalogue the operation picks: not-ready reasons without {@code training} (so some status
   * changes are refused) or with it retired, dispositions with or without {@code done} (the
   * supervisor's {@code closed} always allowed, so closing everything still can), or no entries
   * (free text again).
   */
  private static Catalogue catalogue(Op op) {
    Map<String, String> labels = Map.of("en", "label", "zh-CN", "标签");
    List<Catalogue.Entry> entries = new ArrayList<>();
    Catalogue.Kind kind = op.c() % 2 == 0 ? Catalogue.Kind.NOT_READY_REASONS : Catalogue.Kind.DISPOSITIONS;
    if (op.d() % 4 != 0) {
      List<String> codes = kind == Catalogue.Kind.NOT_READY_REASONS ? List.of("break", "lunch") : List.of("closed");
      codes.forEach(code -> entries.add(new Catalogue.Entry(code, labels, true)));
      String optional = kind == Catalogue.Kind.NOT_READY_REASONS ? "training" : "done";
      if (op.d() % 4 != 1) {
        entries.add(new Catalogue.Entry(optional, labels, op.d() % 4 == 2));
      }
    }
    return new Catalogue(kind, entries);
  }

  // ------------------------------------------------------------------ running

  /** Performs {@code ops} in order; returns this simulation, for a property to check it. */
  Simulation run(List<Op> ops) {
    for (Op op : ops) {
      perform(op);
    }
    return this;
  }

  /** Runs one concrete command on both domains and checks everything that must hold after it. */
  Decision step(Command command) {
    steps++;
    trace.add("@" + (now - T0) + " " + command);
    try {
      Decision decision = indexed.handle(command, now);
      Decision reference = linear.handle(command, now);
      assertThat(decision).as("indexed decision vs linear").isEqualTo(reference);
      indexed.checkInvariants();
      linear.checkInvariants();
      if (decision instanceof Decision.Applied applied) {
        for (Recorded r : applied.events()) {
          assertThat(r.at()).isEqualTo(now);
          checkBeforeFolding(r.event());
          gates.beforeFolding(r.event(), now);
          shadow.fold(r);
          checkAfterFolding(r.event());
          journal.add(r);
          followTimers(r.event());
        }
        commandEnds.add(journal.size());
      }
      checkNoIdleMatch();
      checkShadowAgrees();
      gates.afterCommand(now);
      assertThat(indexed.liveTimers())
          .as("live timers vs the fold of Timers.changes")
          .containsExactlyInAnyOrderElementsOf(armed.values());
      return decision;
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n--- last commands:\n" + lastCommands(), e);
    }
  }

  private String lastCommands() {
    return String.join("\n", trace.subList(Math.max(0, trace.size() - 25), trace.size()));
  }

  private void perform(Op op) {
    List<String> queueIds = new ArrayList<>(shadow.queues.keySet());
    List<String> agentIds = new ArrayList<>(shadow.agents.keySet());
    switch (op.kind()) {
      case ADVANCE -> now += switch (op.a() % 4) {
        case 0 -> op.b() % 1_000;
        case 1 -> 1_000L * (1 + op.b() % 10);
        case 2 -> 1_000L * (10 + op.b() % 50);
        default -> (op.b() * 131L) % 120_000;
      };
      case CREATE -> create(op, queueIds);
      case STATUS -> {
        String agent = agentIds.get(op.a() % agentIds.size());
        AgentStatus status = switch (op.b() % 8) {
          case 0, 1, 2, 3 -> AgentStatus.AVAILABLE;
          case 4, 5 -> AgentStatus.NOT_READY;
          case 6 -> AgentStatus.OFFLINE;
          default -> AgentStatus.WRAP_UP;
        };
        String reason = status == AgentStatus.NOT_READY ? List.of("break", "lunch", "training").get(op.c() % 3) : null;
        step(new Command.SetAgentStatus("agent:" + agent, agent, status, reason));
      }
      case ACCEPT -> {
        String offerId = pickOffer(op);
        String by = byAgent(op.c(), offerAgent(offerId), agentIds);
        step(new Command.AcceptOffer(actor(by), offerId, by));
      }
      case REJECT -> {
        String offerId = pickOffer(op);
        String by = byAgent(op.c(), offerAgent(offerId), agentIds);
        step(new Command.RejectOffer(actor(by), offerId, by, op.d() % 2 == 0 ? null : "busy"));
      }
      case COMPLETE -> {
        List<Shadow.Contact> assigned = shadow.withStatus(ContactStatus.ASSIGNED);
        assigned.removeIf(c -> isCaseWork(c) && op.c() % 5 != 0);
        String contact = !assigned.isEmpty() && op.a() % 8 != 0
            ? assigned.get(op.b() % assigned.size()).id()
            : anyContact(op.b());
        Shadow.Contact c = shadow.contacts.get(contact);
        String by = byAgent(op.c(), c == null ? null : c.agent, agentIds);
        step(new Command.CompleteContact(actor(by), contact, by, "done", null));
      }
      case ABANDON -> {
        List<Shadow.Contact> live = live();
        live.removeIf(c -> isCaseWork(c) && op.c() % 5 != 0);
        String contact = !live.isEmpty() && op.a() % 8 != 0
            ? live.get(op.b() % live.size()).id()
            : anyContact(op.b());
        step(new Command.AbandonContact("telephony", contact));
      }
      case TRANSFER -> {
        List<Shadow.Contact> live = live();
        String contact = live.isEmpty() ? anyContact(op.a()) : live.get(op.a() % live.size()).id();
        Shadow.Contact c = shadow.contacts.get(contact);
        int qi = op.b() % (queueIds.size() + 1);
        String toQueue = qi == queueIds.size() ? null : queueIds.get(qi);
        int ai = op.c() % (agentIds.size() + 2);
        String toAgent = ai >= agentIds.size() ? null : agentIds.get(ai);
        String by = switch (op.d() % 4) {
          case 0 -> c == null ? null : c.agent;
          case 1, 2 -> null;
          default -> agentIds.get(op.d() % agentIds.size());
        };
        step(new Command.TransferContact(actor(by), contact, toQueue, toAgent, by));
      }
      case FIRE_TIMERS -> fireDueTimers();
      case NEXT_TIMER -> {
        indexed.liveTimers().stream()
            .mapToLong(Timers.Timer::dueAt)
            .min()
            .ifPresent(due -> now = Math.max(now, due));
        fireDueTimers();
      }
      case EXPIRE_ANY -> step(new Command.ExpireOffer(Timers.TIMER_ACTOR, pickOffer(op)));
      case END_WRAP_UP -> {
        String agent = agentIds.get(op.a() % agentIds.size());
        Long until = shadow.agents.get(agent).wrapUpUntil;
        long fired = until != null && op.b() % 3 != 0 ? until : now - op.c() % 60_000;
        step(new Command.EndWrapUp(Timers.TIMER_ACTOR, agent, fired));
      }
      case CONFIGURE_QUEUE -> {
        int qi = op.a() % (queueIds.size() + (queueIds.size() < MAX_QUEUES ? 1 : 0));
        String id = qi < queueIds.size() ? queueIds.get(qi) : "q" + queueIds.size();
        step(new Command.ConfigureQueue("admin", queueSpec(new Random(op.d()), id, true)));
      }
      case CONFIGURE_CALENDAR -> step(new Command.ConfigureCalendar(
          "admin", calendar(new Random(op.d()), CALENDARS.get(op.a() % CALENDARS.size()), true)));
      case CONFIGURE_CATEGORY -> {
        step(new Command.ConfigureCategory(
            "admin", new CategorySpec("major", null, op.a() % 4 == 0 ? null : slaPolicy(new Random(op.d())))));
        if (op.b() % 3 == 0) {
          step(new Command.ConfigureCatalogue("admin", catalogue(op)));
        }
      }
      case REACH_SLA -> {
        String contact = anyContact(op.a());
        step(new Command.ReachSlaPoint(Timers.TIMER_ACTOR, contact, op.b() % 6));
      }
      case CONFIGURE_AGENT -> {
        int ai = op.a() % (agentIds.size() + (agentIds.size() < MAX_AGENTS ? 1 : 0));
        String id = ai < agentIds.size() ? agentIds.get(ai) : "a" + agentIds.size();
        step(new Command.ConfigureAgent("admin", agentProfile(new Random(op.d()), id, true)));
      }
      case CALLBACK -> {
        List<Shadow.Contact> live = live();
        String contact = !live.isEmpty() && op.a() % 6 != 0 ? live.get(op.b() % live.size()).id() : anyContact(op.b());
        step(new Command.RequestCallback("telephony", contact, op.c() % 2 == 0 ? null : "+86-138-0000-" + op.c() % 10));
      }
      case SURVEY -> {
        List<Shadow.Contact> done = shadow.withStatus(ContactStatus.COMPLETED);
        String contact = !done.isEmpty() && op.a() % 6 != 0 ? done.get(op.b() % done.size()).id() : anyContact(op.b());
        step(new Command.RecordSurvey("supervisor", contact, op.c() % 13 == 0 ? 6 : 1 + op.c() % 5,
            op.d() % 4 == 0 ? null : op.d() % 12, op.d() % 3 == 0 ? "ok" : null));
      }
      case OPEN_COMPLAINT -> {
        List<Shadow.Contact> assigned = shadow.withStatus(ContactStatus.ASSIGNED);
        Shadow.Contact from = !assigned.isEmpty() && op.a() % 3 != 0 ? assigned.get(op.b() % assigned.size()) : null;
        String by = from == null ? (op.c() % 5 == 0 ? agentIds.get(op.c() % agentIds.size()) : null)
            : byAgent(op.c(), from.agent, agentIds);
        Complaint.Kind kind = op.d() % 6 == 5 ? null : Complaint.Kind.values()[op.d() % 5];
        Complaint.Severity severity = op.d() % 7 == 0 ? Complaint.Severity.MAJOR : null;
        step(new Command.OpenComplaint(actor(by), "k" + caseSeq++, from == null ? null : from.id(), by,
            new Customer("cust" + op.b() % 4, null, null, 3), universe.channels().get(op.a() % universe.channels().size()),
            op.c() % 17 == 0 ? " " : "complaint", kind, severity));
      }
      case ADVANCE_COMPLAINT -> advanceComplaint(op, queueIds, agentIds);
      case CONFIGURE_RULES -> step(new Command.ConfigureRules("admin", rules(new Random(op.d()), op.a() % 4 != 0)));
      case CALL_REPORT -> reportCall(op);
      case RECONCILE_CALLS -> {
        // The switch lists most of the calls it holds, and sometimes one the engine never had.
        Set<String> alive = new TreeSet<>();
        for (Shadow.Contact c : shadow.contacts.values()) {
          if (c.spec.call() != null && (op.a() + c.id().hashCode()) % 5 != 0) {
            alive.add(c.spec.callId());
          }
        }
        if (op.b() % 3 == 0) {
          alive.add("call-unknown-" + op.c() % 4);
        }
        step(new Command.ReconcileCalls("telephony", alive, 1_000L * (op.d() % 20)));
      }
      case STAGE -> {
        // Forward, back, the same again; by the holder, another agent, supervision or the switch;
        // now and then naming a queue (serving the stage or not).
        List<Shadow.Contact> live = live();
        String contact = !live.isEmpty() && op.a() % 6 != 0 ? live.get(op.b() % live.size()).id() : anyContact(op.b());
        Shadow.Contact c = shadow.contacts.get(contact);
        String by = switch (op.c() % 4) {
          case 0 -> c == null ? null : c.agent;
          case 1 -> agentIds.get(op.c() % agentIds.size());
          default -> null;
        };
        String queue = op.d() % 5 == 0 ? queueIds.get(op.d() % queueIds.size()) : null;
        step(new Command.AdvanceStage(by == null ? (op.c() % 2 == 0 ? "supervisor" : "telephony") : actor(by), contact,
            by, ServiceStage.values()[op.d() % ServiceStage.values().length], queue));
      }
    }
  }

  private void advanceComplaint(Op op, List<String> queueIds, List<String> agentIds) {
    String caseId = caseSeq == 0 || op.a() % 10 == 0 ? "ghost" : "k" + op.a() % caseSeq;
    CaseView kase = indexed.complaint(caseId, now).orElse(null);
    Complaint.Step step = Complaint.Step.values()[op.b() % Complaint.Step.values().length];
    String holder = null;
    if (kase != null && op.b() % 4 != 0) {
      step = expectedStep(kase);
    }
    if (kase != null && kase.workContactId() != null) {
      Shadow.Contact work = shadow.contacts.get(kase.workContactId());
      holder = work == null ? null : work.agent;
    }
    String by = byAgent(op.c(), holder, agentIds);
    if (step == Complaint.Step.CLOSE && op.c() % 2 == 0) {
      by = null;
    }
    String department = op.d() % 3 == 0 ? queueIds.get(op.d() % queueIds.size()) : null;
    String agentId = op.d() % 4 == 0 ? agentIds.get(op.d() % agentIds.size()) : null;
    if (step == Complaint.Step.REOPEN || kase != null && Boolean.FALSE.equals(kase.satisfied()) && op.b() % 3 == 0) {
      step(new Command.ReopenComplaint("supervisor", caseId, op.d() % 9 == 0 ? null : "reopen " + op.d(), department,
          agentId));
      return;
    }
    step(new Command.AdvanceComplaint(actor(by), caseId, step, by, op.d() % 9 == 0 ? null : "note " + op.d(),
        op.d() % 8 == 0 ? null : Complaint.Kind.values()[op.d() % 5], op.d() % 5 == 0 ? Complaint.Severity.MAJOR : null,
        department, agentId, op.d() % 7 == 0 ? null : op.d() % 2 == 0));
  }

  static Complaint.Step expectedStep(CaseView kase) {
    return switch (kase.stage()) {
      case INTAKE -> Complaint.Step.CLASSIFY;
      case INVESTIGATION -> Complaint.Step.INVESTIGATE;
      case RESULT -> Complaint.Step.RESULT;
      default -> kase.satisfied() == null ? Complaint.Step.FEEDBACK : Complaint.Step.CLOSE;
    };
  }

  /** Rules with short waits and deadlines, so their timers fire within a simulated run. */
  ServiceRules rules(Random rnd, boolean withQueues) {
    String svc = withQueues ? SERVICE_QUEUE : null;
    String calendar = rnd.nextInt(3) == 0 ? null : CALENDARS.get(rnd.nextInt(CALENDARS.size()));
    return new ServiceRules(
        rnd.nextInt(5) == 0 ? null : svc,
        new ServiceRules.Relationship(rnd.nextInt(4) == 0 ? 0 : 5 + rnd.nextInt(40), rnd.nextInt(4) == 0 ? 0 : 5 + rnd.nextInt(60)),
        new ServiceRules.ReturnVisit(rnd.nextInt(4) == 0 ? null : svc, 30 + rnd.nextInt(300), 30 + rnd.nextInt(300),
            Set.of("done", "sale")),
        new ServiceRules.Complaints(svc, calendar, 60 + rnd.nextInt(600), 60 + rnd.nextInt(600), 60 + rnd.nextInt(600),
            60 + rnd.nextInt(300), 30 + rnd.nextInt(200), 20 + rnd.nextInt(100), 50 + rnd.nextInt(51)),
        ServiceRules.ScoreWeights.DEFAULTS);
  }

  private void create(Op op, List<String> queueIds) {
    Random rnd = new Random(op.d());
    String queue = op.a() % 20 == 0 ? "no-such-queue" : queueIds.get(op.a() % queueIds.size());
    QueueSpec q = shadow.queues.get(queue);
    List<Channel> channels = universe.channels();
    Channel channel = q != null && q.channel() != null && op.b() % 10 != 0
        ? q.channel()
        : channels.get(op.b() % channels.size());
    Map<String, Integer> skills = new TreeMap<>();
    if (rnd.nextInt(4) == 0) {
      skills.put(SKILLS.get(rnd.nextInt(3)), 1 + rnd.nextInt(4));
    }
    int priority = rnd.nextInt(40) == 0 ? 101 : rnd.nextInt(31);
    int odds = universe.gated() ? 2 : 1;
    String site = rnd.nextInt(7) < odds ? (rnd.nextBoolean() ? "north" : "south") : null;
    Set<String> licences = rnd.nextInt(10) < odds ? Set.of(rnd.nextBoolean() ? "mortgage" : "adviser") : Set.of();
    String key = null;
    String fingerprint = null;
    if (op.c() % 5 == 0) {
      key = "key-" + (op.c() / 5) % 6;
      fingerprint = "fp-" + (op.c() / 30) % 2;
    }
    String id = "c" + contactSeq++;
    String category = rnd.nextInt(6) == 0 ? (rnd.nextInt(10) == 0 ? "unknown" : "major") : null;
    Integer risk = rnd.nextInt(6) == 0 ? null : 1 + rnd.nextInt(5);
    String manager = rnd.nextInt(4) < odds ? "a" + rnd.nextInt(MAX_AGENTS + 1) : null;
    // Four customers, so the replay property can compare each one's history.
    Customer customer = new Customer("cust" + rnd.nextInt(4), null, null, risk, manager);
    Product product = rnd.nextInt(5) < (universe.gated() ? 3 : 1) ? new Product("P" + rnd.nextInt(3), rnd.nextInt(30) == 0 ? 6 : 1 + rnd.nextInt(5)) : null;
    // Half the calls come from a switch that holds them (a Call-ID); a few reuse one (a retried INVITE).
    Call call = channel == Channel.VOICE && rnd.nextBoolean()
        ? new Call("call-" + (rnd.nextInt(12) == 0 && contactSeq > 1 ? rnd.nextInt(contactSeq - 1) : contactSeq - 1),
            "+8613800" + rnd.nextInt(100), "95555")
        : null;
    step(new Command.CreateContact("telephony", new ContactSpec(
        id, channel, queue, skills, priority, customer, null, null, site, licences, key, fingerprint, category, product,
        null, call)));
  }

  /**
   * A switch's report about one of its calls: mostly the current offer, sometimes a stale or
   * never-made one, a call the engine does not know, or a report repeated.
   */
  private void reportCall(Op op) {
    List<Shadow.Contact> calls = new ArrayList<>();
    for (Shadow.Contact c : shadow.contacts.values()) {
      if (c.spec.call() != null) {
        calls.add(c);
      }
    }
    Shadow.Contact c = calls.isEmpty() || op.a() % 15 == 0 ? null : calls.get(op.a() % calls.size());
    String callId = c == null ? "call-unknown-" + op.b() % 3 : c.spec.callId();
    String offerId = c == null || op.c() % 7 == 0 ? "c" + op.b() % Math.max(1, contactSeq) + "." + (1 + op.d() % 3)
        : c.offerId != null ? c.offerId : c.id() + "." + Math.max(1, op.d() % 3);
    Command.CallReport report = Command.CallReport.values()[op.b() % Command.CallReport.values().length];
    String reason = report == Command.CallReport.NOT_ANSWERED ? (op.d() % 2 == 0 ? "no-answer" : "busy")
        : report == Command.CallReport.HANGUP ? "caller" : null;
    step(new Command.ReportCall("telephony", callId, report, op.c() % 31 == 0 ? null : offerId, reason));
  }

  /** Delivers every timer that is due, earliest first, as the timer store would. */
  void fireDueTimers() {
    List<Timers.Timer> due = new ArrayList<>();
    for (Timers.Timer t : indexed.liveTimers()) {
      if (t.dueAt() <= now) {
        due.add(t);
      }
    }
    due.sort(Comparator.comparingLong(Timers.Timer::dueAt).thenComparing(Timers.Timer::key));
    for (Timers.Timer t : due) {
      step(t.command());
    }
  }

  private String pickOffer(Op op) {
    List<String> pending = new ArrayList<>(shadow.offers.keySet());
    if (!pending.isEmpty() && op.a() % 6 != 0) {
      return pending.get(op.b() % pending.size());
    }
    if (op.a() % 12 == 0 || contactSeq == 0) {
      return "ghost.1";
    }
    return "c" + (op.b() % contactSeq) + "." + (1 + op.d() % 3); // stale, current or never made
  }

  private String offerAgent(String offerId) {
    String contact = shadow.offers.get(offerId);
    return contact == null ? null : shadow.contacts.get(contact).offerAgent;
  }

  /** Mostly the right agent, sometimes a supervisor (null), sometimes the wrong agent. */
  private static String byAgent(int choice, String right, List<String> agentIds) {
    return switch (choice % 6) {
      case 0, 1, 2 -> right;
      case 3, 4 -> null;
      default -> agentIds.get((choice / 6) % agentIds.size());
    };
  }

  private static String actor(String byAgent) {
    return byAgent == null ? "supervisor" : "agent:" + byAgent;
  }

  private String anyContact(int choice) {
    return contactSeq == 0 || choice % 10 == 0 ? "ghost" : "c" + (choice % contactSeq);
  }

  /** A complaint case's work item: it ends only by the case's next step. */
  static boolean isCaseWork(Shadow.Contact c) {
    return c.spec.attributes().containsKey("caseId");
  }

  List<Shadow.Contact> live() {
    List<Shadow.Contact> live = new ArrayList<>();
    for (Shadow.Contact c : shadow.contacts.values()) {
      if (!c.status.terminal()) {
        live.add(c);
      }
    }
    return live;
  }

  // ------------------------------------------------------------------ generation

  QueueSpec queueSpec(Random rnd, String id, boolean mayBeInvalid) {
    List<Channel> channels = universe.channels();
    Channel channel = rnd.nextInt(4) == 0 ? null : channels.get(rnd.nextInt(channels.size()));
    Map<String, Integer> skills = new TreeMap<>();
    for (String s : SKILLS) {
      if (rnd.nextInt(4) == 0) {
        skills.put(s, 1 + rnd.nextInt(3));
      }
    }
    String site = rnd.nextInt(10) < 7 ? null : (rnd.nextBoolean() ? "north" : "south");
    Set<String> licences = rnd.nextInt(7) == 0 ? Set.of("adviser") : Set.of();
    int priority = mayBeInvalid && rnd.nextInt(20) == 0 ? 101 : rnd.nextInt(21);
    double aging = AGING_RATES[rnd.nextInt(AGING_RATES.length)];
    int offerTimeout = 5 + rnd.nextInt(26);
    int wrapUp = new int[] {0, 0, 5, 20}[rnd.nextInt(4)];
    int handle = 30 + rnd.nextInt(271);
    SlaPolicy sla = rnd.nextInt(3) == 0 ? null : slaPolicy(rnd);
    String calendar = rnd.nextInt(3) == 0 ? CALENDARS.get(rnd.nextInt(CALENDARS.size())) : null;
    // Two queues serve a service stage (without drawing from rnd, so runs stay as they were).
    ServiceStage stage = switch (id) {
      case "q1" -> ServiceStage.SETTLEMENT;
      case "q2" -> ServiceStage.CONSULTATION;
      default -> null;
    };
    return new QueueSpec(
        id, null, channel, skills, site, licences, priority, aging, offerTimeout, wrapUp, handle, sla, calendar, stage);
  }

  /** A random policy whose thresholds reach every action; overflow goes to a queue that exists. */
  SlaPolicy slaPolicy(Random rnd) {
    List<SlaPolicy.Threshold> thresholds = new ArrayList<>();
    int n = rnd.nextInt(4);
    List<String> targets = new ArrayList<>(shadow.queues.keySet());
    for (int i = 0; i < n; i++) {
      int at = new int[] {25, 50, 80, 100, 150}[rnd.nextInt(5)];
      switch (rnd.nextInt(4)) {
        case 0 -> thresholds.add(new SlaPolicy.Threshold(at, SlaPolicy.Action.RAISE_PRIORITY, 1 + rnd.nextInt(30), null));
        case 1 -> thresholds.add(new SlaPolicy.Threshold(at, SlaPolicy.Action.RELAX_SKILLS, 1 + rnd.nextInt(2), null));
        case 2 -> {
          if (!targets.isEmpty()) {
            thresholds.add(new SlaPolicy.Threshold(
                at, SlaPolicy.Action.OVERFLOW, 0, targets.get(rnd.nextInt(targets.size()))));
          }
        }
        default -> thresholds.add(new SlaPolicy.Threshold(at, SlaPolicy.Action.ALERT, 0, null));
      }
    }
    SlaPolicy.TimeBasis basis = rnd.nextBoolean() ? SlaPolicy.TimeBasis.ELAPSED : SlaPolicy.TimeBasis.BUSINESS;
    String calendar = basis == SlaPolicy.TimeBasis.BUSINESS && rnd.nextBoolean() ? "day" : null;
    return new SlaPolicy(5 + rnd.nextInt(116), 80, basis, calendar, 50 + rnd.nextInt(50), thresholds);
  }

  /**
   * A calendar in UTC whose hours change within the simulated hours after {@link #T0} (a Monday,
   * 09:00), so contacts arrive both in and out of hours, with every out-of-hours treatment.
   */
  CalendarSpec calendar(Random rnd, String id, boolean mayCallBack) {
    java.util.Map<java.time.DayOfWeek, List<CalendarSpec.Hours>> weekly = new java.util.EnumMap<>(java.time.DayOfWeek.class);
    List<CalendarSpec.Hours> hours = id.equals("always")
        ? List.of(new CalendarSpec.Hours(0, CalendarSpec.MINUTES_PER_DAY))
        : List.of(new CalendarSpec.Hours(9 * 60, 9 * 60 + 1 + rnd.nextInt(5)), new CalendarSpec.Hours(9 * 60 + 20, 9 * 60 + 40));
    for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
      if (id.equals("always") || d.getValue() <= 5) {
        weekly.put(d, hours);
      }
    }
    CalendarSpec.Treatment treatment = CalendarSpec.Treatment.values()[rnd.nextInt(mayCallBack ? 3 : 2) == 1 ? 2 : 0];
    if (mayCallBack && rnd.nextInt(3) == 0) {
      treatment = CalendarSpec.Treatment.CALLBACK;
    }
    String callbackQueue = null;
    if (treatment == CalendarSpec.Treatment.CALLBACK) {
      callbackQueue = shadow.queues.values().stream()
          .filter(q -> q.channel() == null).map(QueueSpec::id).findFirst().orElse("q0");
    }
    return new CalendarSpec(id, null, "UTC", weekly, null, null,
        new CalendarSpec.OutOfHours(treatment, treatment == CalendarSpec.Treatment.REFUSE ? "closed" : null, callbackQueue));
  }

  AgentProfile agentProfile(Random rnd, String id, boolean mayBeInvalid) {
    Map<String, Integer> skills = new TreeMap<>();
    for (String s : SKILLS) {
      if (rnd.nextInt(10) < 7) {
        skills.put(s, 1 + rnd.nextInt(5));
      }
    }
    if (mayBeInvalid && rnd.nextInt(30) == 0) {
      skills.put("tech", 6);
    }
    List<Licence> licences = new ArrayList<>();
    if (rnd.nextInt(5) < 2) {
      licences.add(rnd.nextBoolean()
          ? Licence.permanent("adviser")
          : new Licence("adviser", now + rnd.nextInt(600_000)));
    }
    if (rnd.nextInt(5) == 0) {
      licences.add(Licence.permanent("mortgage"));
    }
    String site = rnd.nextInt(10) < 3 ? null : (rnd.nextBoolean() ? "north" : "south");
    Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
    for (Channel c : universe.channels()) {
      int max = c == Channel.CHAT ? 3 : 1;
      capacity.put(c, rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(max));
    }
    // Case work and return visits arrive as emails and callbacks.
    capacity.put(Channel.EMAIL, rnd.nextInt(3) == 0 ? 0 : 1);
    capacity.put(Channel.CALLBACK, rnd.nextInt(3) == 0 ? 0 : 1);
    String team = rnd.nextInt(3) == 0 ? null : rnd.nextBoolean() ? "t1" : "t2";
    return new AgentProfile(id, null, skills, licences, site, team, capacity);
  }

  // ------------------------------------------------------------------ checks

  private void checkBeforeFolding(Event event) {
    if (!(event instanceof Event.OfferMade offer)) {
      return;
    }
    Shadow.Contact c = shadow.contacts.get(offer.contactId());
    Shadow.Agent a = shadow.agents.get(offer.agentId());
    assertThat(c).as("offered contact exists").isNotNull();
    assertThat(a).as("offered agent exists").isNotNull();
    assertThat(c.status).as("only a queued contact is offered: %s", offer).isEqualTo(ContactStatus.QUEUED);
    assertThat(c.offerAgent).as("contact %s already ringing elsewhere", c.id()).isNull();
    assertThat(c.agent).as("contact %s already held", c.id()).isNull();
    for (Shadow.Agent other : shadow.agents.values()) {
      assertThat(other.offered).as("contact %s already on agent %s", c.id(), other.id).doesNotContain(c.id());
      assertThat(other.assigned).as("contact %s already on agent %s", c.id(), other.id).doesNotContain(c.id());
    }
    assertThat(a.status).as("offer to an agent who is not available: %s", offer).isEqualTo(AgentStatus.AVAILABLE);
    assertThat(Shadow.hasSlot(a, c.channel())).as("agent %s has no free %s slot", a.id, c.channel()).isTrue();
    assertThat(shadow.qualifies(a, c, now))
        .as("agent %s (%s) does not qualify for %s in %s", a.id, a.profile, c.spec, shadow.queues.get(c.queue))
        .isTrue();
    assertThat(c.rejectedBy).as("offered back to an agent who rejected it").doesNotContain(a.id);
    assertThat(offer.expiresAt()).isEqualTo(now + shadow.queues.get(c.queue).offerTimeoutSeconds() * 1000L);

    // Whichever side triggered it, the agent gets the best contact it could take right now,
    // unless a supervisor or agent directed this contact to it by name.
    double chosen = shadow.priority(c, now);
    boolean directed = c.target != null || c.stage == RouteStage.PREFERRED;
    for (Shadow.Contact other : shadow.withStatus(ContactStatus.QUEUED)) {
      if (!directed && other != c && shadow.mayTake(a, other, now)) {
        assertThat(shadow.priority(other, now))
            .as("agent %s was given %s (priority %s) while %s waited with a higher one", a.id, c.id(), chosen, other.id())
            .isLessThanOrEqualTo(chosen + EPSILON * Math.max(1, Math.abs(chosen)));
      }
    }
    if (offer.reasons().get(0).startsWith("trigger: agent")) {
      agentSideOffers++;
    } else {
      contactSideOffers++;
      for (Shadow.Agent other : shadow.agents.values()) {
        if (other != a && shadow.mayTake(other, c, now)) {
          assertThat(other.readySince)
              .as("%s went to %s but %s was ready longer", c.id(), a.id, other.id)
              .isGreaterThanOrEqualTo(a.readySince);
          if (other.readySince == a.readySince) {
            assertThat(shadow.proficiency(other, c))
                .as("%s went to %s but %s was as ready and more proficient", c.id(), a.id, other.id)
                .isLessThanOrEqualTo(shadow.proficiency(a, c));
          }
        }
      }
    }
  }

  private void checkAfterFolding(Event event) {
    if (event instanceof Event.ContactQueued e) {
      assertThat(e.contact().attributes().containsKey("reviewFrom"))
          .as("held for review iff the restated gates fail: %s", e.contact())
          .isEqualTo(shadow.contacts.get(e.contact().id()).held);
    }
    if (event instanceof Event.ComplianceChecked e) {
      assertThat(e.held()).as("compliance decision on %s", e.contactId()).isEqualTo(shadow.contacts.get(e.contactId()).held);
    }
    if (event instanceof Event.OfferMade offer) {
      Shadow.Agent a = shadow.agents.get(offer.agentId());
      Channel channel = shadow.contacts.get(offer.contactId()).channel();
      assertThat(a.held()).as("agent %s over capacity", a.id).isLessThanOrEqualTo(a.profile.capacityFor(channel));
      for (String held : a.offered) {
        assertThat(shadow.contacts.get(held).channel()).isEqualTo(channel);
      }
      for (String held : a.assigned) {
        assertThat(shadow.contacts.get(held).channel()).isEqualTo(channel);
      }
    }
  }

  /** After every command, no waiting contact is left that a free agent could take. */
  private void checkNoIdleMatch() {
    for (Shadow.Contact c : shadow.withStatus(ContactStatus.QUEUED)) {
      for (Shadow.Agent a : shadow.agents.values()) {
        assertThat(shadow.mayTake(a, c, now))
            .as("contact %s waits although agent %s could take it", c.id(), a.id)
            .isFalse();
      }
    }
  }

  private void checkShadowAgrees() {
    Set<String> holders = new HashSet<>();
    for (Shadow.Contact c : shadow.contacts.values()) {
      ContactView view = indexed.contact(c.id(), now).orElseThrow();
      assertThat(view.status()).as("status of %s", c.id()).isEqualTo(c.status);
      assertThat(view.queue()).isEqualTo(c.queue);
      if (c.status == ContactStatus.OFFERED) {
        assertThat(view.offer().agentId()).isEqualTo(c.offerAgent);
      }
      if (c.status == ContactStatus.ASSIGNED) {
        assertThat(view.agentId()).isEqualTo(c.agent);
      }
      if (c.offerAgent != null || c.agent != null) {
        assertThat(holders.add(c.id())).as("contact %s held twice", c.id()).isTrue();
      }
    }
    for (Shadow.Agent a : shadow.agents.values()) {
      AgentView view = indexed.agent(a.id).orElseThrow();
      assertThat(view.status()).as("status of %s", a.id).isEqualTo(a.status);
      assertThat(view.offerContacts()).containsExactlyElementsOf(a.offered);
      assertThat(view.contacts()).containsExactlyElementsOf(a.assigned);
    }
  }

  private void followTimers(Event event) {
    for (Timers.Change change : Timers.changes(event)) {
      if (change instanceof Timers.Arm arm) {
        armed.put(arm.timer().key(), arm.timer());
      } else if (change instanceof Timers.Cancel cancel) {
        armed.remove(cancel.key());
      }
    }
  }

  // ------------------------------------------------------------------ whole-domain comparisons

  /** Asserts two domains show the same state to every reader at {@code now}. */
  void assertSameViews(RoutingDomain expected, RoutingDomain actual, String what) {
    for (String id : shadow.contacts.keySet()) {
      assertThat(actual.contact(id, now)).as("%s: contact %s", what, id).isEqualTo(expected.contact(id, now));
    }
    assertThat(actual.contact("ghost", now)).isEmpty();
    assertThat(actual.agents()).as("%s: agents", what).isEqualTo(expected.agents());
    for (String id : shadow.agents.keySet()) {
      assertThat(actual.agent(id)).as("%s: agent %s", what, id).isEqualTo(expected.agent(id));
    }
    assertThat(actual.queues()).as("%s: queues", what).isEqualTo(expected.queues());
    for (String id : shadow.queues.keySet()) {
      assertThat(actual.queueStats(id, now)).as("%s: stats of %s", what, id).isEqualTo(expected.queueStats(id, now));
    }
    // The gauges' constant-time reading says what the full statistics say.
    assertThat(actual.queueDepths(now)).as("%s: queue depths", what).hasSize(actual.queues().size());
    for (QueueDepth d : actual.queueDepths(now)) {
      QueueStats full = actual.queueStats(d.queue(), now).orElseThrow();
      assertThat(new long[] {d.waiting(), d.ringing(), d.longestWaitMillis()}).as("%s: depth of %s", what, d.queue())
          .containsExactly(full.waiting(), full.ringing(), Math.round(full.longestWaitSeconds() * 1000));
    }
    assertThat(actual.waitingCount()).as("%s: waiting", what).isEqualTo(expected.waitingCount());
    for (int i = 0; i < 4; i++) {
      assertThat(actual.customerContacts("cust" + i, now))
          .as("%s: contacts of customer %d", what, i)
          .isEqualTo(expected.customerContacts("cust" + i, now));
    }
    assertThat(actual.rules()).as("%s: rules", what).isEqualTo(expected.rules());
    assertThat(actual.complaints(now, false, false)).as("%s: complaint cases", what)
        .isEqualTo(expected.complaints(now, false, false));
    assertThat(actual.followUps()).as("%s: return visits", what).isEqualTo(expected.followUps());
    assertThat(new LinkedHashSet<>(actual.liveTimers()))
        .as("%s: live timers", what)
        .isEqualTo(new LinkedHashSet<>(expected.liveTimers()));
  }

  /** Abandons or completes every contact still open, until none is left. */
  void closeEverything() {
    for (int round = 0; round < 100; round++) {
      List<Shadow.Contact> open = live();
      if (open.isEmpty()) {
        return;
      }
      for (Shadow.Contact c : open) {
        String caseId = c.spec.attributes().get("caseId");
        if (caseId != null) {
          if (c.status == ContactStatus.ASSIGNED) {
            CaseView kase = indexed.complaint(caseId, now).orElseThrow();
            step(new Command.AdvanceComplaint("supervisor", caseId, expectedStep(kase), null, "closing",
                Complaint.Kind.OTHER, null, null, null, true));
          }
        } else if (c.status == ContactStatus.ASSIGNED) {
          step(new Command.CompleteContact("supervisor", c.id(), null, "closed", null));
        } else if (!c.status.terminal()) {
          step(new Command.AbandonContact("telephony", c.id()));
        }
      }
    }
    assertThat(live()).as("contacts still open after closing everything").allMatch(Simulation::isCaseWork);
  }
}
