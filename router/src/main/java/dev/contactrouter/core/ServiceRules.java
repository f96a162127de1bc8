package dev.contactrouter.core;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A routing domain's securities service rules, as an administrator configures them (one per
 * domain; {@link #DEFAULTS} until configured).
 *
 * @param reviewQueue where a contact that fails a compliance gate (an unsuitable product, or a
 *     licence nobody holds) waits for review; null refuses such contacts instead
 * @param relationship how long a high-net-worth customer's contact waits for its relationship
 *     manager, then for the manager's team, before anyone qualified may take it
 * @param returnVisit the return visits (回访) scheduled after a sale or a closed complaint
 * @param complaints where complaint cases are worked and their deadlines
 * @param scoreWeights the weights of the agents' composite score in reports
 * @param missedOffersBeforeNotReady how many offers in a row an agent may let ring out before it
 *     goes not ready ({@code missed-offer}); 1, the default, sends it not ready at the first
 * @param accountOpening where account-opening cases are worked and their limit
 */
public record ServiceRules(
    String reviewQueue,
    Relationship relationship,
    ReturnVisit returnVisit,
    Complaints complaints,
    ScoreWeights scoreWeights,
    int missedOffersBeforeNotReady,
    AccountOpenings accountOpening) {

  public static final int DEFAULT_MISSED_OFFERS = 1;
  public static final int MAX_MISSED_OFFERS = 100;

  public static final ServiceRules DEFAULTS = new ServiceRules(
      null, Relationship.DEFAULTS, ReturnVisit.OFF, Complaints.OFF, ScoreWeights.DEFAULTS);

  /** Rules that send an agent not ready at its first missed offer. */
  public ServiceRules(String reviewQueue, Relationship relationship, ReturnVisit returnVisit, Complaints complaints,
      ScoreWeights scoreWeights) {
    this(reviewQueue, relationship, returnVisit, complaints, scoreWeights, DEFAULT_MISSED_OFFERS);
  }

  /** Rules without account-opening cases. */
  public ServiceRules(String reviewQueue, Relationship relationship, ReturnVisit returnVisit, Complaints complaints,
      ScoreWeights scoreWeights, int missedOffersBeforeNotReady) {
    this(reviewQueue, relationship, returnVisit, complaints, scoreWeights, missedOffersBeforeNotReady,
        AccountOpenings.OFF);
  }

  public ServiceRules {
    relationship = relationship == null ? Relationship.DEFAULTS : relationship;
    returnVisit = returnVisit == null ? ReturnVisit.OFF : returnVisit;
    complaints = complaints == null ? Complaints.OFF : complaints;
    scoreWeights = scoreWeights == null ? ScoreWeights.DEFAULTS : scoreWeights;
    accountOpening = accountOpening == null ? AccountOpenings.OFF : accountOpening;
  }

  /**
   * @param managerSeconds how long the contact is reserved for the manager (0: not at all)
   * @param teamSeconds then how long for the manager's team (0: not at all)
   */
  public record Relationship(int managerSeconds, int teamSeconds) {
    public static final Relationship DEFAULTS = new Relationship(30, 60);
  }

  /**
   * @param queue the queue return visits are routed in (it must take callbacks); null: none
   * @param afterSaleSeconds delay after a contact completed with one of {@code saleDispositions}
   * @param afterComplaintSeconds delay after a complaint case closed
   */
  public record ReturnVisit(String queue, int afterSaleSeconds, int afterComplaintSeconds, Set<String> saleDispositions) {
    public static final ReturnVisit OFF = new ReturnVisit(null, 86_400, 86_400, Set.of("sale"));

    public ReturnVisit {
      saleDispositions = Skills.sortedSet(saleDispositions == null ? Set.of("sale") : saleDispositions);
    }
  }

  /**
   * Complaint cases: their intake, result and feedback work is routed in {@code queue}; their
   * investigation in the department queue named when classified. Deadlines count business time
   * in {@code calendar} (elapsed time when null). The manual's limits: acknowledge within 24 h,
   * investigate within 72 h, give the result within 48 h; graded cases have an overall limit from
   * opening to result (trade exception 24 h, system fault 4 h, major issue 1 h) that caps every
   * stage's deadline.
   *
   * @param nearBreachPercent share of a stage's deadline from which supervisors see it as near
   */
  public record Complaints(
      String queue, String calendar, int acknowledgeSeconds, int investigateSeconds, int resultSeconds,
      int tradeExceptionSeconds, int systemFaultSeconds, int majorSeconds, int nearBreachPercent) {
    public static final Complaints OFF = new Complaints(null, null, 24 * 3600, 72 * 3600, 48 * 3600, 24 * 3600,
        4 * 3600, 3600, 80);
  }

  /**
   * Weights of the agents' composite score (0–100): satisfaction (mean CSAT), response speed (how
   * quickly offers are accepted, against {@code responseTargetSeconds}), volume (contacts handled
   * against the busiest agent) and answer rate (offers accepted of offers made). A component
   * without data is left out and the others' weights rescaled.
   */
  public record ScoreWeights(
      double satisfaction, double responseSpeed, double volume, double answerRate, int responseTargetSeconds) {
    public static final ScoreWeights DEFAULTS = new ScoreWeights(0.4, 0.2, 0.2, 0.2, 10);
  }

  /**
   * Account-opening cases: each step's work item is routed in the desk {@code desks} names for the
   * step it asks for (its wire name, e.g. {@code suitability_assessed}), else in {@code queue}.
   * The deadline is {@code workingDays} working days (the manual: 3) from receipt, counted in
   * {@code calendar} (every day when null).
   *
   * @param nearBreachPercent share of the time to the deadline from which supervisors see it as near
   */
  public record AccountOpenings(String queue, String calendar, int workingDays, int nearBreachPercent,
      Map<String, String> desks) {
    public static final AccountOpenings OFF = new AccountOpenings(null, null, AccountOpening.LIMIT_WORKING_DAYS, 80,
        Map.of());

    public AccountOpenings {
      desks = desks == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(desks));
    }

    /** The queue that works the step {@code step} asks for. */
    public String deskFor(AccountOpening.Step step) {
      return desks.getOrDefault(step.wire(), queue);
    }
  }
}
