package dev.contactrouter.core;

import java.util.List;

/**
 * A routing domain's whole state at one point of its journal, as an immutable record tree: what
 * {@link RoutingDomain#snapshot()} returns and {@link RoutingDomain#restore} rebuilds from.
 * Recovery starts from the latest snapshot and replays only the events after it, which bounds
 * restart time however long the journal grows.
 *
 * <p>Everything the domain derives (the matcher's indexes, each queue's waiting line and ringing
 * count, the offer, idempotency and customer lookups) is left out and rebuilt on restore, so a
 * snapshot cannot disagree with itself. Being immutable, it can be encoded on another thread
 * while the writer carries on.
 *
 * @param arrivals contacts ever queued (the next contact's arrival number)
 * @param registrations agents ever configured (the next agent's registration number)
 * @param queues every queue, by id
 * @param agents every agent, in registration order
 * @param contacts every contact held in memory, in arrival order
 * @param retired ended contacts in the order they ended, oldest first (the oldest are dropped
 *     from memory once there are more than {@link Retention#endedContacts})
 * @param webhooks integrators' webhooks, by id
 * @param accountCases account-opening cases held in memory, by id
 * @param catalogues the configured catalogues of not-ready reasons and dispositions (none: free text)
 */
public record DomainSnapshot(
    long arrivals,
    long registrations,
    List<Queue> queues,
    List<Agent> agents,
    List<Contact> contacts,
    List<String> retired,
    List<CalendarSpec> calendars,
    List<CategorySpec> categories,
    List<ApiKeyView> apiKeys,
    ServiceRules rules,
    List<Case> cases,
    List<FollowUp> followUps,
    List<WebhookSpec> webhooks,
    List<AccountCaseView> accountCases,
    List<Catalogue> catalogues) {

  /** A domain without webhooks (as every snapshot was before they existed). */
  public DomainSnapshot(long arrivals, long registrations, List<Queue> queues, List<Agent> agents,
      List<Contact> contacts, List<String> retired, List<CalendarSpec> calendars, List<CategorySpec> categories,
      List<ApiKeyView> apiKeys, ServiceRules rules, List<Case> cases, List<FollowUp> followUps) {
    this(arrivals, registrations, queues, agents, contacts, retired, calendars, categories, apiKeys, rules, cases,
        followUps, List.of());
  }

  /** A domain without account-opening cases (as every snapshot was before they existed). */
  public DomainSnapshot(long arrivals, long registrations, List<Queue> queues, List<Agent> agents,
      List<Contact> contacts, List<String> retired, List<CalendarSpec> calendars, List<CategorySpec> categories,
      List<ApiKeyView> apiKeys, ServiceRules rules, List<Case> cases, List<FollowUp> followUps,
      List<WebhookSpec> webhooks) {
    this(arrivals, registrations, queues, agents, contacts, retired, calendars, categories, apiKeys, rules, cases,
        followUps, webhooks, List.of());
  }

  /** A domain without catalogues (as every snapshot was before they existed). */
  public DomainSnapshot(long arrivals, long registrations, List<Queue> queues, List<Agent> agents,
      List<Contact> contacts, List<String> retired, List<CalendarSpec> calendars, List<CategorySpec> categories,
      List<ApiKeyView> apiKeys, ServiceRules rules, List<Case> cases, List<FollowUp> followUps,
      List<WebhookSpec> webhooks, List<AccountCaseView> accountCases) {
    this(arrivals, registrations, queues, agents, contacts, retired, calendars, categories, apiKeys, rules, cases,
        followUps, webhooks, accountCases, List.of());
  }

  public DomainSnapshot {
    queues = List.copyOf(queues);
    agents = List.copyOf(agents);
    contacts = List.copyOf(contacts);
    retired = List.copyOf(retired);
    calendars = List.copyOf(calendars);
    categories = List.copyOf(categories);
    apiKeys = List.copyOf(apiKeys);
    cases = List.copyOf(cases);
    followUps = List.copyOf(followUps);
    webhooks = List.copyOf(webhooks);
    accountCases = accountCases == null ? List.of() : List.copyOf(accountCases);
    catalogues = catalogues == null ? List.of() : List.copyOf(catalogues);
  }

  /** A complaint case as its events left it. */
  public record Case(CaseView view, int nextPoint, String feedbackBy) {}

  /** What the service rules recorded about a contact: its gates, reservation, callback, survey, service stages. */
  public record Service(
      Channel channel,
      java.util.Set<String> gateLicences,
      boolean held,
      String heldIn,
      List<String> routingReasons,
      RouteStage routeStage,
      String preferredAgent,
      String preferredTeam,
      Long stageUntil,
      String callbackNumber,
      Long callbackRequestedAt,
      Integer csat,
      Integer nps,
      String surveyComment,
      String ringingOffer,
      List<ContactView.StageEntry> stages) {
    public Service {
      gateLicences = java.util.Set.copyOf(gateLicences);
      routingReasons = List.copyOf(routingReasons);
      stages = List.copyOf(stages);
    }

    /** A contact from before service stages were recorded: it is taken to be in intake since it arrived. */
    public Service(Channel channel, java.util.Set<String> gateLicences, boolean held, String heldIn,
        List<String> routingReasons, RouteStage routeStage, String preferredAgent, String preferredTeam,
        Long stageUntil, String callbackNumber, Long callbackRequestedAt, Integer csat, Integer nps,
        String surveyComment, String ringingOffer) {
      this(channel, gateLicences, held, heldIn, routingReasons, routeStage, preferredAgent, preferredTeam, stageUntil,
          callbackNumber, callbackRequestedAt, csat, nps, surveyComment, ringingOffer, List.of());
    }

    /** A contact whose agent's phone was never reported ringing. */
    public Service(Channel channel, java.util.Set<String> gateLicences, boolean held, String heldIn,
        List<String> routingReasons, RouteStage routeStage, String preferredAgent, String preferredTeam,
        Long stageUntil, String callbackNumber, Long callbackRequestedAt, Integer csat, Integer nps,
        String surveyComment) {
      this(channel, gateLicences, held, heldIn, routingReasons, routeStage, preferredAgent, preferredTeam, stageUntil,
          callbackNumber, callbackRequestedAt, csat, nps, surveyComment, null, List.of());
    }
  }

  /** A queue's policy and its counters since the domain began. */
  public record Queue(
      QueueSpec spec,
      long offered,
      long answered,
      long abandoned,
      long completed,
      long transferredOut,
      long missedOffers,
      long answerWaitMillis,
      long handleMillis,
      Sla sla) {}

  /** A queue's SLA counters for its current reporting interval, and its breaches in all. */
  public record Sla(long interval, long decided, long met, long breaches, long breachesTotal) {}

  /**
   * @param seq registration order, the last tie-break between equally ready agents
   * @param offers ids of the agent's pending offers, in the order they were made
   * @param contacts ids of the contacts assigned to it, in the order assigned
   */
  public record Agent(
      long seq,
      AgentProfile profile,
      AgentStatus status,
      String reason,
      long statusSince,
      Long wrapUpUntil,
      long readySince,
      Channel activeChannel,
      List<String> offers,
      List<String> contacts,
      int missedOffers) {
    public Agent {
      offers = List.copyOf(offers);
      contacts = List.copyOf(contacts);
    }

    /** An agent that has missed no offer since it last accepted one or changed status. */
    public Agent(long seq, AgentProfile profile, AgentStatus status, String reason, long statusSince, Long wrapUpUntil,
        long readySince, Channel activeChannel, List<String> offers, List<String> contacts) {
      this(seq, profile, status, reason, statusSince, wrapUpUntil, readySince, activeChannel, offers, contacts, 0);
    }
  }

  /**
   * @param seq arrival order
   * @param priorityKey the time-invariant part of the contact's priority when it was last placed
   *     in line, null for an ended contact; kept because an assigned contact's effective priority
   *     is still read from it after its queue's policy changed
   * @param agingRate the aging rate it was placed with, null for an ended contact
   */
  public record Contact(
      ContactSpec spec,
      long seq,
      long arrivedAt,
      ContactStatus status,
      String queue,
      String targetAgent,
      long queuedAt,
      String agentId,
      String offerId,
      String offerAgent,
      long offerMadeAt,
      long offerExpiresAt,
      int offerAttempts,
      Long assignedAt,
      Long endedAt,
      String disposition,
      String notes,
      String stage,
      List<String> rejectedBy,
      Double priorityKey,
      Double agingRate,
      int priorityBoost,
      int relaxBy,
      Clock sla,
      Service service) {
    public Contact {
      rejectedBy = List.copyOf(rejectedBy);
    }
  }

  /**
   * A contact's SLA clock: how it started (as {@link Event.SlaStarted} recorded it) and how far
   * it has run.
   */
  public record Clock(
      String source,
      SlaPolicy policy,
      long startedAt,
      long deadline,
      long nearAt,
      List<Long> dueAt,
      int next,
      boolean breached,
      Long answeredAt,
      String pendingOverflow,
      List<SlaView.Fired> fired) {
    public Clock {
      dueAt = List.copyOf(dueAt);
      fired = List.copyOf(fired);
    }
  }
}
