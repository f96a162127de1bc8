package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds work stuck longer than any rule allows, and says how to repair it. Two kinds of stuck:
 *
 * <ul>
 *   <li><b>A timer that never fired</b> (its store lost it, or the node that held it died between
 *       claiming and delivering): an offer past its expiry, a wrap-up past its end, an SLA point,
 *       a reservation stage, a return visit or a case deadline past due. The repair is the very
 *       command the timer would have delivered, which checks it is still current, so repairing
 *       something that was about to fire anyway changes nothing twice.
 *   <li><b>An assignment nobody finished</b>: a real-time contact (call, chat, branch ticket,
 *       callback) assigned for longer than any conversation lasts. The repair completes it with
 *       disposition {@code reconciled}, which frees the agent's capacity; the event stream and the
 *       journal show it, for a supervisor to follow up. Complaint work items, emails and SMS are never
 *       closed this way: they legitimately take days.
 * </ul>
 *
 * Every repair is recorded by the actor {@link #ACTOR}. Pure: time and limits are passed in.
 */
public final class Reconciler {
  public static final String ACTOR = "reconciler";
  public static final String DISPOSITION = "reconciled";

  private static final Set<Channel> REAL_TIME = Set.of(Channel.VOICE, Channel.CHAT, Channel.BRANCH, Channel.CALLBACK);

  private Reconciler() {}

  /**
   * @param kind what was stuck: {@code offer}, {@code wrapup}, {@code sla}, {@code route},
   *     {@code followup}, {@code case} (a timer that never fired) or {@code assignment}
   */
  public record Repair(String kind, String subject, Command command, String why) {}

  /**
   * The repairs due at {@code now}: timers overdue by more than {@code graceMillis}, and
   * real-time assignments older than {@code staleAssignmentMillis} (0: never). All at once: a
   * writer uses {@link #look} instead, a round of contacts at a time.
   */
  public static List<Repair> overdue(RoutingDomain domain, long now, long graceMillis, long staleAssignmentMillis) {
    return look(domain, now, graceMillis, staleAssignmentMillis).next(Integer.MAX_VALUE);
  }

  /**
   * {@link #overdue} a round of contacts at a time, for a writer that must not stop for every
   * contact at once: with 450,000 waiting, one pass held the writer for about 190 ms. The look
   * judges the timers that belong to no contact at once; {@link Look#next} then judges the next
   * contacts each by its state at that round, with the cut-off of {@code now}, copying the contacts'
   * references a part of the map at a time as it reaches each (copying all of them at once, a
   * million, took the writer 70-140 ms in one turn). A contact that arrives in a part already
   * looked at waits for the next look (it cannot be overdue yet).
   */
  public static Look look(RoutingDomain domain, long now, long graceMillis, long staleAssignmentMillis) {
    return new Look(domain, now, graceMillis, staleAssignmentMillis);
  }

  /** One look for stuck work, in rounds (see {@link #look}). Not thread-safe. */
  public static final class Look {
    private final RoutingDomain domain;
    private final long now;
    private final long dueBefore;
    private final long staleAssignmentMillis;
    /** The part of the domain's contacts being judged ({@link RoutingDomain#contactsOfPart}). */
    private int part;
    private List<ContactState> contacts;
    private List<Repair> others;
    private int next;

    private Look(RoutingDomain domain, long now, long graceMillis, long staleAssignmentMillis) {
      this.domain = domain;
      this.now = now;
      this.dueBefore = now - graceMillis;
      this.staleAssignmentMillis = staleAssignmentMillis;
      this.contacts = domain.contactsOfPart(0);
      List<Timers.Timer> timers = new ArrayList<>();
      domain.otherTimersDueBefore(dueBefore, timers);
      this.others = repairs(timers, now);
    }

    /** The domain looked at: a look goes on only while its writer still holds that one. */
    public RoutingDomain domain() {
      return domain;
    }

    /** Whether every contact has been judged (and every repair handed out). */
    public boolean done() {
      return next == contacts.size() && part == domain.contactParts() - 1 && others == null;
    }

    /** The repairs found among the next {@code max} contacts (the first round also has the rest). */
    public List<Repair> next(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("a round judges at least one contact, not " + max);
      }
      List<Timers.Timer> timers = new ArrayList<>();
      List<Repair> stale = new ArrayList<>();
      for (int judged = 0; judged < max; judged++, next++) {
        while (next == contacts.size() && part < domain.contactParts() - 1) {
          contacts = domain.contactsOfPart(++part);
          next = 0;
        }
        if (next == contacts.size()) {
          break;
        }
        ContactState c = contacts.get(next);
        LiveTimers.contactDueBefore(c, dueBefore, timers);
        if (staleAssignmentMillis > 0 && c.status == ContactStatus.ASSIGNED && REAL_TIME.contains(c.channel())
            && !c.spec.attributes().containsKey("caseId") && c.later.assignedAt != null
            && c.later.assignedAt + staleAssignmentMillis < now) {
          String why = "assigned to agent " + c.later.agentId + " for " + (now - c.later.assignedAt) / 60_000
              + " min, longer than any " + c.channel().wire() + " lasts: closed by the reconciler";
          stale.add(new Repair("assignment", c.id(),
              new Command.CompleteContact(ACTOR, c.id(), null, DISPOSITION, why), why));
        }
      }
      List<Repair> out = repairs(timers, now);
      if (others != null) {
        out.addAll(others);
        others = null;
      }
      out.addAll(stale);
      return out;
    }
  }

  private static List<Repair> repairs(List<Timers.Timer> overdue, long now) {
    List<Repair> repairs = new ArrayList<>(overdue.size());
    for (Timers.Timer t : overdue) {
      String kind = t.key().substring(0, t.key().indexOf(':'));
      repairs.add(new Repair(kind, t.key().substring(kind.length() + 1), asReconciler(t.command()),
          "timer " + t.key() + " was due " + (now - t.dueAt()) / 1000 + " s ago and did not fire"));
    }
    return repairs;
  }

  /** The timer's own command, recorded as the reconciler's. */
  static Command asReconciler(Command command) {
    if (command instanceof Command.ExpireOffer c) {
      return new Command.ExpireOffer(ACTOR, c.offerId());
    }
    if (command instanceof Command.EndWrapUp c) {
      return new Command.EndWrapUp(ACTOR, c.agentId(), c.until());
    }
    if (command instanceof Command.ReachSlaPoint c) {
      return new Command.ReachSlaPoint(ACTOR, c.contactId(), c.point());
    }
    if (command instanceof Command.WidenRouting c) {
      return new Command.WidenRouting(ACTOR, c.contactId(), c.stage());
    }
    if (command instanceof Command.StartFollowUp c) {
      return new Command.StartFollowUp(ACTOR, c.followUpId());
    }
    if (command instanceof Command.ReachCaseDeadline c) {
      return new Command.ReachCaseDeadline(ACTOR, c.caseId(), c.stage(), c.point());
    }
    throw new IllegalArgumentException("not a timer command: " + command);
  }
}
