package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

  record Op(boolean add, int value) {}

  @Property(tries = 300)
  void behavesLikeATreeSet(
      @ForAll("operations") List<Op> ops, @ForAll("orders") Comparator<Integer> order) {
    RankedSet<Integer> ranked = new RankedSet<>(order);
    TreeSet<Integer> expected = new TreeSet<>(order);

    for (Op op : ops) {
      if (op.add()) {
        assertThat(ranked.add(op.value())).as("add %d", op.value()).isEqualTo(expected.add(op.value()));
      } else {
        assertThat(ranked.remove(op.value())).as("remove %d", op.value()).isEqualTo(expected.remove(op.value()));
      }

      assertThat(ranked.size()).isEqualTo(expected.size());
      assertThat(ranked.isEmpty()).isEqualTo(expected.isEmpty());
      assertThat(ranked.first()).isEqualTo(expected.isEmpty() ? null : expected.first());
      List<Integer> iterated = new ArrayList<>();
      ranked.forEach(iterated::add);
      assertThat(iterated).containsExactlyElementsOf(expected);
      for (int v = -1; v <= 41; v++) {
        assertThat(ranked.rank(v)).as("rank of %d", v).isEqualTo(expected.headSet(v, false).size());
        assertThat(ranked.contains(v)).isEqualTo(expected.contains(v));
        int place = v;
        List<Integer> after = new ArrayList<>();
        ranked.iteratorAfter(x -> order.compare(place, x)).forEachRemaining(after::add);
        assertThat(after).as("after %d", v).containsExactlyElementsOf(expected.tailSet(v, false));
        assertThat(ranked.countThrough(x -> order.compare(place, x))).as("through %d", v)
            .isEqualTo(expected.headSet(v, true).size());
      }
    }
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op =
        Combinators.combine(Arbitraries.frequency(Tuple.of(3, true), Tuple.of(2, false)), Arbitraries.integers().between(0, 40))
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
  void largeSetStaysBalancedEnoughToRankQuickly() {
    RankedSet<Integer> ranked = new RankedSet<>(Comparator.naturalOrder());
    for (int i = 0; i < 200_000; i++) {
      ranked.add(i); // sorted insertion: the worst case for an unbalanced tree
    }
    for (int i = 0; i < 200_000; i += 2) {
      ranked.remove(i);
    }
    assertThat(ranked.size()).isEqualTo(100_000);
    assertThat(ranked.first()).isEqualTo(1);
    assertThat(ranked.rank(199_999)).isEqualTo(99_999);
    assertThat(ranked.rank(100_000)).isEqualTo(50_000);
  }

  @Test
  void emptySet() {
    RankedSet<String> ranked = new RankedSet<>(Comparator.naturalOrder());
    assertThat(ranked.first()).isNull();
    assertThat(ranked.rank("x")).isZero();
    assertThat(ranked.remove("x")).isFalse();
    assertThat(ranked.iterator().hasNext()).isFalse();
  }
}
