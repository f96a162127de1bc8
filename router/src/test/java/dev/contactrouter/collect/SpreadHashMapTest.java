package dev.contactrouter.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link SpreadHashMap} answers as a {@link HashMap} does, for any sequence of changes, and spreads keys evenly. */
class SpreadHashMapTest {

  /** One change: an operation code, a key (from a small range, so they collide and repeat) and a value. */
  record Op(int code, Integer key, Integer value) {}

  @Provide
  Arbitrary<Op> ops() {
    return Combinators.combine(Arbitraries.integers().between(0, 10),
        Arbitraries.integers().between(-40, 400).injectNull(0.02),
        Arbitraries.integers().between(0, 5).injectNull(0.1)).as(Op::new);
  }

  @Property(tries = 300)
  void anySequenceOfChangesLeavesWhatAHashMapWouldHold(
      @ForAll @Size(max = 400) List<@net.jqwik.api.From("ops") Op> ops) {
    Map<Integer, Integer> model = new HashMap<>();
    SpreadHashMap<Integer, Integer> map = new SpreadHashMap<>();
    for (Op op : ops) {
      Object expected = apply(model, op);
      Object actual = apply(map, op);
      assertThat(actual).as("%s", op).isEqualTo(expected);
      assertThat(map.size()).isEqualTo(model.size());
      assertThat(map.isEmpty()).isEqualTo(model.isEmpty());
    }
    assertThat(map).isEqualTo(model);
    assertThat(map.hashCode()).isEqualTo(model.hashCode());
    assertThat(map.keySet()).isEqualTo(model.keySet());
    assertThat(map.entrySet()).hasSize(model.size());
    for (int k = -40; k <= 400; k++) {
      assertThat(map.get(k)).isEqualTo(model.get(k));
      assertThat(map.containsKey(k)).isEqualTo(model.containsKey(k));
    }
  }

  private static Object apply(Map<Integer, Integer> m, Op op) {
    Integer k = op.key();
    Integer v = op.value();
    switch (op.code()) {
      case 0:
      case 1:
        return m.put(k, v);
      case 2:
        return m.remove(k);
      case 3:
        return m.putIfAbsent(k, v);
      case 4:
        return m.computeIfAbsent(k, key -> v);
      case 5:
        return m.compute(k, (key, old) -> v == null ? null : (old == null ? v : old + v));
      case 6:
        return v == null ? null : m.merge(k, v, (a, b) -> a + b == 7 ? null : a + b);
      case 7: {
        // Remove through the entry iterator every entry whose value is v.
        int removed = 0;
        for (Iterator<Map.Entry<Integer, Integer>> it = m.entrySet().iterator(); it.hasNext(); ) {
          if (java.util.Objects.equals(it.next().getValue(), v)) {
            it.remove();
            removed++;
          }
        }
        return removed;
      }
      case 8:
        return m.keySet().remove(k);
      case 9:
        return m.getOrDefault(k, -1);
      default:
        if (v != null && v == 0) {
          m.clear();
        }
        return m.size();
    }
  }

  @Test
  void keysSpreadEvenlyAndIteratorsFollowTheContract() {
    SpreadHashMap<String, Integer> map = new SpreadHashMap<>();
    int n = 64_000;
    for (int i = 0; i < n; i++) {
      map.put(UUID.nameUUIDFromBytes(("c" + i).getBytes()).toString(), i);
      map.put("c" + i, i);
    }
    int mean = 2 * n / SpreadHashMap.PARTS;
    assertThat(java.util.Arrays.stream(map.partSizes()).boxed().toList())
        .allSatisfy(s -> assertThat(s).isBetween(mean * 8 / 10, mean * 12 / 10));
    assertThat(map).hasSize(2 * n);
    List<Integer> byParts = new java.util.ArrayList<>();
    for (int part = 0; part < map.parts(); part++) {
      byParts.addAll(map.partValues(part));
    }
    assertThat(byParts).containsExactlyInAnyOrderElementsOf(map.values());

    Iterator<String> keys = map.keySet().iterator();
    assertThatThrownBy(keys::remove).isInstanceOf(IllegalStateException.class);
    int seen = 0;
    while (keys.hasNext()) {
      keys.next();
      keys.remove();
      seen++;
    }
    assertThat(seen).isEqualTo(2 * n);
    assertThat(map).isEmpty();
    assertThatThrownBy(keys::next).isInstanceOf(java.util.NoSuchElementException.class);
  }
}
