package dev.contactrouter.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-contact part of the reports' fold: what each event contributes to the figures, and the
 * state it needs across events (each contact's queue segment, when it was queued and answered, its
 * SLA deadline; when each open offer was made; each complaint case). {@link Reports} sums the
 * contributions of one period in memory; the PostgreSQL aggregates sum them per 15-minute interval
 * as events are journaled. Every contribution names the instant it belongs to (a segment's start
 * for queue figures, the event's time for agent figures), so whoever sums them decides the period.
 *
 * <p>The state can be read ({@link #contacts}, {@link #offers}, {@link #cases}) and put back
 * ({@link #restoreContact} and friends), so a fold can stop after any event and carry on later.
 */
public final class ReportFold {

  /** What the events contribute, in journal order. */
  public interface Figures {
    /** A queue segment began (a contact queued or transferred in). */
    void offered(String queue, long segmentStart);

    /**
     * A waiting segment was answered after {@code waitMillis}; {@code metDeadline} says whether by
     * the contact's SLA deadline, null when it had none (then the report's threshold decides).
     */
    void answered(String queue, long segmentStart, long waitMillis, Boolean metDeadline);

    void abandoned(String queue, long segmentStart, long waitMillis);

    void transferredOut(String queue, long segmentStart, long waitMillis);

    /**
     * Handling ended (a completion, or a transfer away) {@code handleMillis} after the answer: it
     * belongs to the answered segment's queue and start, and to the agent (if any) at {@code at}.
     */
    void handled(String queue, long segmentStart, String agentId, long at, long handleMillis, boolean completed);

    void offerMade(String agentId, long at);

    void offerAccepted(String agentId, long at, long responseMillis);

    void survey(String queue, String handledBy, long at, int csat, Integer nps);

    void weights(ServiceRules.ScoreWeights weights);
  }

  /** One contact's place, as the fold tracks it. */
  public record Contact(String id, String queue, long segmentStart, boolean waiting, Long deadline, Long assignedAt,
      String assignedQueue, long assignedSegmentStart) {}

  /** One complaint case, as the complaint report needs it. */
  public record Case(String id, long openedAt, String kind, String severity, Long resultAt, Long closedAt,
      boolean reopened, boolean breached, boolean breachedBeforeResult) {}

  private static final class Track {
    Long deadline;
    String queue;
    long segmentStart;
    boolean waiting = true;
    Long assignedAt;
    String assignedQueue;
    long assignedSegmentStart;
  }

  private static final class CaseAcc {
    long openedAt;
    String kind;
    String severity;
    Long resultAt;
    Long closedAt;
    boolean reopened;
    boolean breached;
    boolean breachedBeforeResult;
  }

  private final Figures figures;
  private final Map<String, Track> tracks = new HashMap<>();
  private final Map<String, Long> offerMadeAt = new HashMap<>();
  private final Map<String, CaseAcc> caseRows = new LinkedHashMap<>();

  public ReportFold(Figures figures) {
    this.figures = figures;
  }

  /** Folds one event, in journal order. */
  public void accept(Recorded r) {
    Event event = r.event();
    long at = r.at();
    if (event instanceof Event.ContactQueued e) {
      Track t = new Track();
      tracks.put(e.contact().id(), t);
      startSegment(t, e.contact().queue(), at);
    } else if (event instanceof Event.SlaStarted e) {
      Track t = tracks.get(e.contactId());
      if (t != null) {
        t.deadline = e.deadline();
      }
    } else if (event instanceof Event.OfferMade e) {
      offerMadeAt.put(e.offerId(), at);
      figures.offerMade(e.agentId(), at);
    } else if (event instanceof Event.OfferAccepted e) {
      Long made = offerMadeAt.remove(e.offerId());
      figures.offerAccepted(e.agentId(), at, made == null ? 0 : at - made);
      Track t = tracks.get(e.contactId());
      if (t != null && t.waiting) {
        long wait = at - t.segmentStart;
        figures.answered(t.queue, t.segmentStart, wait, t.deadline == null ? null : at <= t.deadline);
        t.waiting = false;
        t.assignedAt = at;
        t.assignedQueue = t.queue;
        t.assignedSegmentStart = t.segmentStart;
      }
    } else if (event instanceof Event.OfferRejected e) {
      offerMadeAt.remove(e.offerId());
    } else if (event instanceof Event.OfferTimedOut e) {
      offerMadeAt.remove(e.offerId());
    } else if (event instanceof Event.OfferRevoked e) {
      offerMadeAt.remove(e.offerId());
    } else if (event instanceof Event.ContactAbandoned e) {
      Track t = tracks.remove(e.contactId());
      if (t != null && t.waiting) {
        figures.abandoned(t.queue, t.segmentStart, at - t.segmentStart);
      }
    } else if (event instanceof Event.ContactTransferred e) {
      Track t = tracks.get(e.contactId());
      if (t == null) {
        return;
      }
      if (t.waiting) {
        figures.transferredOut(t.queue, t.segmentStart, at - t.segmentStart);
      } else if (t.assignedAt != null) {
        handled(t, e.fromAgent(), at, false);
      }
      startSegment(t, e.toQueue(), at);
    } else if (event instanceof Event.ContactCompleted e) {
      Track t = tracks.remove(e.contactId());
      if (t != null && t.assignedAt != null) {
        handled(t, e.agentId(), at, true);
      }
    } else if (event instanceof Event.SurveyRecorded e) {
      figures.survey(e.queue(), e.handledBy(), at, e.csat(), e.nps());
    } else if (event instanceof Event.RulesConfigured e) {
      figures.weights(e.rules().scoreWeights());
    } else {
      acceptCase(event, at);
    }
  }

  private void acceptCase(Event event, long at) {
    if (event instanceof Event.CaseOpened e) {
      CaseAcc c = new CaseAcc();
      c.openedAt = at;
      c.kind = e.kind() == null ? null : e.kind().wire();
      c.severity = e.severity() == null ? Complaint.Severity.NORMAL.wire() : e.severity().wire();
      caseRows.put(e.caseId(), c);
    } else if (event instanceof Event.CaseAdvanced e) {
      CaseAcc c = caseRows.get(e.caseId());
      if (c == null) {
        return;
      }
      switch (e.step()) {
        case CLASSIFY -> {
          c.kind = e.kind() == null ? c.kind : e.kind().wire();
          c.severity = e.severity() == null ? c.severity : e.severity().wire();
        }
        case RESULT -> {
          c.resultAt = at;
          c.breachedBeforeResult = c.breached;
        }
        case CLOSE -> c.closedAt = at;
        case REOPEN -> { // the earlier result is taken back: handled only by the result that ends it
          c.resultAt = null;
          c.closedAt = null;
          c.reopened = true;
        }
        default -> { }
      }
    } else if (event instanceof Event.CaseDeadlineReached e) {
      CaseAcc c = caseRows.get(e.caseId());
      if (c != null && e.breach()) {
        c.breached = true;
      }
    }
  }

  private void startSegment(Track t, String queue, long at) {
    t.queue = queue;
    t.segmentStart = at;
    t.waiting = true;
    t.assignedAt = null;
    figures.offered(queue, at);
  }

  private void handled(Track t, String agentId, long at, boolean completed) {
    figures.handled(t.assignedQueue, t.assignedSegmentStart, agentId, at, at - t.assignedAt, completed);
    t.assignedAt = null;
  }

  /** The offer an event concerns for the fold (made, accepted or ended), or null. */
  public static String offerOf(Event event) {
    if (event instanceof Event.OfferMade e) {
      return e.offerId();
    } else if (event instanceof Event.OfferAccepted e) {
      return e.offerId();
    } else if (event instanceof Event.OfferRejected e) {
      return e.offerId();
    } else if (event instanceof Event.OfferTimedOut e) {
      return e.offerId();
    } else if (event instanceof Event.OfferRevoked e) {
      return e.offerId();
    }
    return null;
  }

  /** The complaint case an event concerns for the fold, or null. */
  public static String caseOf(Event event) {
    if (event instanceof Event.CaseOpened e) {
      return e.caseId();
    } else if (event instanceof Event.CaseAdvanced e) {
      return e.caseId();
    } else if (event instanceof Event.CaseDeadlineReached e) {
      return e.caseId();
    }
    return null;
  }

  // ------------------------------------------------------------------ state

  /** The contact's place, if the fold tracks it. */
  public java.util.Optional<Contact> contact(String id) {
    Track t = tracks.get(id);
    return t == null ? java.util.Optional.empty() : java.util.Optional.of(contact(id, t));
  }

  /** Every contact the fold tracks. */
  public Collection<Contact> contacts() {
    return tracks.entrySet().stream().map(e -> contact(e.getKey(), e.getValue())).toList();
  }

  private static Contact contact(String id, Track t) {
    return new Contact(id, t.queue, t.segmentStart, t.waiting, t.deadline, t.assignedAt, t.assignedQueue,
        t.assignedSegmentStart);
  }

  /** Open offers: when each was made, by offer id. */
  public Map<String, Long> offers() {
    return Map.copyOf(offerMadeAt);
  }

  public java.util.Optional<Long> offer(String id) {
    return java.util.Optional.ofNullable(offerMadeAt.get(id));
  }

  /** The case, if the fold knows it. */
  public java.util.Optional<Case> kase(String id) {
    CaseAcc c = caseRows.get(id);
    return c == null ? java.util.Optional.empty() : java.util.Optional.of(kase(id, c));
  }

  /** Every case the fold knows, in the order they were opened (or put back). */
  public Collection<Case> cases() {
    return caseRows.entrySet().stream().map(e -> kase(e.getKey(), e.getValue())).toList();
  }

  private static Case kase(String id, CaseAcc c) {
    return new Case(id, c.openedAt, c.kind, c.severity, c.resultAt, c.closedAt, c.reopened, c.breached,
        c.breachedBeforeResult);
  }

  public void restoreContact(Contact c) {
    Track t = new Track();
    t.queue = c.queue();
    t.segmentStart = c.segmentStart();
    t.waiting = c.waiting();
    t.deadline = c.deadline();
    t.assignedAt = c.assignedAt();
    t.assignedQueue = c.assignedQueue();
    t.assignedSegmentStart = c.assignedSegmentStart();
    tracks.put(c.id(), t);
  }

  public void restoreOffer(String offerId, long madeAt) {
    offerMadeAt.put(offerId, madeAt);
  }

  public void restoreCase(Case c) {
    CaseAcc acc = new CaseAcc();
    acc.openedAt = c.openedAt();
    acc.kind = c.kind();
    acc.severity = c.severity();
    acc.resultAt = c.resultAt();
    acc.closedAt = c.closedAt();
    acc.reopened = c.reopened();
    acc.breached = c.breached();
    acc.breachedBeforeResult = c.breachedBeforeResult();
    caseRows.put(c.id(), acc);
  }

  /** Forgets every tracked contact, offer and case (they are kept elsewhere). */
  public void forget() {
    tracks.clear();
    offerMadeAt.clear();
    caseRows.clear();
  }
}
