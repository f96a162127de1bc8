package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One complaint case's mutable state, owned by its {@link RoutingDomain}: plain fields set only by
 * {@code apply}, so a snapshot of the domain can capture them as they are.
 */
final class CaseState {
  final String id;
  final Customer customer;
  final String sourceContactId;
  final Channel channel;
  final String summary;
  final long openedAt;
  Complaint.Kind kind;
  Complaint.Severity severity;
  Complaint.Stage stage = Complaint.Stage.INTAKE;
  long stageStartedAt;
  /** The routed work item of the current stage, or null (feedback recorded, closed). */
  String workContactId;
  /** The department queue investigating it, once classified. */
  String department;
  /** Who acknowledged it (agent id): later customer-facing work goes to them first. */
  String owner;
  /** The current stage's deadline and near-breach mark, or null when the stage has none. */
  Long deadline;
  Long nearAt;
  /** 0: the near mark is next; 1: the deadline is next; 2: both passed. */
  int nextPoint;
  boolean breachedNow;
  /** Stages whose deadline passed before the stage was done. */
  final List<Complaint.Stage> breached = new ArrayList<>();
  String findings;
  String result;
  Boolean satisfied;
  String feedbackComment;
  /** The agent who recorded the feedback, who may close the case. */
  String feedbackBy;
  Long resultAt;
  Long closedAt;
  final List<CaseView.Transition> history = new ArrayList<>();

  CaseState(Event.CaseOpened e, long at) {
    this.id = e.caseId();
    this.customer = e.customer();
    this.sourceContactId = e.sourceContactId();
    this.channel = e.channel();
    this.summary = e.summary();
    this.kind = e.kind();
    this.severity = e.severity();
    this.openedAt = at;
    this.stageStartedAt = at;
  }

  boolean open() {
    return stage != Complaint.Stage.CLOSED;
  }

  /** How many times the case was reopened: its reopenings in the history (so a snapshot keeps it). */
  int reopened() {
    return (int) history.stream().filter(t -> t.step() == Complaint.Step.REOPEN).count();
  }

  /** When the current round began: the last reopening, else the opening. Graded limits count from it. */
  long roundStartedAt() {
    long at = openedAt;
    for (CaseView.Transition t : history) {
      if (t.step() == Complaint.Step.REOPEN) {
        at = t.at();
      }
    }
    return at;
  }

  /** The next deadline point's time, or null. */
  Long nextDue() {
    if (deadline == null || nextPoint >= 2) {
      return null;
    }
    return nextPoint == 0 ? nearAt : deadline;
  }
}
