package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

/**
 * Waiting contacts, grouped by requirement signature and aging rate; each group is a ranked
 * priority queue.
 *
 * <p>A contact's effective priority is {@code base + rate * waitedSeconds}. Written as {@code
 * (base - rate * enqueuedSeconds) + rate * nowSeconds} (enqueued: its arrival), the first term, its
 * key, is fixed while it waits in one place: among contacts with the same aging rate the order
 * never changes with time, so it can live in a sorted structure. Non-empty groups of one aging
 * rate are themselves kept sorted by their head, so an agent looking for work visits groups
 * best-first and usually stops at the first one it is eligible for.
 *
 * <p>The lines rank the contacts themselves (a matcher reading a line looks none up by id): the key
 * lives in the contact ({@link ContactState#waitKey}), beside the arrival time and order that break
 * its ties. An object per place in line holding the contact, the key and those two (40 bytes, one
 * per waiting contact in each of the two copies of the domain a writer holds) carried nothing else
 * of its own. The price is a rule: a contact's key and group never change while a line holds it (a
 * sorted structure goes wrong silently otherwise), so whoever re-places a contact takes it out
 * first ({@link Matching#place}); {@link Invariants} walks every line to check the order held.
 */
final class WaitingIndex {

  /** Best first: higher key, then earlier arrival, then arrival order. */
  static final Comparator<ContactState> ORDER = WaitingIndex::compare;

  /** {@link #ORDER}, written out (as {@code comparingDouble(-key).thenComparingLong(...)} compares, without the lambda chain). */
  private static int compare(ContactState a, ContactState b) {
    return compare(a.waitKey, a.arrivedAt, a.seq, b.waitKey, b.arrivedAt, b.seq);
  }

  private static int compare(double keyA, long atA, long seqA, double keyB, long atB, long seqB) {
    int c = Double.compare(-keyA, -keyB);
    if (c != 0) {
      return c;
    }
    c = Long.compare(atA, atB);
    return c != 0 ? c : Long.compare(seqA, seqB);
  }

  /**
   * Where a walk along a line stopped: the place of the last contact it visited, as that place was
   * then. Not the contact: one re-placed between rounds (a boost, a transfer) would take the walk
   * with it, past contacts not yet seen. One per walk, so it costs nothing per contact.
   */
  record Mark(double key, long enqueuedAt, long seq) {
    static Mark of(ContactState c) {
      return new Mark(c.waitKey, c.arrivedAt, c.seq);
    }

    /** Compares this place with {@code c}'s as {@link #ORDER} would (negative: this one first). */
    int compareWith(ContactState c) {
      return compare(key, enqueuedAt, seq, c.waitKey, c.arrivedAt, c.seq);
    }
  }

  record GroupKey(Requirement requirement, double agingRate) {}

  static final class Group {
    final GroupKey key;
    final RankedSet<ContactState> entries = new RankedSet<>(ORDER);
    ContactState head;
    /**
     * The ranking of its aging rate it was last attached to. Still the one {@code nonEmptyByRate}
     * holds while not empty (a ranking leaves the map only once empty, and is never put back), so
     * attaching again needs no look-up by rate.
     */
    TreeSet<Group> ranked;

    Group(GroupKey key) {
      this.key = key;
    }
  }

  /** The best waiting contact an agent may take, with its effective priority at decision time. */
  record Candidate(ContactState contact, GroupKey group, double effectivePriority) {}

  private static final Comparator<Group> BY_HEAD = (a, b) -> ORDER.compare(a.head, b.head);

  private final Map<GroupKey, Group> groups = new HashMap<>();
  private final TreeMap<Double, TreeSet<Group>> nonEmptyByRate = new TreeMap<>();
  private int size;

  /** The time-invariant part of the priority of a contact that waits since {@code enqueuedAt}. */
  static double key(double basePriority, double agingRate, long enqueuedAt) {
    return basePriority - agingRate * (enqueuedAt / 1000.0);
  }

  /** A placed contact's priority at {@code now}, from its key and its line's aging rate. */
  static double effectivePriority(ContactState c, double agingRate, long now) {
    return c.waitKey + agingRate * (now / 1000.0);
  }

  int size() {
    return size;
  }

  int groupCount() {
    return groups.size();
  }

  void add(GroupKey key, ContactState e) {
    Group g = groups.computeIfAbsent(key, Group::new);
    // Joining behind the head (the usual arrival) leaves the group's head, and so its place among
    // its rate's groups, which are ranked by head, as it is: only a new head re-ranks the group.
    boolean newHead = g.head == null || ORDER.compare(e, g.head) < 0;
    if (newHead) {
      detach(g);
    }
    if (g.entries.add(e)) {
      size++;
    }
    if (newHead) {
      attach(g);
    }
  }

  void remove(GroupKey key, ContactState e) {
    Group g = groups.get(key);
    if (g == null) {
      return;
    }
    // Removing anyone but the head leaves the group's head and its place among its rate's groups
    // (and the group is not empty: the head is still in it).
    boolean headLeaves = e == g.head;
    if (headLeaves) {
      detach(g);
    }
    if (g.entries.remove(e)) {
      size--;
    }
    if (g.entries.isEmpty()) {
      groups.remove(key);
    } else if (headLeaves) {
      attach(g);
    }
  }

  /** Whether line {@code key} holds {@code c} itself (found by its key as it is now). */
  boolean contains(GroupKey key, ContactState c) {
    Group g = groups.get(key);
    return g != null && g.entries.contains(c);
  }

  /** The groups with contacts waiting now: each a line of contacts that compete for the same agents. */
  List<GroupKey> lines() {
    return new ArrayList<>(groups.keySet());
  }

  /**
   * Visits up to {@code max} contacts of group {@code key}'s line in order, each with its 1-based
   * place, starting after place {@code after} (null: at the head; its contact may have left or
   * moved since). Returns the place of the last contact visited while the line may go on, or null
   * once it has ended (or the group is gone). O(log n) to start, then one step per contact: no
   * rank is looked up per contact.
   */
  Mark walk(GroupKey key, Mark after, int max, ObjIntConsumer<ContactState> visit) {
    if (max < 1) {
      throw new IllegalArgumentException("a walk visits at least one entry, not " + max);
    }
    Group g = groups.get(key);
    if (g == null) {
      return null;
    }
    Iterator<ContactState> line;
    int position;
    if (after == null) {
      line = g.entries.iterator();
      position = 1;
    } else {
      line = g.entries.iteratorAfter(after::compareWith);
      position = g.entries.countThrough(after::compareWith) + 1;
    }
    ContactState last = null;
    for (int n = 0; n < max && line.hasNext(); n++, position++) {
      last = line.next();
      visit.accept(last, position);
    }
    return line.hasNext() ? Mark.of(last) : null;
  }

  /** 1-based place in line among the contacts that compete for the same agents. */
  int position(GroupKey key, ContactState e) {
    Group g = groups.get(key);
    return g == null ? 0 : g.entries.rank(e) + 1;
  }

  /**
   * The best waiting contact an agent may take: highest effective priority at {@code now}, then longest
   * waiting.
   *
   * @param eligible whether the agent meets a group's requirement (and can take its channel now)
   * @param admits whether a particular contact accepts the agent (it has not rejected it before)
   */
  Candidate best(long now, Predicate<Requirement> eligible, Predicate<ContactState> admits) {
    Candidate best = null;
    for (Map.Entry<Double, TreeSet<Group>> byRate : nonEmptyByRate.entrySet()) {
      double rate = byRate.getKey();
      ContactState bestOfRate = null;
      GroupKey bestGroup = null;
      for (Group g : byRate.getValue()) {
        if (bestOfRate != null && ORDER.compare(g.head, bestOfRate) > 0) {
          break; // every later group's entries rank below what we already have
        }
        if (!eligible.test(g.key.requirement())) {
          continue;
        }
        if (admits.test(g.head)) {
          // The usual case, settled without an iterator over the line: the head ranks at or above
          // what we have (checked just above) and takes the agent.
          bestOfRate = g.head;
          bestGroup = g.key;
          continue;
        }
        for (ContactState e : g.entries) {
          if (bestOfRate != null && ORDER.compare(e, bestOfRate) >= 0) {
            break;
          }
          if (admits.test(e)) {
            bestOfRate = e;
            bestGroup = g.key;
            break;
          }
        }
      }
      if (bestOfRate != null) {
        Candidate c = new Candidate(bestOfRate, bestGroup, effectivePriority(bestOfRate, rate, now));
        if (best == null || beats(c, best)) {
          best = c;
        }
      }
    }
    return best;
  }

  private static boolean beats(Candidate a, Candidate b) {
    if (a.effectivePriority() != b.effectivePriority()) {
      return a.effectivePriority() > b.effectivePriority();
    }
    if (a.contact().arrivedAt != b.contact().arrivedAt) {
      return a.contact().arrivedAt < b.contact().arrivedAt;
    }
    return a.contact().seq < b.contact().seq;
  }

  private void detach(Group g) {
    if (g.head == null) {
      return;
    }
    TreeSet<Group> ranked = g.ranked;
    ranked.remove(g);
    if (ranked.isEmpty()) {
      nonEmptyByRate.remove(g.key.agingRate());
    }
    g.head = null;
  }

  private void attach(Group g) {
    g.head = g.entries.first();
    if (g.head != null) {
      if (g.ranked == null || g.ranked.isEmpty()) {
        g.ranked = nonEmptyByRate.computeIfAbsent(g.key.agingRate(), r -> new TreeSet<>(BY_HEAD));
      }
      g.ranked.add(g);
    }
  }
}
