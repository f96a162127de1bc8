package dev.contactrouter.core;

import java.util.Optional;

/** The vocabulary of complaint cases (§5.3 of the manual). */
public final class Complaint {
  private Complaint() {}

  /** Where a case is: each open stage is worked as a routed work item. */
  public enum Stage implements WireName {
    /** Received; a work item asks someone to acknowledge and classify it. */
    INTAKE,
    /** Classified; the responsible department investigates and proposes a resolution. */
    INVESTIGATION,
    /** Investigated; someone gives the result to the customer. */
    RESULT,
    /** The result was given; the customer's feedback is collected (the loop is closed only after it). */
    FEEDBACK,
    CLOSED;
  }

  /** The classes of §5.3 (service attitude, business operation, system fault), with trade exceptions apart. */
  public enum Kind implements WireName {
    SERVICE_ATTITUDE, BUSINESS_OPERATION, TRADE_EXCEPTION, SYSTEM_FAULT, OTHER;

    public static Optional<Kind> fromWire(String wire) {
      return WireName.fromWire(values(), wire);
    }
  }

  /** Graded response (分级响应): a major issue must be answered and handled within the hour. */
  public enum Severity implements WireName {
    NORMAL, MAJOR;

    public static Optional<Severity> fromWire(String wire) {
      return WireName.fromWire(values(), wire);
    }
  }

  /** What someone does to a case; each step moves it on and is recorded with who and why. */
  public enum Step implements WireName {
    /** Acknowledge and classify: intake → investigation, routed to the department. */
    CLASSIFY,
    /** Record the findings and proposed resolution: investigation → result. */
    INVESTIGATE,
    /** Record the result given to the customer: result → feedback. */
    RESULT,
    /** Record the customer's feedback (stays in feedback, now closable). */
    FEEDBACK,
    /** Close the loop: only once feedback is recorded. */
    CLOSE,
    /**
     * Reopen after the customer's feedback said unsatisfied (a supervisor's decision): feedback or
     * closed → investigation again, in the same case, with fresh deadlines and a new work item.
     */
    REOPEN;

    public static Optional<Step> fromWire(String wire) {
      return WireName.fromWire(values(), wire);
    }
  }
}
