package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A contact centre for scenario tests: one routing domain driven by commands at a controllable
 * {@code now}.
 *
 * <p>Every command goes to an indexed domain and to a linear reference domain; the fixture fails
 * the test if they decide differently or if either breaks its invariants, so every scenario also
 * checks that the index decides exactly like the scan. Reads and returned decisions come from the
 * indexed domain.
 */
final class Centre {
  static final long T0 = Instant.parse("2025-01-06T09:00:00Z").toEpochMilli();

  final RoutingDomain domain;
  final RoutingDomain reference;
  final List<Recorded> journal = new ArrayList<>();
  long now = T0;

  Centre() {
    this(Retention.DEFAULTS);
  }

  /** A centre whose domains keep {@code retention}'s finished work in memory. */
  Centre(Retention retention) {
    domain = new RoutingDomain(MatcherKind.INDEXED, retention);
    reference = new RoutingDomain(MatcherKind.LINEAR, retention);
  }

  /** A billing queue (offers ring 15 s, 30 s of wrap-up) and agent a1 able to serve it, offline. */
  static Centre billingDesk() {
    Centre centre = new Centre();
    centre.configure(queue("billing").skill("billing", 2).offerTimeout(15).wrapUp(30));
    centre.configure(agent("a1").skill("billing", 3));
    return centre;
  }

  /**
   * Complaint cases' desk: the complaints queue (any channel), an IT back office (email), return
   * visits (callbacks), the rules that name them, clerk (email and callback, available) and
   * engineer (email, offline).
   */
  static Centre complaintDesk() {
    Centre centre = new Centre();
    centre.configure(queue("complaints").anyChannel());
    centre.configure(queue("it").channel(Channel.EMAIL));
    centre.configure(queue("callbacks").channel(Channel.CALLBACK));
    centre.configure(agent("clerk").capacity(Channel.EMAIL, 1).capacity(Channel.CALLBACK, 1));
    centre.configure(agent("engineer").capacity(Channel.EMAIL, 1));
    centre.configure(ServiceRulesTest.rules(null, 30, 0, "callbacks", "complaints"));
    centre.available("clerk");
    return centre;
  }

  /** Queue {@code queue} (no skills) and these agents (any skills), all offline. */
  static Centre desk(String queue, String... agents) {
    Centre centre = new Centre();
    centre.configure(queue(queue));
    for (String a : agents) {
      centre.configure(agent(a));
    }
    return centre;
  }

  /** Queue general and agents a1 and a2, a1 holding contact c1 (answered), a2 offline. */
  static Centre c1HeldByA1() {
    Centre centre = desk("general", "a1", "a2");
    centre.available("a1");
    centre.create(contact("c1", "general"));
    centre.answer("c1");
    return centre;
  }

  /**
   * A funds queue (skill funds 1) and the review queue (compliance 1, any channel) a contact is
   * held in when it fails a gate; no agents.
   */
  static Centre fundsWithReview() {
    Centre centre = new Centre();
    centre.configure(queue("review").anyChannel().skill("compliance", 1));
    centre.configure(queue("funds").skill("funds", 1));
    return centre;
  }

  /** On {@link #fundsWithReview}: contact {@code id} for funds, a product (risk 4) above its customer's risk (2), held. */
  void heldForReview(String id) {
    create(contact(id, "funds").customer("cust", 2, null).product("F1", 4));
    assertThat(contactView(id).routing().held()).isTrue();
  }

  // ------------------------------------------------------------------ time

  Centre advanceSeconds(double seconds) {
    now += Math.round(seconds * 1000);
    return this;
  }

  Centre advanceTo(long at) {
    assertThat(at).as("time only moves forward").isGreaterThanOrEqualTo(now);
    now = at;
    return this;
  }

  // ------------------------------------------------------------------ commands

  /** Runs a command on both domains at {@code now}; they must decide alike. */
  Decision handle(Command command) {
    Decision decision = domain.handle(command, now);
    Decision expected = reference.handle(command, now);
    assertThat(decision).as("indexed vs linear decision for %s", command).isEqualTo(expected);
    domain.checkInvariants();
    reference.checkInvariants();
    if (decision instanceof Decision.Applied applied) {
      journal.addAll(applied.events());
    }
    return decision;
  }

  Decision.Applied applied(Command command) {
    Decision d = handle(command);
    if (d instanceof Decision.Applied applied) {
      return applied;
    }
    return fail("expected %s to be applied but it was %s", command, d);
  }

  Decision.Refused refused(Command command) {
    Decision d = handle(command);
    if (d instanceof Decision.Refused refused) {
      return refused;
    }
    return fail("expected %s to be refused but it was %s", command, d);
  }

  Decision.Applied configure(QueueBuilder queue) {
    return applied(new Command.ConfigureQueue("admin", queue.build()));
  }

  Decision.Applied configure(AgentBuilder agent) {
    return applied(new Command.ConfigureAgent("admin", agent.build()));
  }

  /** Configures the agent and makes it available at once: an agent signed in and ready. */
  Decision.Applied ready(AgentBuilder agent) {
    AgentProfile profile = agent.build();
    configure(agent);
    return available(profile.id());
  }

  Decision.Applied available(String agentId) {
    return applied(new Command.SetAgentStatus("agent:" + agentId, agentId, AgentStatus.AVAILABLE, null));
  }

  Decision.Applied notReady(String agentId, String reason) {
    return applied(new Command.SetAgentStatus("agent:" + agentId, agentId, AgentStatus.NOT_READY, reason));
  }

  Decision setStatus(String agentId, AgentStatus status) {
    return handle(new Command.SetAgentStatus("agent:" + agentId, agentId, status, null));
  }

  Decision.Applied create(ContactBuilder contact) {
    return applied(createCommand(contact));
  }

  static Command.CreateContact createCommand(ContactBuilder contact) {
    return new Command.CreateContact("telephony", contact.build(), contact.major);
  }

  Decision accept(String offerId, String byAgent) {
    return handle(new Command.AcceptOffer(actor(byAgent), offerId, byAgent));
  }

  Decision reject(String offerId, String byAgent) {
    return handle(new Command.RejectOffer(actor(byAgent), offerId, byAgent, null));
  }

  Decision complete(String contactId, String byAgent) {
    return handle(new Command.CompleteContact(actor(byAgent), contactId, byAgent, "resolved", null));
  }

  Decision abandon(String contactId) {
    return handle(new Command.AbandonContact("telephony", contactId));
  }

  Decision transfer(String contactId, String toQueue, String toAgent, String byAgent) {
    return handle(new Command.TransferContact(actor(byAgent), contactId, toQueue, toAgent, byAgent));
  }

  Decision expire(String offerId) {
    return handle(new Command.ExpireOffer(Timers.TIMER_ACTOR, offerId));
  }

  Decision endWrapUp(String agentId, long until) {
    return handle(new Command.EndWrapUp(Timers.TIMER_ACTOR, agentId, until));
  }

  Decision reachSla(String contactId, int point) {
    return handle(new Command.ReachSlaPoint(Timers.TIMER_ACTOR, contactId, point));
  }

  Decision.Applied configure(CalendarSpec calendar) {
    return applied(new Command.ConfigureCalendar("admin", calendar));
  }

  Decision.Applied configure(CategorySpec category) {
    return applied(new Command.ConfigureCategory("admin", category));
  }

  Decision.Applied configure(ServiceRules rules) {
    return applied(new Command.ConfigureRules("admin", rules));
  }

  /**
   * Moves time to {@code at}, delivering every timer that falls due on the way at its own time,
   * earliest first, as the timer store would. Returns the events the timers caused.
   */
  List<Recorded> runTimersUntil(long at) {
    List<Recorded> caused = new ArrayList<>();
    for (int guard = 0; guard < 10_000; guard++) {
      Timers.Timer next = domain.liveTimers().stream()
          .filter(t -> t.dueAt() <= at)
          .min(java.util.Comparator.comparingLong(Timers.Timer::dueAt).thenComparing(Timers.Timer::key))
          .orElse(null);
      if (next == null) {
        break;
      }
      now = Math.max(now, next.dueAt());
      if (handle(next.command()) instanceof Decision.Applied a) {
        caused.addAll(a.events());
      }
    }
    now = Math.max(now, at);
    return caused;
  }

  private static String actor(String byAgent) {
    return byAgent == null ? "supervisor" : "agent:" + byAgent;
  }

  // ------------------------------------------------------------------ reads

  ContactView contactView(String id) {
    return domain.contact(id, now).orElseThrow(() -> new AssertionError("no contact " + id));
  }

  CaseView complaint(String id) {
    return domain.complaint(id, now).orElseThrow(() -> new AssertionError("no case " + id));
  }

  AgentView agentView(String id) {
    return domain.agent(id).orElseThrow(() -> new AssertionError("no agent " + id));
  }

  QueueStats stats(String queue) {
    return domain.queueStats(queue, now).orElseThrow(() -> new AssertionError("no queue " + queue));
  }

  /** The id of the contact's pending offer. */
  String offerOf(String contactId) {
    ContactView.Offer offer = contactView(contactId).offer();
    assertThat(offer).as("pending offer of %s", contactId).isNotNull();
    return offer.offerId();
  }

  /** Offers a contact to its agent and has the agent accept it. */
  void answer(String contactId) {
    ContactView.Offer offer = contactView(contactId).offer();
    assertThat(offer).as("pending offer of %s", contactId).isNotNull();
    assertThat(accept(offer.offerId(), offer.agentId())).isInstanceOf(Decision.Applied.class);
  }

  static <E extends Event> List<E> events(Decision decision, Class<E> type) {
    List<E> found = new ArrayList<>();
    if (decision instanceof Decision.Applied applied) {
      for (Recorded r : applied.events()) {
        if (type.isInstance(r.event())) {
          found.add(type.cast(r.event()));
        }
      }
    }
    return found;
  }

  static List<Event> events(Decision decision) {
    return events(decision, Event.class);
  }

  static List<Event.OfferMade> offers(Decision decision) {
    return events(decision, Event.OfferMade.class);
  }

  /** The single offer a decision made. */
  static Event.OfferMade offer(Decision decision) {
    List<Event.OfferMade> offers = offers(decision);
    assertThat(offers).as("offers made").hasSize(1);
    return offers.get(0);
  }

  // ------------------------------------------------------------------ builders

  static QueueBuilder queue(String id) {
    return new QueueBuilder(id);
  }

  static AgentBuilder agent(String id) {
    return new AgentBuilder(id);
  }

  static ContactBuilder contact(String id, String queue) {
    return new ContactBuilder(id, queue);
  }

  /** An elapsed-time policy answering within {@code seconds}, 80% target, with the given thresholds. */
  static SlaPolicy sla(int seconds, SlaPolicy.Threshold... thresholds) {
    return new SlaPolicy(seconds, 80, SlaPolicy.TimeBasis.ELAPSED, null, 80, List.of(thresholds));
  }

  static SlaPolicy.Threshold at(int percent, SlaPolicy.Action action, int by) {
    return new SlaPolicy.Threshold(percent, action, by, null);
  }

  static SlaPolicy.Threshold overflowAt(int percent, String queue) {
    return new SlaPolicy.Threshold(percent, SlaPolicy.Action.OVERFLOW, 0, queue);
  }

  /**
   * What a queue and a contact both say about who may serve it, and how urgently: its channel,
   * skills, site, licences and priority.
   */
  abstract static class RoutedBuilder<B extends RoutedBuilder<B>> {
    Channel channel = Channel.VOICE;
    final Map<String, Integer> skills = new TreeMap<>();
    String site;
    final Set<String> licences = new LinkedHashSet<>();
    int priority;

    /** This builder, as its own type (so calls chain on to its own setters). */
    abstract B self();

    B channel(Channel c) {
      channel = c;
      return self();
    }

    B skill(String skill, int level) {
      skills.put(skill, level);
      return self();
    }

    B site(String s) {
      site = s;
      return self();
    }

    B licence(String l) {
      licences.add(l);
      return self();
    }

    B priority(int p) {
      priority = p;
      return self();
    }
  }

  static final class QueueBuilder extends RoutedBuilder<QueueBuilder> {
    private final String id;
    private String name;
    private double agingRate;
    private int offerTimeoutSeconds = 15;
    private int wrapUpSeconds;
    private int expectedHandleSeconds = 120;
    private SlaPolicy sla;
    private String calendar;
    private ServiceStage stage;

    QueueBuilder(String id) {
      this.id = id;
    }

    @Override
    QueueBuilder self() {
      return this;
    }

    QueueBuilder anyChannel() {
      channel = null;
      return this;
    }

    QueueBuilder named(String displayName) {
      name = displayName;
      return this;
    }

    QueueBuilder aging(double pointsPerSecond) {
      agingRate = pointsPerSecond;
      return this;
    }

    QueueBuilder offerTimeout(int seconds) {
      offerTimeoutSeconds = seconds;
      return this;
    }

    QueueBuilder wrapUp(int seconds) {
      wrapUpSeconds = seconds;
      return this;
    }

    QueueBuilder expectedHandle(int seconds) {
      expectedHandleSeconds = seconds;
      return this;
    }

    QueueBuilder sla(SlaPolicy policy) {
      sla = policy;
      return this;
    }

    QueueBuilder calendar(String id) {
      calendar = id;
      return this;
    }

    /** The service stage the queue serves (§1.2.2). */
    QueueBuilder serves(ServiceStage s) {
      stage = s;
      return this;
    }

    QueueSpec build() {
      return new QueueSpec(
          id, name, channel, skills, site, licences, priority, agingRate, offerTimeoutSeconds,
          wrapUpSeconds, expectedHandleSeconds, sla, calendar, stage);
    }
  }

  static final class AgentBuilder {
    private final String id;
    private final Map<String, Integer> skills = new TreeMap<>();
    private final List<Licence> licences = new ArrayList<>();
    private String site;
    private String team;
    private final Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
    private final Map<String, String> devices = new TreeMap<>();

    AgentBuilder(String id) {
      this.id = id;
    }

    AgentBuilder skill(String skill, int level) {
      skills.put(skill, level);
      return this;
    }

    AgentBuilder licence(String name) {
      licences.add(Licence.permanent(name));
      return this;
    }

    AgentBuilder licence(String name, long validUntil) {
      licences.add(new Licence(name, validUntil));
      return this;
    }

    AgentBuilder site(String s) {
      site = s;
      return this;
    }

    AgentBuilder team(String t) {
      team = t;
      return this;
    }

    /** Channels and capacities the agent takes; with none given, the defaults apply. */
    AgentBuilder capacity(Channel channel, int n) {
      capacity.put(channel, n);
      return this;
    }

    /** Where the agent's calls ring, by kind ({@code sip}). */
    AgentBuilder device(String kind, String address) {
      devices.put(kind, address);
      return this;
    }

    AgentProfile build() {
      return new AgentProfile(id, null, skills, licences, site, team, capacity.isEmpty() ? null : capacity, devices);
    }
  }

  static final class ContactBuilder extends RoutedBuilder<ContactBuilder> {
    private final String id;
    private final String queue;
    private String idempotencyKey;
    private String fingerprint;
    private String category;
    private Customer customer;
    private Product product;
    private Call call;
    private String major;

    ContactBuilder(String id, String queue) {
      this.id = id;
      this.queue = queue;
    }

    @Override
    ContactBuilder self() {
      return this;
    }

    /** Arrives marked major with this reason ("" for none). */
    ContactBuilder major(String reason) {
      major = reason;
      return this;
    }

    ContactBuilder category(String c) {
      category = c;
      return this;
    }

    ContactBuilder customer(String customerId, Integer riskLevel, String relationshipManager) {
      customer = new Customer(customerId, null, null, riskLevel, relationshipManager);
      return this;
    }

    ContactBuilder product(String code, int riskLevel) {
      product = new Product(code, riskLevel);
      return this;
    }

    /** A call a switch holds: the contact is driven by its reports. */
    ContactBuilder call(String callId) {
      call = new Call(callId, "+86 138 0000 0000", "95555");
      return this;
    }

    ContactBuilder idempotency(String key, String requestFingerprint) {
      idempotencyKey = key;
      fingerprint = requestFingerprint;
      return this;
    }

    ContactSpec build() {
      return new ContactSpec(
          id, channel, queue, skills, priority, customer, null, null, site, licences, idempotencyKey,
          fingerprint, category, product, null, call);
    }
  }
}
