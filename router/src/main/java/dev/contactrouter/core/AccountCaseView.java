package dev.contactrouter.core;

import java.util.List;

/**
 * An account-opening case as it stands: immutable, the state its part holds and what clients see.
 *
 * @param sourceContactId the contact it came in on, or null
 * @param deadline when the account must be active: {@link AccountOpening#LIMIT_WORKING_DAYS}
 *     working days after it was received, in the rules' calendar
 * @param nearAt from when supervisors see it as near its deadline
 * @param step the last step reached
 * @param workContactId the routed work item asking for the next step, or null once active
 * @param steps every step reached, with who took it and when
 * @param activatedAt when the account became active, or null
 * @param workingDays working days from received to active, or null while open
 */
public record AccountCaseView(
    String id,
    Customer customer,
    Channel channel,
    String sourceContactId,
    long openedAt,
    long deadline,
    long nearAt,
    AccountOpening.Step step,
    String workContactId,
    List<StepTaken> steps,
    Long activatedAt,
    Double workingDays) {

  public AccountCaseView {
    steps = List.copyOf(steps);
  }

  public boolean open() {
    return step != AccountOpening.Step.ACTIVE;
  }

  /** Past its deadline: still open at {@code now}, or made active late. */
  public boolean breached(long now) {
    return open() ? now >= deadline : activatedAt > deadline;
  }

  /** Open, past its near mark and not yet past its deadline. */
  public boolean nearBreach(long now) {
    return open() && now >= nearAt && now < deadline;
  }

  /**
   * @param by the actor who recorded it ({@code agent:a1}, {@code supervisor}, {@code branch-kiosk})
   * @param workedBy the agent who held the step's work item, or null (the opening)
   */
  public record StepTaken(AccountOpening.Step step, long at, String by, String workedBy, String note) {}
}
