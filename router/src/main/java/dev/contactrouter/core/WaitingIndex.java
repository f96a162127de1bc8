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
 * (base - rate * enqueuedSeconds) + rate * nowSeconds}, the first term is fixed for the life of the
 * entry: among entries with the same aging rate the order never changes with time, so it can live
 * in a sorted structure. Non-empty groups of one aging rate are themselves kept sorted by their
 * head, so an agent looking for work visits groups best-first and usually stops at the first one
 * it is eligible for.
 */
final class WaitingIndex {

  /**
   * One waiting contact's place in line; {@code key} is the time-invariant part of its priority.
   * It holds the contact itself, so a matcher reading the line does not look each one up by id in
   * the domain's map of contacts (a cache miss or two per look on a map of 200,000 and more).
   */
  record Entry(ContactState contact, double key, long enqueuedAt, long seq) {
    String contactId() {
      return contact.id();
    }
  }

  /** Best first: higher key, then earlier arrival, then arrival order. */
  static final Comparator<Entry> ORDER = WaitingIndex::compare;

  /** {@link #ORDER}, written out (as {@code comparingDouble(-key).thenComparingLong(...)} compares, without the lambda chain). */
  private static int compare(Entry a, Entry b) {
    int c = Double.compare(-a.key(), -b.key());
    if (c != 0) {
      return c;
    }
    c = Long.compare(a.enqueuedAt(), b.enqueuedAt());
    return c != 0 ? c : Long.compare(a.seq(), b.seq());
  }

  record GroupKey(Requirement requirement, double agingRate) {}

  static final class Group {
    final GroupKey key;
    final RankedSet<Entry> entries = new RankedSet<>(ORDER);
    Entry head;
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
  record Candidate(Entry entry, GroupKey group, double effectivePriority) {}

  private static final Comparator<Group> BY_HEAD = (a, b) -> ORDER.compare(a.head, b.head);

  private final Map<GroupKey, Group> groups = new HashMap<>();
  private final TreeMap<Double, TreeSet<Group>> nonEmptyByRate = new TreeMap<>();
  private int size;

  static Entry entry(ContactState contact, double basePriority, double agingRate, long enqueuedAt, long seq) {
    return new Entry(contact, basePriority - agingRate * (enqueuedAt / 1000.0), enqueuedAt, seq);
  }

  static double effectivePriority(Entry e, double agingRate, long now) {
    return e.key() + agingRate * (now / 1000.0);
  }

  int size() {
    return size;
  }

  int groupCount() {
    return groups.size();
  }

  void add(GroupKey key, Entry e) {
    Group g = groups.computeIfAbsent(key, Group::new);
    detach(g);
    if (g.entries.add(e)) {
      size++;
    }
    attach(g);
  }

  void remove(GroupKey key, Entry e) {
    Group g = groups.get(key);
    if (g == null) {
      return;
    }
    detach(g);
    if (g.entries.remove(e)) {
      size--;
    }
    if (g.entries.isEmpty()) {
      groups.remove(key);
    } else {
      attach(g);
    }
  }

  /** The groups with contacts waiting now: each a line of contacts that compete for the same agents. */
  List<GroupKey> lines() {
    return new ArrayList<>(groups.keySet());
  }

  /**
   * Visits up to {@code max} entries of group {@code key}'s line in order, each with its 1-based
   * place, starting after {@code after} (null: at the head; an entry removed since is fine).
   * Returns the last entry visited while the line may go on, or null once it has ended (or the
   * group is gone). O(log n) to start, then one step per entry: no rank is looked up per entry.
   */
  Entry walk(GroupKey key, Entry after, int max, ObjIntConsumer<ContactState> visit) {
    if (max < 1) {
      throw new IllegalArgumentException("a walk visits at least one entry, not " + max);
    }
    Group g = groups.get(key);
    if (g == null) {
      return null;
    }
    Iterator<Entry> line;
    int position;
    if (after == null) {
      line = g.entries.iterator();
      position = 1;
    } else {
      line = g.entries.iteratorAfter(after);
      position = g.entries.rank(after) + (g.entries.contains(after) ? 1 : 0) + 1;
    }
    Entry last = null;
    for (int n = 0; n < max && line.hasNext(); n++, position++) {
      last = line.next();
      visit.accept(last.contact(), position);
    }
    return line.hasNext() ? last : null;
  }

  /** 1-based place in line among the contacts that compete for the same agents. */
  int position(GroupKey key, Entry e) {
    Group g = groups.get(key);
    return g == null ? 0 : g.entries.rank(e) + 1;
  }

  /**
   * The best entry an agent may take: highest effective priority at {@code now}, then longest
   * waiting.
   *
   * @param eligible whether the agent meets a group's requirement (and can take its channel now)
   * @param admits whether a particular contact accepts the agent (it has not rejected it before)
   */
  Candidate best(long now, Predicate<Requirement> eligible, Predicate<Entry> admits) {
    Candidate best = null;
    for (Map.Entry<Double, TreeSet<Group>> byRate : nonEmptyByRate.entrySet()) {
      double rate = byRate.getKey();
      Entry bestOfRate = null;
      GroupKey bestGroup = null;
      for (Group g : byRate.getValue()) {
        if (bestOfRate != null && ORDER.compare(g.head, bestOfRate) > 0) {
          break; // every later group's entries rank below what we already have
        }
        if (!eligible.test(g.key.requirement())) {
          continue;
        }
        for (Entry e : g.entries) {
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
    if (a.entry().enqueuedAt() != b.entry().enqueuedAt()) {
      return a.entry().enqueuedAt() < b.entry().enqueuedAt();
    }
    return a.entry().seq() < b.entry().seq();
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
