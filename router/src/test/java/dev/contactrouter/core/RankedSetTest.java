package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** {@link RankedSet} behaves like a {@link TreeSet} that can also count what comes before. */
class RankedSetTest {

  /** The smallest element: an int that is its own node. */
  static final class Item extends RankedSet.Node<Item> {
    final int value;

    Item(int value) {
      this.value = value;
    }

    @Override
    public String toString() {
      return "Item(" + value + ")";
    }
  }

  /** What an operation does; two sets share the elements, as lines share contacts. */
  enum Kind { ADD, REMOVE, MOVE }

  record Op(Kind kind, boolean second, int value) {}

  /** One element per value, as one contact per id: an element leaves one set before it joins another. */
  private static Item[] items() {
    Item[] items = new Item[41];
    for (int v = 0; v < items.length; v++) {
      items[v] = new Item(v);
    }
    return items;
  }

  @Property(tries = 300)
  void behavesLikeATreeSet(@ForAll("operations") List<Op> ops, @ForAll("orders") Comparator<Integer> order) {
    Comparator<Item> byValue = Comparator.comparing(i -> i.value, order);
    List<RankedSet<Item>> ranked = List.of(new RankedSet<>(byValue), new RankedSet<>(byValue));
    List<TreeSet<Integer>> expected = List.of(new TreeSet<>(order), new TreeSet<>(order));
    Item[] items = items();
    int[] home = new int[items.length]; // the set holding each element, or -1
    Arrays.fill(home, -1);

    for (Op op : ops) {
      int s = op.second() ? 1 : 0;
      int v = op.value();
      Item item = items[v];
      switch (op.kind()) {
        case ADD -> {
          if (home[v] == 1 - s) {
            assertThatThrownBy(() -> ranked.get(s).add(item)).as("add %s held elsewhere", item)
                .isInstanceOf(IllegalArgumentException.class);
          } else {
            assertThat(ranked.get(s).add(item)).as("add %s", item).isEqualTo(expected.get(s).add(v));
            home[v] = s;
          }
        }
        case REMOVE -> {
          boolean here = home[v] == s;
          assertThat(ranked.get(s).remove(item)).as("remove %s", item).isEqualTo(here);
          if (here) {
            expected.get(s).remove(v);
            home[v] = -1;
          }
        }
        case MOVE -> {
          // out of one set, into the other: its links must start clean there
          boolean there = home[v] == 1 - s;
          assertThat(ranked.get(1 - s).remove(item)).as("move %s out", item).isEqualTo(there);
          if (there) {
            expected.get(1 - s).remove(v);
            assertThat(ranked.get(s).add(item)).as("move %s in", item).isTrue();
            expected.get(s).add(v);
            home[v] = s;
          }
        }
        default -> throw new AssertionError(op);
      }
      for (int k = 0; k < 2; k++) {
        check(ranked.get(k), expected.get(k), order);
      }
      for (int w = 0; w < items.length; w++) {
        if (home[w] == -1) { // in no set: no links kept (they would hold other elements alive)
          assertThat(items[w].treeLeft).as("left of %s", items[w]).isNull();
          assertThat(items[w].treeRight).as("right of %s", items[w]).isNull();
          assertThat(items[w].treeSize).as("size of %s", items[w]).isZero();
        }
      }
    }
  }

  private static void check(RankedSet<Item> ranked, TreeSet<Integer> expected, Comparator<Integer> order) {
    assertThat(ranked.size()).isEqualTo(expected.size());
    assertThat(ranked.isEmpty()).isEqualTo(expected.isEmpty());
    Item first = ranked.first();
    assertThat(first == null ? null : first.value).isEqualTo(expected.isEmpty() ? null : expected.first());
    List<Integer> iterated = new ArrayList<>();
    ranked.forEach(i -> iterated.add(i.value));
    assertThat(iterated).containsExactlyElementsOf(expected);
    for (int v = -1; v <= 41; v++) {
      Item probe = new Item(v);
      assertThat(ranked.rank(probe)).as("rank of %d", v).isEqualTo(expected.headSet(v, false).size());
      assertThat(ranked.contains(probe)).as("a copy of %d is not held", v).isFalse();
      int place = v;
      List<Integer> after = new ArrayList<>();
      ranked.iteratorAfter(x -> order.compare(place, x.value)).forEachRemaining(i -> after.add(i.value));
      assertThat(after).as("after %d", v).containsExactlyElementsOf(expected.tailSet(v, false));
      assertThat(ranked.countThrough(x -> order.compare(place, x.value))).as("through %d", v)
          .isEqualTo(expected.headSet(v, true).size());
      assertThat(ranked.remove(probe)).as("a copy of %d is not removed", v).isFalse();
      if (expected.contains(v)) {
        assertThat(ranked.add(probe)).as("a copy of %d is not added", v).isFalse();
      }
    }
    for (Item i : ranked) {
      assertThat(ranked.contains(i)).isTrue();
    }
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Kind> kind =
        Arbitraries.frequency(Tuple.of(3, Kind.ADD), Tuple.of(2, Kind.REMOVE), Tuple.of(1, Kind.MOVE));
    Arbitrary<Op> op =
        Combinators.combine(kind, Arbitraries.of(false, false, true), Arbitraries.integers().between(0, 40))
            .as(Op::new);
    return op.list().ofMaxSize(120);
  }

  @Provide
  Arbitrary<Comparator<Integer>> orders() {
    return Arbitraries.of(
        Comparator.<Integer>naturalOrder(),
        Comparator.<Integer>reverseOrder(),
        // groups of equal remainder, largest first within each: exercises a non-trivial order
        Comparator.<Integer>comparingInt(i -> Math.floorMod(i, 7)).thenComparing(Comparator.reverseOrder()));
  }

  @Test
  void removedElementLeavesCleanAndCanJoinAgain() {
    RankedSet<Item> a = new RankedSet<>(Comparator.comparingInt(i -> i.value));
    RankedSet<Item> b = new RankedSet<>(Comparator.comparingInt(i -> i.value));
    Item[] items = items();
    for (Item i : items) {
      a.add(i);
    }
    Item moved = items[20];
    assertThat(b.remove(moved)).as("held by another set: not here").isFalse();
    assertThat(a.contains(moved)).as("and left as it was").isTrue();
    assertThat(a.remove(moved)).isTrue();
    assertThat(moved.treeLeft).isNull();
    assertThat(moved.treeRight).isNull();
    assertThat(moved.treeSize).isZero();
    assertThat(a.remove(moved)).as("removed twice").isFalse();
    assertThat(b.add(moved)).isTrue();
    assertThat(b.size()).isEqualTo(1);
    assertThat(a.size()).isEqualTo(40);
    assertThat(a.rank(items[40])).isEqualTo(39);
  }

  @Test
  void largeSetStaysBalancedEnoughToRankQuickly() {
    RankedSet<Item> ranked = new RankedSet<>(Comparator.comparingInt(i -> i.value));
    Item[] items = new Item[200_000];
    for (int i = 0; i < items.length; i++) {
      items[i] = new Item(i);
      ranked.add(items[i]); // sorted insertion: the worst case for an unbalanced tree
    }
    for (int i = 0; i < items.length; i += 2) {
      ranked.remove(items[i]);
    }
    assertThat(ranked.size()).isEqualTo(100_000);
    assertThat(ranked.first()).isSameAs(items[1]);
    assertThat(ranked.rank(items[199_999])).isEqualTo(99_999);
    assertThat(ranked.rank(items[100_000])).isEqualTo(50_000);
  }

  @Test
  void emptySet() {
    RankedSet<Item> ranked = new RankedSet<>(Comparator.comparingInt(i -> i.value));
    Item x = new Item(1);
    assertThat(ranked.first()).isNull();
    assertThat(ranked.rank(x)).isZero();
    assertThat(ranked.remove(x)).isFalse();
    assertThat(ranked.iterator().hasNext()).isFalse();
  }
}
