package dev.contactrouter.core;

import static dev.contactrouter.core.RoutingDomain.SLA_INTERVAL_MILLIS;
import static dev.contactrouter.core.RoutingDomain.intervalStart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the domain shows of itself: contacts with their place in line and estimated wait, agents
 * with their offers and contacts, queues with their statistics and service level, calendars and
 * categories. Reads only; it changes nothing but the staffing count it caches per queue.
 */
final class Views extends DomainPart {


  Views(DomainState state) {
    super(state);
  }

  /** The voice contact behind a call a switch holds, named by its SIP Call-ID. */
  Optional<ContactView> contactByCall(String callId, long now) {
    String id = byCallId.get(callId);
    return id == null ? Optional.empty() : contact(id, now);
  }

  Optional<ContactView> contact(String id, long now) {
    ContactState c = contacts.get(id);
    return c == null ? Optional.empty() : Optional.of(contactView(c, now));
  }

  Optional<AgentView> agent(String id) {
    AgentState a = agents.get(id);
    return a == null ? Optional.empty() : Optional.of(agentView(a));
  }

  /** All agents, ordered by id. */
  List<AgentView> agents() {
    List<AgentView> all = new ArrayList<>(agents.size());
    new TreeMap<>(agents).values().forEach(a -> all.add(agentView(a)));
    return all;
  }

  Optional<QueueSpec> queue(String id) {
    QueueState q = queues.get(id);
    return q == null ? Optional.empty() : Optional.of(q.spec);
  }

  Optional<CalendarSpec> calendar(String id) {
    return Optional.ofNullable(calendars.get(id));
  }

  /** All calendars, ordered by id. */
  List<CalendarSpec> calendars() {
    return List.copyOf(calendars.values());
  }

  Optional<CategorySpec> category(String id) {
    return Optional.ofNullable(ManualPolicy.category(categories, id));
  }

  /** All categories, the manual's among them unless replaced, ordered by id. */
  List<CategorySpec> categories() {
    return ManualPolicy.categories(categories);
  }

  /** All queues, ordered by id. */
  List<QueueSpec> queues() {
    List<QueueSpec> all = new ArrayList<>(queues.size());
    queues.values().forEach(q -> all.add(q.spec));
    return all;
  }

  /** Contacts waiting or ringing in a queue, longest in the queue first; empty if no such queue. */
  Optional<List<ContactView>> queueContacts(String id, long now) {
    QueueState q = queues.get(id);
    if (q == null) {
      return Optional.empty();
    }
    List<ContactView> out = new ArrayList<>(q.present.size());
    q.present.forEach(c -> out.add(contactView(c, now)));
    return Optional.of(out);
  }

  /**
   * A customer's contacts across every channel and queue, newest first, as far as memory holds
   * them (the journal keeps the full history).
   */
  List<ContactView> customerContacts(String customerId, long now) {
    List<String> ids = byCustomer.contactsOf(customerId);
    List<ContactView> out = new ArrayList<>(ids.size());
    ids.forEach(cid -> out.add(0, contactView(contacts.get(cid), now)));
    return out;
  }

  List<QueueDepth> queueDepths(long now) {
    List<QueueDepth> out = new ArrayList<>(queues.size());
    for (QueueState q : queues.values()) {
      long longest = q.present.isEmpty() ? 0 : Math.max(0, now - q.present.first().queuedAt);
      out.add(new QueueDepth(q.spec.id(), q.present.size() - q.ringing, q.ringing, longest));
    }
    return out;
  }

  Optional<QueueStats> queueStats(String id, long now) {
    QueueState q = queues.get(id);
    if (q == null) {
      return Optional.empty();
    }
    Requirement servesQueue = queueRequirement(q.spec);
    Map<String, Integer> byState = new LinkedHashMap<>();
    for (String s : List.of("available", "busy", "not_ready", "wrap_up", "offline")) {
      byState.put(s, 0);
    }
    for (AgentState a : agents.values()) {
      if (servesQueue.admits(a.profile, now)) {
        String state = a.busy() ? "busy" : a.status.wire();
        byState.merge(state, 1, Integer::sum);
      }
    }
    double longest = q.present.isEmpty() ? 0 : (now - q.present.first().queuedAt) / 1000.0;
    int nearBreach = 0;
    for (ContactState c : q.present) {
      if (c.slaNearBreach(now)) {
        nearBreach++;
      }
    }
    long interval = intervalStart(now);
    boolean current = q.slaInterval == interval;
    long decided = current ? q.slaDecided : 0;
    long met = current ? q.slaMet : 0;
    QueueStats.ServiceLevel sla = new QueueStats.ServiceLevel(
        decided == 0 ? null : Math.round(met * 10_000.0 / decided) / 100.0,
        q.spec.sla() == null ? null : q.spec.sla().targetPercent(),
        decided, met, current ? q.slaBreaches : 0, q.slaBreachesTotal, nearBreach,
        interval, interval + SLA_INTERVAL_MILLIS);
    return Optional.of(
        new QueueStats(
            q.spec.id(),
            q.present.size() - q.ringing,
            q.ringing,
            Math.max(0, longest),
            q.offered,
            q.answered,
            q.abandoned,
            q.completed,
            q.transferredOut,
            q.missedOffers,
            q.answered == 0 ? 0 : q.answerWaitMillis / 1000.0 / q.answered,
            q.averageHandleSeconds(),
            byState,
            sla));
  }

  /**
   * Where each contact waiting (not ringing) in a queue stands, longest in the queue first; empty
   * if no such queue. The same position and estimate as {@link #contactView}, without the view.
   */
  Optional<List<WaitingPosition>> waitingPositions(String id, long now) {
    QueueState q = queues.get(id);
    if (q == null) {
      return Optional.empty();
    }
    List<WaitingPosition> out = new ArrayList<>(q.present.size());
    for (ContactState c : q.present) {
      if (c.status == ContactStatus.QUEUED) {
        out.add(waitingPosition(q, c, now));
      }
    }
    return Optional.of(out);
  }

  /** The contacts waiting in queue {@code id} (their ids only), none when there is no such queue. */
  List<String> waitingIds(String id) {
    QueueState q = queues.get(id);
    if (q == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(q.present.size());
    for (ContactState c : q.present) {
      if (c.status == ContactStatus.QUEUED) {
        out.add(c.id());
      }
    }
    return out;
  }

  /** Where one contact stands while it waits; empty once it no longer waits (or never did). */
  Optional<WaitingPosition> waitingPosition(String contactId, long now) {
    ContactState c = contacts.get(contactId);
    QueueState q = c == null ? null : queues.get(c.queue);
    return q == null || c.status != ContactStatus.QUEUED ? Optional.empty() : Optional.of(waitingPosition(q, c, now));
  }

  private WaitingPosition waitingPosition(QueueState q, ContactState c, long now) {
    return waitingPosition(q, c, matcher.position(c), now);
  }

  /** The lines of waiting contacts now (see {@link Matcher#lines}). */
  List<WaitingIndex.GroupKey> lines() {
    return matcher.lines();
  }

  /**
   * Where the waiting contacts of one line stand: up to {@code max} after {@code after} (null: from
   * its head), in line order, given to {@code out}; as {@link Matcher#walk}, returns where to go on.
   */
  WaitingIndex.Mark walkLine(WaitingIndex.GroupKey line, WaitingIndex.Mark after, int max, long now,
      Consumer<WaitingPosition> out) {
    LineWalk walk = new LineWalk(now);
    return matcher.walk(line, after, max, (c, position) -> out.accept(walk.position(c, position)));
  }

  /**
   * Places along one line: its contacts share a requirement, and mostly a queue and channel, so
   * the queue and the slots serving it are looked up once per run of contacts of the same queue
   * and channel, not per contact (the same answers as {@link #estimatedWait}).
   */
  private final class LineWalk {
    private final long now;
    private String queueId;
    private Channel channel;
    private Requirement requirement;
    private QueueState queue;
    private int slots;

    LineWalk(long now) {
      this.now = now;
    }

    WaitingPosition position(ContactState c, int position) {
      Requirement r = c.group != null ? c.group.requirement() : null;
      if (queueId == null || !queueId.equals(c.queue) || channel != c.channel || requirement != r) {
        queueId = c.queue;
        channel = c.channel;
        requirement = r;
        queue = queues.get(c.queue);
        slots = slots(queue, r != null ? r : queueRequirement(queue.spec), channel, now);
      }
      return new WaitingPosition(c.id(), c.queue, position, waitSeconds(queue, position, slots), c.spec.externalId(),
          c.spec.callId());
    }
  }

  private WaitingPosition waitingPosition(QueueState q, ContactState c, int position, long now) {
    return new WaitingPosition(c.id(), c.queue, position, estimatedWait(q, c, position, now), c.spec.externalId(),
        c.spec.callId());
  }

  /**
   * A waiting contact's expected wait: the work ahead of it shared among the slots that could take
   * it. Only agents who meet its requirement count (its skills, licences, site, a named agent),
   * each with its capacity on the contact's channel, so three chat agents taking three chats at
   * once serve like nine; null while nobody who could take it is signed in.
   */
  private Integer estimatedWait(QueueState q, ContactState c, int position, long now) {
    Channel channel = c.channel;
    Requirement r = c.group != null ? c.group.requirement() : queueRequirement(q.spec);
    return waitSeconds(q, position, slots(q, r, channel, now));
  }

  /** The work ahead of {@code position} shared among {@code slots}; null when there are none. */
  private static Integer waitSeconds(QueueState q, int position, int slots) {
    return slots > 0 ? (Integer) (int) Math.ceil(position * q.expectedHandleSeconds() / slots) : null;
  }

  ContactView contactView(ContactState c, long now) {
    Integer position = null;
    Integer estimatedWait = null;
    if (c.status == ContactStatus.QUEUED) {
      position = matcher.position(c);
      QueueState q = queues.get(c.queue);
      estimatedWait = estimatedWait(q, c, position, now);
    } else if (c.status == ContactStatus.OFFERED) {
      position = 0;
      estimatedWait = 0;
    }
    ContactView.Offer offer =
        c.status == ContactStatus.OFFERED
            ? new ContactView.Offer(c.offerId(), c.offerAgent(), c.offerMadeAt(), c.offerExpiresAt())
            : null;
    double priority =
        c.status.terminal() || c.group == null
            ? c.spec.priority()
            : WaitingIndex.effectivePriority(c, c.group.agingRate(), now);
    ContactView.Routing routing = c.later.routingReasons.isEmpty() && c.later.preferredAgent == null && !c.held
        ? null
        : new ContactView.Routing(c.held, c.later.heldIn, c.later.routingReasons, c.gateLicences, c.routeStage,
            c.later.preferredAgent, c.later.preferredTeam, c.later.stageUntil);
    ContactView.Callback callback = c.later.callbackRequestedAt == null
        ? null : new ContactView.Callback(c.later.callbackNumber, c.later.callbackRequestedAt);
    ContactView.Survey survey = c.later.survey;
    return new ContactView(
        c.id(), c.status, c.queue, c.spec, c.later.agentId, offer, c.later.targetAgent, c.arrivedAt, c.queuedAt,
        c.later.assignedAt, c.later.endedAt, priority, position, estimatedWait, c.offerAttempts,
        c.rejectedBy().isEmpty() ? List.of() : List.copyOf(c.rejectedBy()), c.later.disposition, c.later.notes,
        c.later.stage, slaView(c, now), c.channel, routing, callback,
        survey, ServiceStages.of(c));
  }

  private static SlaView slaView(ContactState c, long now) {
    Event.SlaStarted s = c.sla;
    if (s == null) {
      return null;
    }
    Long answeredAt = c.later.slaAnsweredAt;
    long until = answeredAt != null ? answeredAt : c.later.endedAt != null ? c.later.endedAt : now;
    Long nextAt = c.slaRunning() && !c.status.terminal() ? s.dueAt().get(c.slaNext) : null;
    return new SlaView(
        s.source(), s.policy().timeBasis(), s.policy().answerWithinSeconds(), s.startedAt(), s.deadline(),
        s.deadline() - until, c.slaBreached, answeredAt, nextAt, c.later.slaFired, c.priorityBoost, c.relaxBy,
        c.later.slaPendingOverflow);
  }

  AgentView agentView(AgentState a) {
    List<ContactView.Offer> pending = new ArrayList<>();
    for (String offerId : a.offers.keySet()) {
      ContactState c = contacts.get(a.offers.get(offerId));
      pending.add(new ContactView.Offer(offerId, a.id(), c.offerMadeAt(), c.offerExpiresAt()));
    }
    return new AgentView(
        a.profile, a.status, a.reason, a.statusSince, a.wrapUpUntil, a.busy(), a.load(), pending,
        List.copyOf(a.offers.values()), List.copyOf(a.contacts), a.missedOffers);
  }

  /**
   * Agents logged in who meet the queue's own requirement: cached until agents change or a
   * licence that one of the counted agents needs for this queue lapses.
   */
  private int slots(QueueState q, Requirement r, Channel channel, long now) {
    if (now < q.slotsSince || now > q.slotsUntil) {
      q.slots.clear();
    }
    if (q.slots.isEmpty()) {
      q.slotsSince = now;
      q.slotsUntil = Long.MAX_VALUE;
    }
    Integer cached = q.slots.get(r);
    if (cached != null) {
      return cached;
    }
    int n = 0;
    for (AgentState a : agents.values()) {
      if (a.status != AgentStatus.OFFLINE && r.admits(a.profile, now)) {
        n += channel == null ? 1 : a.profile.capacityFor(channel);
        for (Licence l : a.profile.licences()) {
          if (l.validUntil() != null && l.validUntil() >= now && r.licences().contains(l.name())) {
            q.slotsUntil = Math.min(q.slotsUntil, l.validUntil());
          }
        }
      }
    }
    q.slots.put(r, n);
    return n;
  }

  private static Requirement queueRequirement(QueueSpec q) {
    return new Requirement(q.channel(), q.site(), q.skills(), q.licences(), null);
  }

  /** Number of contacts queued (not offered) across the domain. */
  int waitingCount() {
    return matcher.waiting();
  }
}
