package dev.contactrouter.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One routing domain's state and rules: commands in, events out.
 *
 * <p>{@link #handle} validates a command against the current state, decides, and returns the
 * events that record the decision, already applied; a refused command changes nothing. {@link
 * #apply} folds one event into the state, and is the only place state changes, so replaying a
 * domain's events into a fresh instance rebuilds it exactly.
 *
 * <p>Not thread-safe by design: one owner (the domain's writer) calls it. Time is always passed
 * in; nothing here reads a clock, does I/O or draws random numbers.
 *
 * <p>This class is the only entry point; the rules live in package-private parts named after
 * them, which share one {@link DomainState} and each own their commands, the events those record
 * and any state only they use: {@link Intake}, {@link ComplianceGates}, {@link
 * RelationshipRouting}, {@link Matching}, {@link Offers}, {@link SlaClocks}, {@link
 * ContactLifecycle}, {@link CallControl} (the calls a switch holds), {@link CallbacksAndSurveys}, {@link ReturnVisits}, {@link ComplaintCases},
 * {@link Agents}, {@link Configuration}, {@link ApiKeys}, {@link Webhooks}; reads in {@link Views} and {@link
 * LiveTimers}, {@link Snapshots} and {@link Invariants}. A command runs as one {@link Step}.
 */
public final class RoutingDomain {
  /** How many completed or abandoned contacts are kept for reads by default ({@link Retention#DEFAULTS}). */
  public static final int TERMINAL_RETENTION = Retention.DEFAULTS.endedContacts();

  /** The actor recorded for decisions the router makes by rule. */
  public static final String ROUTER = "router";

  public static final String MISSED_OFFER = "missed-offer";

  /** Length of the reporting interval for service levels: 15 minutes, aligned to the epoch. */
  public static final long SLA_INTERVAL_MILLIS = 15 * 60 * 1000L;

  private final DomainState state;
  private final Step.Fold fold = this::apply;
  /** The subject look-up every step uses, made once: a method reference per command was garbage. */
  private final Function<String, EventSubject> subjectOf = this::subject;
  private final Parts parts;
  private final Views views;
  private final Boards boards;
  private final ApiKeys apiKeys;
  private final Webhooks webhooks;
  private final Catalogues catalogues;
  private final LiveTimers liveTimers;
  private final Snapshots snapshots;
  private final Invariants invariants;

  public RoutingDomain() {
    this(MatcherKind.INDEXED);
  }

  public RoutingDomain(MatcherKind kind) {
    this(kind, Retention.DEFAULTS);
  }

  /** A domain that keeps {@code retention}'s finished work in memory (the journal keeps it all). */
  public RoutingDomain(MatcherKind kind, Retention retention) {
    this.state = new DomainState(kind, retention);
    this.parts = new Parts(state);
    this.views = parts.views;
    this.boards = new Boards(state);
    this.apiKeys = new ApiKeys(state);
    this.webhooks = new Webhooks(state);
    this.catalogues = new Catalogues(state);
    this.liveTimers = new LiveTimers(state, parts.returnVisits, parts.complaintCases);
    this.snapshots = new Snapshots(state, parts.matching, parts.complaintCases, parts.accountCases,
        parts.returnVisits, apiKeys, webhooks, catalogues);
    this.invariants = new Invariants(state, parts.complaintCases);
  }

  // ---------------------------------------------------------------- commands

  /** Decides a command at time {@code now} (epoch millis). */
  public Decision handle(Command command, long now) {
    Step step = new Step(fold, subjectOf, now, command.actor());
    if (command instanceof Command.CreateContact c) {
      return parts.intake.createContact(step, c);
    }
    if (command instanceof Command.AcceptOffer c) {
      return parts.offers.acceptOffer(step, c);
    }
    if (command instanceof Command.RejectOffer c) {
      return parts.offers.rejectOffer(step, c);
    }
    if (command instanceof Command.CompleteContact c) {
      Decision refused = catalogues.refusal(c);
      return refused != null ? refused : parts.calls.completeContact(step, c);
    }
    if (command instanceof Command.SetAgentStatus c) {
      Decision refused = catalogues.refusal(c);
      return refused != null ? refused : parts.agents.setAgentStatus(step, c);
    }
    if (command instanceof Command.ExpireOffer c) {
      return parts.offers.expireOffer(step, c);
    }
    if (command instanceof Command.EndWrapUp c) {
      return parts.agents.endWrapUp(step, c);
    }
    if (command instanceof Command.AbandonContact c) {
      return parts.lifecycle.abandonContact(step, c);
    }
    if (command instanceof Command.TransferContact c) {
      return parts.lifecycle.transferContact(step, c);
    }
    if (command instanceof Command.ReleaseHold c) {
      return parts.holds.releaseHold(step, c);
    }
    if (command instanceof Command.ConfigureQueue c) {
      return parts.configuration.configureQueue(step, c);
    }
    if (command instanceof Command.ConfigureAgent c) {
      return parts.agents.configureAgent(step, c);
    }
    if (command instanceof Command.IssueApiKey c) {
      return apiKeys.issueApiKey(step, c);
    }
    if (command instanceof Command.RevokeApiKey c) {
      return apiKeys.revokeApiKey(step, c);
    }
    if (command instanceof Command.ReachSlaPoint c) {
      return parts.sla.reachSlaPoint(step, c);
    }
    if (command instanceof Command.ConfigureCalendar c) {
      return parts.configuration.configureCalendar(step, c);
    }
    if (command instanceof Command.ConfigureCategory c) {
      return parts.configuration.configureCategory(step, c);
    }
    if (command instanceof Command.ConfigureWebhook c) {
      return webhooks.configureWebhook(step, c);
    }
    if (command instanceof Command.DeleteWebhook c) {
      return webhooks.deleteWebhook(step, c);
    }
    if (command instanceof Command.RecordSignInRefusal c) {
      step.emit(new Event.SignInRefused(c.username(), c.address(), c.reason(), c.failures(), c.retryAfterSeconds()));
      return step.done(new Reply.Done());
    }
    if (command instanceof Command.ErasePersonalData c) {
      if (c.keyIds().isEmpty()) {
        return new Decision.Refused(Refusal.NOT_FOUND,
            "no personal data is held for this customer (unknown, or already erased)", null);
      }
      step.emit(new Event.PersonalDataErased(c.keyIds(), c.reason()));
      return step.done(new Reply.Erased(c.keyIds().size()));
    }
    if (command instanceof Command.ConfigureCatalogue c) {
      return catalogues.configureCatalogue(step, c);
    }
    if (command instanceof Command.ConfigureRules c) {
      return parts.configuration.configureRules(step, c);
    }
    if (command instanceof Command.WidenRouting c) {
      return parts.relationship.widenRouting(step, c);
    }
    if (command instanceof Command.RequestCallback c) {
      return parts.callbacksAndSurveys.requestCallback(step, c);
    }
    if (command instanceof Command.AdvanceStage c) {
      return parts.stages.advanceStage(step, c);
    }
    if (command instanceof Command.MarkMajor c) {
      return parts.majors.markMajor(step, c);
    }
    if (command instanceof Command.RecordSurvey c) {
      return parts.callbacksAndSurveys.recordSurvey(step, c);
    }
    if (command instanceof Command.StartFollowUp c) {
      return parts.returnVisits.startFollowUp(step, c);
    }
    if (command instanceof Command.OpenComplaint c) {
      return parts.complaintCases.openComplaint(step, c);
    }
    if (command instanceof Command.AdvanceComplaint c) {
      return parts.complaintCases.advanceComplaint(step, c);
    }
    if (command instanceof Command.ReopenComplaint c) {
      return parts.reopening.reopenComplaint(step, c);
    }
    if (command instanceof Command.ReachCaseDeadline c) {
      return parts.complaintCases.reachCaseDeadline(step, c);
    }
    if (command instanceof Command.OpenAccountCase c) {
      return parts.accountCases.openAccountCase(step, c);
    }
    if (command instanceof Command.AdvanceAccountCase c) {
      return parts.accountCases.advanceAccountCase(step, c);
    }
    if (command instanceof Command.ReportCall c) {
      return parts.calls.reportCall(step, c);
    }
    if (command instanceof Command.ReconcileCalls c) {
      return parts.calls.reconcileCalls(step, c);
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  // ---------------------------------------------------------------- events

  /** Folds a recorded event into the state. */
  public void apply(Recorded recorded) {
    apply(recorded.event(), recorded.at(), recorded.actor());
  }

  /** As {@link #apply(Event, long)}; an arriving contact enters intake owned by {@code actor}. */
  private void apply(Event event, long at, String actor) {
    apply(event, at);
    if (event instanceof Event.ContactQueued e) {
      parts.stages.arrived(e.contactId(), at, actor);
    }
  }

  /** Hands the event to the part whose rules record it, the busiest parts first. */
  private void apply(Event event, long at) {
    boolean folded = parts.offers.apply(event, at)
        || parts.intake.apply(event, at)
        || parts.lifecycle.apply(event, at)
        || parts.agents.apply(event, at)
        || parts.sla.apply(event, at)
        || parts.gates.apply(event, at)
        || parts.relationship.apply(event, at)
        || parts.callbacksAndSurveys.apply(event, at)
        || parts.majors.apply(event, at)
        || parts.stages.apply(event, at)
        || parts.holds.apply(event, at)
        || parts.returnVisits.apply(event, at)
        || parts.complaintCases.apply(event, at)
        || parts.accountCases.apply(event, at)
        || parts.configuration.apply(event, at)
        || apiKeys.apply(event, at)
        || webhooks.apply(event, at)
        || catalogues.apply(event, at)
        || parts.calls.apply(event, at)
        || event instanceof Event.SignInRefused // the audit trail's alone
        || event instanceof Event.PersonalDataErased; // the keys go; the writer rebuilds its state
    if (!folded) {
      throw new IllegalArgumentException("unknown event " + event);
    }
  }

  // ---------------------------------------------------------------- reads

  /** The contact as it stands now, as the event stream names it; null if the domain does not hold it. */
  private EventSubject subject(String contactId) {
    ContactState c = state.contacts.get(contactId);
    return c == null ? null : EventSubject.of(c);
  }

  public Optional<ContactView> contact(String id, long now) {
    return views.contact(id, now);
  }

  /** The voice contact behind a call a switch holds, named by its SIP Call-ID. */
  public Optional<ContactView> contactByCall(String callId, long now) {
    return views.contactByCall(callId, now);
  }

  public Optional<AgentView> agent(String id) {
    return views.agent(id);
  }

  /** All agents, ordered by id. */
  public List<AgentView> agents() {
    return views.agents();
  }

  public Optional<QueueSpec> queue(String id) {
    return views.queue(id);
  }

  /** The starvation bound queue {@code id}'s aging rate gives, with the policies that may apply in it now. */
  public Optional<AgingBound> agingBound(String id) {
    return views.queue(id).map(q -> AgingBound.of(q, views.categories()));
  }

  public Optional<CalendarSpec> calendar(String id) {
    return views.calendar(id);
  }

  /** All calendars, ordered by id. */
  public List<CalendarSpec> calendars() {
    return views.calendars();
  }

  public Optional<CategorySpec> category(String id) {
    return views.category(id);
  }

  /** All categories, ordered by id. */
  public List<CategorySpec> categories() {
    return views.categories();
  }

  /** All queues, ordered by id. */
  public List<QueueSpec> queues() {
    return views.queues();
  }

  /** Contacts waiting or ringing in a queue, longest in the queue first; empty if no such queue. */
  public Optional<List<ContactView>> queueContacts(String id, long now) {
    return views.queueContacts(id, now);
  }

  /** Where each contact waiting in a queue stands (position, estimated wait), without full views. */
  public Optional<List<WaitingPosition>> waitingPositions(String id, long now) {
    return views.waitingPositions(id, now);
  }

  /** The ids of the contacts waiting in a queue (none for an unknown queue): cheap, no positions. */
  public List<String> waitingIds(String queueId) {
    return views.waitingIds(queueId);
  }

  /** Begins a look, in rounds, at where every waiting contact stands ({@link PositionLook}). */
  public PositionLook lookAtPositions() {
    return new PositionLook(this, views, views.lines());
  }

  /** Where one contact stands while it waits; empty once it no longer waits. */
  public Optional<WaitingPosition> waitingPosition(String contactId, long now) {
    return views.waitingPosition(contactId, now);
  }

  /**
   * A customer's contacts across every channel and queue, newest first, as far as memory holds
   * them (the journal keeps the full history).
   */
  public List<ContactView> customerContacts(String customerId, long now) {
    return views.customerContacts(customerId, now);
  }

  public Optional<QueueStats> queueStats(String id, long now) {
    return views.queueStats(id, now);
  }

  /** Waiting, ringing and the longest wait of every queue, each read in constant time (for gauges). */
  public List<QueueDepth> queueDepths(long now) {
    return views.queueDepths(now);
  }

  /** The securities service rules in force. */
  public ServiceRules rules() {
    return state.rules;
  }

  public Optional<CaseView> complaint(String id, long now) {
    return parts.complaintCases.complaint(id, now);
  }

  /**
   * Complaint cases ordered by id; with {@code openOnly} only open ones, with {@code nearBreachOnly}
   * only those whose current stage is past its near mark or its deadline.
   */
  public List<CaseView> complaints(long now, boolean openOnly, boolean nearBreachOnly) {
    return parts.complaintCases.complaints(now, openOnly, nearBreachOnly);
  }

  public Optional<AccountCaseView> accountCase(String id) {
    return parts.accountCases.accountCase(id);
  }

  /** Account-opening cases ordered by id; only open ones, or only those near or past their deadline, if asked. */
  public List<AccountCaseView> accountCases(long now, boolean openOnly, boolean nearBreachOnly) {
    return parts.accountCases.accountCases(now, openOnly, nearBreachOnly);
  }

  /** A site's branch board: the tickets at a counter and those waiting per branch queue. */
  public BoardView board(String site) {
    return boards.board(site);
  }

  /** Return visits scheduled and not yet due, earliest first. */
  public List<FollowUp> followUps() {
    return parts.returnVisits.followUps();
  }

  public Optional<WebhookSpec> webhook(String id) {
    return webhooks.webhook(id);
  }

  /** Integrators' webhooks, ordered by id, secrets included (the API never shows them). */
  public Catalogue catalogue(Catalogue.Kind kind) {
    return catalogues.catalogue(kind);
  }

  /** Every kind's catalogue, empty where none is configured. */
  public List<Catalogue> catalogues() {
    return catalogues.catalogues();
  }

  public List<WebhookSpec> webhooks() {
    return webhooks.webhooks();
  }

  /** API keys issued at run time and revocations of configured keys, in the order recorded. */
  public List<ApiKeyView> apiKeys() {
    return apiKeys.apiKeys();
  }

  /** Number of contacts queued (not offered) across the domain. */
  public int waitingCount() {
    return views.waitingCount();
  }

  /** Every timer the current state needs: re-armed after a restart or a lost timer store. */
  public List<Timers.Timer> liveTimers() {
    return liveTimers.liveTimers();
  }

  /** The {@link #liveTimers} due before {@code at}, built without the others. */
  public List<Timers.Timer> liveTimersDueBefore(long at) {
    return liveTimers.dueBefore(at);
  }

  /** How many parts {@link #contactsOfPart} splits the contacts held into. */
  int contactParts() {
    return state.contacts.parts();
  }

  /**
   * The contacts held now in part {@code part} of {@link #contactParts} (a copy, in no order), for
   * the {@link Reconciler}'s look in rounds: a part at a time, never every contact in one turn.
   */
  List<ContactState> contactsOfPart(int part) {
    return state.contacts.partValues(part);
  }

  /** The live timers due before {@code at} that belong to no contact, for the {@link Reconciler}. */
  void otherTimersDueBefore(long at, List<Timers.Timer> out) {
    liveTimers.othersDueBefore(at, out);
  }

  // ---------------------------------------------------------------- snapshots

  /**
   * The whole state as an immutable record tree, to be stored beside the journal so recovery
   * replays only the events after it. {@link #restore} of the result is indistinguishable from
   * this domain: same views, same next decisions.
   */
  public DomainSnapshot snapshot() {
    return snapshots.snapshot();
  }

  /**
   * {@link #snapshot()} a round of contacts at a time; the domain must not change until the
   * rounds are finished ({@link SnapshotInRounds}).
   */
  public SnapshotInRounds snapshotInRounds() {
    return snapshots.inRounds();
  }

  /**
   * Rebuilds a domain from a snapshot, deriving the indexes and lookups again, and checks the
   * result against itself: a snapshot that does not describe a consistent domain is refused with
   * {@link IllegalStateException} (recovery then replays the journal from the start instead).
   */
  public static RoutingDomain restore(DomainSnapshot snapshot, MatcherKind kind) {
    return restore(snapshot, kind, Retention.DEFAULTS);
  }

  /**
   * {@link #restore(DomainSnapshot, MatcherKind)} under {@code retention}: a snapshot taken under
   * a larger one loses its oldest finished work here, as the domain would have had it kept less.
   */
  public static RoutingDomain restore(DomainSnapshot snapshot, MatcherKind kind, Retention retention) {
    RoutingDomain d = new RoutingDomain(kind, retention);
    d.snapshots.restore(snapshot);
    d.parts.complaintCases.restored();
    d.parts.lifecycle.forgetOldestEnded();
    d.checkInvariants();
    return d;
  }

  /** What this domain keeps in memory of finished work. */
  public Retention retention() {
    return state.retention;
  }

  // ---------------------------------------------------------------- invariants

  /**
   * Checks the state against itself (after exchange-core's {@code validateInternalState}): every
   * held contact belongs to exactly one agent within its capacity, and the matcher agrees with the
   * contacts' statuses. Throws {@link IllegalStateException} on the first violation.
   */
  public void checkInvariants() {
    invariants.checkInvariants();
  }

  // ---------------------------------------------------------------- shared

  /** The start of the reporting interval holding {@code at}. */
  static long intervalStart(long at) {
    return Math.floorDiv(at, SLA_INTERVAL_MILLIS) * SLA_INTERVAL_MILLIS;
  }

  /**
   * {@code v} with {@code places} decimals, as {@code String.format(Locale.ROOT, "%.Nf", v)} writes
   * it (half-up on the shortest decimal form), for a fraction of the cost: java.util.Formatter was
   * a fifth of the time of every offer to a freed agent.
   */
  static String fixed(double v, int places) {
    String shortest = Double.toString(v);
    int dot = shortest.indexOf('.');
    if (places < 1 || dot < 0 || shortest.indexOf('E') >= 0) {
      return fixedByBigDecimal(v, places); // exponent form (tiny or huge), NaN, infinities: the reference
    }
    // Plain decimal digits: round half-up on the decimal form itself, as BigDecimal does, without it.
    boolean negative = shortest.charAt(0) == '-';
    int from = negative ? 1 : 0;
    int fraction = shortest.length() - dot - 1;
    char[] out = new char[dot - from + 1 + places + 1]; // one spare leading digit for a carry
    int n = 0;
    out[n++] = '0';
    for (int i = from; i < dot; i++) {
      out[n++] = shortest.charAt(i);
    }
    int point = n;
    out[n++] = '.';
    for (int i = 0; i < places; i++) {
      out[n++] = i < fraction ? shortest.charAt(dot + 1 + i) : '0';
    }
    if (fraction > places && shortest.charAt(dot + 1 + places) >= '5') {
      int i = n - 1;
      while (true) {
        if (i == point) {
          i--;
          continue;
        }
        if (out[i] == '9') {
          out[i--] = '0';
        } else {
          out[i]++;
          break;
        }
      }
    }
    boolean zero = true;
    for (int i = 0; i < n && zero; i++) {
      zero = out[i] == '0' || out[i] == '.';
    }
    int start = out[0] == '0' && point > 1 ? 1 : 0; // the spare digit, unless a carry used it
    String digits = new String(out, start, n - start);
    return negative && !zero ? "-" + digits : digits;
  }

  /** {@link #fixed}'s reference: the shortest decimal form of {@code v} rounded half-up by {@link BigDecimal}. */
  static String fixedByBigDecimal(double v, int places) {
    return new BigDecimal(Double.toString(v)).setScale(places, RoundingMode.HALF_UP).toPlainString();
  }
}
