package dev.contactrouter.core;

import java.util.List;

/**
 * A complaint case as clients see it at one moment. Immutable, collections included: views leave
 * the writer's thread.
 *
 * @param workContactId the routed work item of the current stage, or null
 * @param deadline the current stage's deadline, or null
 * @param nearBreach past the current stage's near mark and not yet breached
 * @param breachedStages stages whose deadline passed before they were done
 * @param history every transition with who made it, when and why
 */
public record CaseView(
    String id,
    Complaint.Stage stage,
    Customer customer,
    String sourceContactId,
    Channel channel,
    String summary,
    Complaint.Kind kind,
    Complaint.Severity severity,
    String department,
    String owner,
    long openedAt,
    long stageStartedAt,
    String workContactId,
    Long deadline,
    Long nearAt,
    boolean nearBreach,
    boolean breachedNow,
    List<Complaint.Stage> breachedStages,
    String findings,
    String result,
    Boolean satisfied,
    String feedbackComment,
    Long resultAt,
    Long closedAt,
    List<Transition> history) {

  public CaseView {
    breachedStages = List.copyOf(breachedStages);
    history = List.copyOf(history);
  }

  /**
   * @param step the step taken, or null for the opening
   * @param by the actor ({@code agent:a1}, {@code supervisor/…})
   * @param note what was recorded with it
   */
  public record Transition(Complaint.Stage from, Complaint.Stage to, Complaint.Step step, long at, String by, String note) {}
}
