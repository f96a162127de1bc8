package dev.contactrouter.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
          if (Objects.equals(it.next().getValue(), v)) {
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

  /**
   * A key whose hashCode is chosen: distinct keys with one hash (equal homes), and hashes picked so
   * keys share one part and have homes at both ends of its table (runs that wrap around its end).
   */
  record Key(int hash, int id) {
    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * The keys of {@link #anySequenceOnCollidingKeysLeavesWhatAHashMapWouldHold}: few, so a key is
   * often removed and put again; most in one part, with homes (slot bits 63, 62, 0, 1 and 31: the
   * last slots and the first of tables of 8 to 64 slots) that make runs of taken slots wrap around
   * the table's end; strings with equal hash codes ("Aa" and "BB"; "AaAa", "AaBB", "BBAa", "BBBB");
   * and null.
   */
  static final List<Object> POOL = pool();

  private static List<Object> pool() {
    List<Object> pool = new ArrayList<>();
    for (int low : new int[] {63, 62, 0, 1, 31}) {
      int h = 0;
      while (SpreadHashMap.mix(h) >>> 26 != 0 || (SpreadHashMap.mix(h) & 63) != low) {
        h++;
      }
      for (int id = 0; id < 5; id++) {
        pool.add(new Key(h, id));
      }
    }
    pool.addAll(List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB", "x"));
    pool.add(null);
    return pool;
  }

  /** One change on the pool's keys: an operation, a key's index in the pool, a value. */
  record PoolOp(int code, int key, Integer value) {}

  @Provide
  Arbitrary<PoolOp> poolOps() {
    return Combinators.combine(Arbitraries.integers().between(0, 11),
        Arbitraries.integers().between(0, POOL.size() - 1),
        Arbitraries.integers().between(0, 4).injectNull(0.1)).as(PoolOp::new);
  }

  /**
   * Runs of colliding keys, removed from anywhere in a run (by key or while walking), put back,
   * walked: after each step the map holds what a HashMap holds, and a walk sees each key once.
   */
  @Property(tries = 400)
  void anySequenceOnCollidingKeysLeavesWhatAHashMapWouldHold(
      @ForAll @Size(max = 300) List<@net.jqwik.api.From("poolOps") PoolOp> ops) {
    Map<Object, Integer> model = new HashMap<>();
    SpreadHashMap<Object, Integer> map = new SpreadHashMap<>();
    for (PoolOp op : ops) {
      List<Object> expectedWalk = new ArrayList<>();
      List<Object> actualWalk = new ArrayList<>();
      Object expected = applyPool(model, op, expectedWalk);
      Object actual = applyPool(map, op, actualWalk);
      assertThat(actual).as("%s", op).isEqualTo(expected);
      assertThat(actualWalk).as("keys walked by %s", op).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expectedWalk);
      assertThat(map.size()).isEqualTo(model.size());
      assertThat(new HashMap<>(map)).as("after %s", op).isEqualTo(model);
      for (Object k : POOL) {
        assertThat(map.get(k)).as("get(%s) after %s", k, op).isEqualTo(model.get(k));
        assertThat(map.containsKey(k)).as("containsKey(%s) after %s", k, op).isEqualTo(model.containsKey(k));
      }
    }
    List<Object> walked = new ArrayList<>();
    map.keySet().forEach(walked::add);
    assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(model.keySet());
    assertThat(map.values()).containsExactlyInAnyOrderElementsOf(model.values());
  }

  /** Applies {@code op}; a walk adds the keys it sees to {@code walked}. */
  private static Object applyPool(Map<Object, Integer> m, PoolOp op, List<Object> walked) {
    Object k = POOL.get(op.key());
    Integer v = op.value();
    switch (op.code()) {
      case 0:
      case 1:
      case 2:
        return m.put(k, v);
      case 3:
      case 4:
        return m.remove(k);
      case 5:
        return m.get(k);
      case 6:
        return m.computeIfAbsent(k, key -> v);
      case 7:
        return m.keySet().remove(k);
      case 8:
        return v == null ? null : m.merge(k, v, (a, b) -> a + b > 4 ? null : a + b);
      case 9: {
        // Remove while walking every entry whose value is v (calling hasNext in between, at times, to
        // step on to the next part before removing); set the others' values to their double.
        int removed = 0;
        for (Iterator<Map.Entry<Object, Integer>> it = m.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<Object, Integer> e = it.next();
          walked.add(e.getKey());
          if (Objects.equals(e.getValue(), v)) {
            if (removed % 2 == 0) {
              it.hasNext();
            }
            it.remove();
            removed++;
          } else if (e.getValue() != null && e.getValue() < 3) {
            e.setValue(2 * e.getValue());
          }
        }
        return removed;
      }
      case 10: {
        // Remove while walking the keys: those with the op's key's hash, and those holding v.
        int seen = 0;
        for (Iterator<Object> it = m.keySet().iterator(); it.hasNext(); seen++) {
          Object key = it.next();
          walked.add(key);
          if (Objects.hashCode(key) == Objects.hashCode(k) || Objects.equals(m.get(key), v)) {
            it.remove();
          }
        }
        return seen;
      }
      default:
        if (v != null && v == 0) {
          m.clear();
        }
        return m.size();
    }
  }

  @Test
  void aChangeToThePartBeingWalkedFailsTheWalk() {
    SpreadHashMap<Integer, Integer> map = new SpreadHashMap<>();
    for (int i = 0; i < 1000; i++) {
      map.put(i, i);
    }
    Iterator<Integer> keys = map.keySet().iterator();
    Integer first = keys.next();
    map.remove(first);
    assertThatThrownBy(keys::next).isInstanceOf(ConcurrentModificationException.class);
    assertThatThrownBy(() -> map.computeIfAbsent(-1, k -> map.put(k, 1)))
        .isInstanceOf(ConcurrentModificationException.class);
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
    List<Integer> byParts = new ArrayList<>();
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
