package dev.contactrouter.core;

import static dev.contactrouter.core.ComplaintCases.caseView;
import static dev.contactrouter.core.Invariants.require;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Snapshots: the whole state of a domain as an immutable {@link DomainSnapshot}, stored beside the
 * journal so recovery replays only the events after it, and the state rebuilt from one, with the
 * indexes and lookups derived again.
 */
final class Snapshots extends DomainPart {
  private final DomainState domain;
  private final Matching matching;
  private final Map<String, CaseState> cases;
  private final AccountCases accountCases;
  private final Map<String, FollowUp> followUps;
  private final Map<String, ApiKeyView> apiKeys;
  private final Map<String, WebhookSpec> webhooks;
  private final Catalogues catalogues;

  Snapshots(DomainState domain, Matching matching, ComplaintCases complaintCases, AccountCases accountCases,
      ReturnVisits returnVisits, ApiKeys apiKeys, Webhooks webhooks, Catalogues catalogues) {
    super(domain);
    this.domain = domain;
    this.matching = matching;
    this.cases = complaintCases.cases;
    this.accountCases = accountCases;
    this.followUps = returnVisits.followUps;
    this.apiKeys = apiKeys.apiKeys;
    this.webhooks = webhooks.webhooks;
    this.catalogues = catalogues;
  }

  /**
   * The whole state as an immutable record tree, to be stored beside the journal so recovery
   * replays only the events after it. {@link RoutingDomain#restore} of the result is
   * indistinguishable from this domain: same views, same next decisions.
   */
  DomainSnapshot snapshot() {
    SnapshotInRounds whole = inRounds();
    whole.next(Math.max(1, contacts.size()));
    return whole.finish().sorted();
  }

  /**
   * {@link #snapshot()} taken a round of contacts at a time ({@link RoutingDomain#snapshotInRounds}).
   */
  SnapshotInRounds inRounds() {
    return new SnapshotInRounds(new ArrayList<>(contacts.values()), Snapshots::contact, this::withContacts);
  }

  static DomainSnapshot.Contact contact(ContactState c) {
    boolean placed = !c.status.terminal() && c.group != null;
    ContactState.Later l = c.later;
    return new DomainSnapshot.Contact(c.spec, c.seq, c.arrivedAt, c.status, c.queue, l.targetAgent,
        c.queuedAt, l.agentId, c.offerId(), c.offerAgent(), c.offerMadeAt(), c.offerExpiresAt(), c.offerAttempts,
        l.assignedAt, l.endedAt, l.disposition, l.notes, l.stage, List.copyOf(c.rejectedBy()),
        placed ? c.waitKey : null, placed ? c.group.agingRate() : null, c.priorityBoost, c.relaxBy,
        clock(c), new DomainSnapshot.Service(c.channel, c.gateLicences, c.held, l.heldIn, l.routingReasons,
            c.routeStage, l.preferredAgent, l.preferredTeam, l.stageUntil, l.callbackNumber, l.callbackRequestedAt,
            l.survey == null ? null : l.survey.csat(), l.survey == null ? null : l.survey.nps(),
            l.survey == null ? null : l.survey.comment(), l.ringingOffer, c.stages()));
  }

  /** Everything but the contacts, copied now, with the contacts given. */
  DomainSnapshot withContacts(List<DomainSnapshot.Contact> cs) {
    List<DomainSnapshot.Queue> qs = new ArrayList<>(queues.size());
    for (QueueState q : queues.values()) {
      qs.add(new DomainSnapshot.Queue(q.spec, q.offered, q.answered, q.abandoned, q.completed,
          q.transferredOut, q.missedOffers, q.answerWaitMillis, q.handleMillis,
          new DomainSnapshot.Sla(q.slaInterval, q.slaDecided, q.slaMet, q.slaBreaches, q.slaBreachesTotal)));
    }
    List<AgentState> byRegistration = new ArrayList<>(agents.values());
    byRegistration.sort(Comparator.comparingLong(a -> a.seq));
    List<DomainSnapshot.Agent> as = new ArrayList<>(byRegistration.size());
    for (AgentState a : byRegistration) {
      as.add(new DomainSnapshot.Agent(a.seq, a.profile, a.status, a.reason, a.statusSince, a.wrapUpUntil,
          a.readySince, a.activeChannel, List.copyOf(a.offers.keySet()), List.copyOf(a.contacts), a.missedOffers));
    }
    List<DomainSnapshot.Case> ks = new ArrayList<>(cases.size());
    for (CaseState k : cases.values()) {
      ks.add(new DomainSnapshot.Case(caseView(k, 0), k.nextPoint, k.feedbackBy));
    }
    return new DomainSnapshot(domain.arrivals, domain.registrations, qs, as, cs, List.copyOf(retired),
        List.copyOf(calendars.values()), List.copyOf(categories.values()), List.copyOf(apiKeys.values()), domain.rules, ks,
        List.copyOf(followUps.values()), List.copyOf(webhooks.values()),
        List.copyOf(accountCases.cases.values()), List.copyOf(catalogues.catalogues.values()));
  }

  private static CaseState caseState(DomainSnapshot.Case s) {
    CaseView v = s.view();
    CaseState k = new CaseState(new Event.CaseOpened(v.id(), v.customer(), v.sourceContactId(), v.channel(),
        v.summary(), v.kind(), v.severity(), null), v.openedAt());
    k.stage = v.stage();
    k.stageStartedAt = v.stageStartedAt();
    k.workContactId = v.workContactId();
    k.department = v.department();
    k.owner = v.owner();
    k.deadline = v.deadline();
    k.nearAt = v.nearAt();
    k.nextPoint = s.nextPoint();
    k.breachedNow = v.breachedNow();
    k.breached.addAll(v.breachedStages());
    k.findings = v.findings();
    k.result = v.result();
    k.satisfied = v.satisfied();
    k.feedbackComment = v.feedbackComment();
    k.feedbackBy = s.feedbackBy();
    k.resultAt = v.resultAt();
    k.closedAt = v.closedAt();
    k.history.addAll(v.history());
    return k;
  }

  private static DomainSnapshot.Clock clock(ContactState c) {
    Event.SlaStarted s = c.sla;
    return s == null ? null : new DomainSnapshot.Clock(s.source(), s.policy(), s.startedAt(), s.deadline(),
        s.nearAt(), s.dueAt(), c.slaNext, c.slaBreached, c.later.slaAnsweredAt, c.later.slaPendingOverflow,
        c.later.slaFired);
  }

  /** Restores the contact's SLA clock as the snapshot holds it (none when {@code k} is null). */
  private static void restoreClock(ContactState c, DomainSnapshot.Clock k) {
    if (k == null) {
      return;
    }
    c.slaStarted(new Event.SlaStarted(
        c.id(), k.source(), k.policy(), k.startedAt(), k.deadline(), k.nearAt(), k.dueAt()));
    c.slaNext = (short) k.next();
    c.slaBreached = k.breached();
    if (k.answeredAt() != null) {
      c.later().slaAnsweredAt = k.answeredAt();
    }
    if (k.pendingOverflow() != null) {
      c.later().slaPendingOverflow = k.pendingOverflow();
    }
    k.fired().forEach(c::slaFire);
  }

  /**
   * Rebuilds a fresh domain's state from a snapshot, deriving the indexes and lookups again; {@link
   * RoutingDomain#restore} then checks the result against itself.
   */
  void restore(DomainSnapshot snapshot) {
    domain.arrivals = snapshot.arrivals();
    domain.registrations = snapshot.registrations();
    for (DomainSnapshot.Queue q : snapshot.queues()) {
      QueueState state = new QueueState(q.spec());
      state.offered = q.offered();
      state.answered = q.answered();
      state.abandoned = q.abandoned();
      state.completed = q.completed();
      state.transferredOut = q.transferredOut();
      state.missedOffers = q.missedOffers();
      state.answerWaitMillis = q.answerWaitMillis();
      state.handleMillis = q.handleMillis();
      state.slaInterval = q.sla().interval();
      state.slaDecided = q.sla().decided();
      state.slaMet = q.sla().met();
      state.slaBreaches = q.sla().breaches();
      state.slaBreachesTotal = q.sla().breachesTotal();
      queues.put(q.spec().id(), state);
    }
    snapshot.calendars().forEach(c -> calendars.put(c.id(), c));
    snapshot.categories().forEach(c -> categories.put(c.id(), c));
    snapshot.apiKeys().forEach(k -> apiKeys.put(k.keyId(), k));
    snapshot.webhooks().forEach(w -> webhooks.put(w.id(), w));
    snapshot.catalogues().forEach(c -> catalogues.catalogues.put(c.kind(), c));
    domain.rules = snapshot.rules();
    snapshot.cases().forEach(k -> cases.put(k.view().id(), caseState(k)));
    accountCases.restore(snapshot.accountCases());
    snapshot.followUps().forEach(f -> followUps.put(f.id(), f));
    List<ContactState> waiting = new ArrayList<>();
    for (DomainSnapshot.Contact s : snapshot.contacts()) {
      restoreContact(s, waiting);
    }
    // Into their lines in line order, each joining at the tail: in arrival order, a contact that
    // came before another but was transferred after it would make the line walk back past it.
    waiting.sort(QueueLine::compare);
    waiting.forEach(c -> queues.get(c.queue).present.add(c));
    for (DomainSnapshot.Agent s : snapshot.agents()) {
      AgentState a = new AgentState(s.seq(), s.profile(), s.statusSince());
      a.status = s.status();
      a.reason = s.reason();
      a.wrapUpUntil = s.wrapUpUntil();
      a.readySince = s.readySince();
      a.activeChannel = s.activeChannel();
      a.missedOffers = s.missedOffers();
      for (String offerId : s.offers()) {
        String contactId = offers.get(offerId);
        require(contactId != null, "agent %s holds unknown offer %s", s.profile().id(), offerId);
        a.offers.put(offerId, contactId);
      }
      a.contacts.addAll(s.contacts());
      a.held = a.offers.size() + a.contacts.size();
      agents.put(a.id(), a);
      matcher.agentChanged(a);
    }
    retired.addAll(snapshot.retired());
  }

  /** Restores one contact; one waiting or ringing goes on {@code waiting}, for its queue's line. */
  private void restoreContact(DomainSnapshot.Contact s, List<ContactState> waiting) {
    ContactState c = new ContactState(s.spec(), s.seq(), s.arrivedAt());
    ContactState.Later l = c.later(); // given back to the shared one below if it holds only defaults
    c.status = s.status();
    c.queue = s.queue();
    l.targetAgent = s.targetAgent();
    c.queuedAt = s.queuedAt();
    l.agentId = s.agentId();
    c.offered(s.offerId(), s.offerAgent(), s.offerMadeAt(), s.offerExpiresAt());
    c.offerAttempts = s.offerAttempts();
    l.assignedAt = s.assignedAt();
    l.endedAt = s.endedAt();
    l.disposition = s.disposition();
    l.notes = s.notes();
    l.stage = s.stage();
    s.rejectedBy().forEach(c::rejected);
    c.priorityBoost = s.priorityBoost();
    c.relaxBy = s.relaxBy();
    restoreClock(c, s.sla());
    DomainSnapshot.Service service = s.service();
    c.channel = service.channel();
    c.gateLicences = service.gateLicences();
    c.held = service.held();
    l.heldIn = service.heldIn();
    l.routingReasons = service.routingReasons();
    c.routeStage = service.routeStage();
    l.preferredAgent = service.preferredAgent();
    l.preferredTeam = service.preferredTeam();
    l.stageUntil = service.stageUntil();
    l.callbackNumber = service.callbackNumber();
    l.callbackRequestedAt = service.callbackRequestedAt();
    l.survey = service.csat() == null ? null
        : new ContactView.Survey(service.csat(), service.nps(), service.surveyComment());
    l.ringingOffer = service.ringingOffer();
    c.settle();
    service.stages().forEach(c::enterStage); // none in a snapshot from before stages were recorded: ServiceStages.of
    QueueState queue = queues.get(c.queue);
    require(queue != null, "contact %s is in unknown queue %s", c.id(), c.queue);
    if (s.priorityKey() != null) {
      // A waiting or ringing contact was placed under its queue's current policy; an assigned one
      // keeps the key it was answered with, which is all its view still reads.
      // Set before it joins a line (below): no line holds a contact made just now.
      c.group = new WaitingIndex.GroupKey(matching.requirement(c, queue.spec), s.agingRate());
      c.waitKey = s.priorityKey();
    }
    contacts.put(c.id(), c);
    if (c.status == ContactStatus.QUEUED || c.status == ContactStatus.OFFERED) {
      require(c.group != null, "waiting contact %s has no place in line", c.id());
      waiting.add(c);
    }
    if (c.status == ContactStatus.QUEUED) {
      matcher.enqueue(c);
    } else if (c.status == ContactStatus.OFFERED) {
      queue.ringing++;
      offers.put(c.offerId(), c.id());
    }
    index(c);
  }
}
