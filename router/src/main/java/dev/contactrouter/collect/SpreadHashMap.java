package dev.contactrouter.collect;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A hash map kept as {@value #PARTS} {@link HashMap}s, each key in the part the high bits of its
 * (mixed) hash choose. A {@code HashMap} doubles its whole table in the one {@code put} that
 * crosses its threshold: at 786,432 entries that is a rehash of every entry, 40-60 ms, and a
 * writer that indexes each waiting contact in several maps of that size did them all in one turn
 * (a stall of about 300 ms, issue 14's goal 5). Here each part doubles on its own, when its own
 * share crosses its threshold: a sixty-fourth of the work each time, spread over many turns.
 *
 * <p>Not thread-safe, as {@code HashMap}. Iteration goes part by part, each in its own order;
 * iterators support {@code remove}. Null keys and values are allowed, as in {@code HashMap}.
 */
public final class SpreadHashMap<K, V> extends AbstractMap<K, V> {
  static final int PARTS = 64;
  private static final int SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(PARTS);

  private final HashMap<K, V>[] parts;
  private Set<Entry<K, V>> entries;
  private Set<K> keys;

  @SuppressWarnings("unchecked")
  public SpreadHashMap() {
    parts = (HashMap<K, V>[]) new HashMap<?, ?>[PARTS];
    for (int i = 0; i < PARTS; i++) {
      parts[i] = new HashMap<>();
    }
  }

  /** The part holding {@code key}: a multiplicative hash's high bits (a part's table uses the low ones). */
  private HashMap<K, V> part(Object key) {
    int h = key == null ? 0 : key.hashCode();
    return parts[(h * 0x9E3779B9) >>> SHIFT];
  }

  /** The parts' sizes added up (64 reads): no count of its own to keep in step. */
  @Override
  public int size() {
    int size = 0;
    for (HashMap<K, V> p : parts) {
      size += p.size();
    }
    return size;
  }

  @Override
  public boolean isEmpty() {
    for (HashMap<K, V> p : parts) {
      if (!p.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean containsKey(Object key) {
    return part(key).containsKey(key);
  }

  @Override
  public V get(Object key) {
    return part(key).get(key);
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    return part(key).getOrDefault(key, defaultValue);
  }

  @Override
  public V put(K key, V value) {
    return part(key).put(key, value);
  }

  @Override
  public V putIfAbsent(K key, V value) {
    return part(key).putIfAbsent(key, value);
  }

  @Override
  public V remove(Object key) {
    return part(key).remove(key);
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
    return part(key).computeIfAbsent(key, mapping);
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    return part(key).compute(key, remapping);
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
    return part(key).merge(key, value, remapping);
  }

  @Override
  public void clear() {
    for (HashMap<K, V> p : parts) {
      p.clear();
    }
  }

  @Override
  public Set<Entry<K, V>> entrySet() {
    if (entries == null) {
      entries = new AbstractSet<>() {
        @Override
        public Iterator<Entry<K, V>> iterator() {
          return new PartsIterator<>(map -> map.entrySet().iterator());
        }

        @Override
        public int size() {
          return SpreadHashMap.this.size();
        }

        @Override
        public void clear() {
          SpreadHashMap.this.clear();
        }
      };
    }
    return entries;
  }

  @Override
  public Set<K> keySet() {
    if (keys == null) {
      keys = new AbstractSet<>() {
        @Override
        public Iterator<K> iterator() {
          return new PartsIterator<>(map -> map.keySet().iterator());
        }

        @Override
        public int size() {
          return SpreadHashMap.this.size();
        }

        @Override
        public boolean contains(Object o) {
          return containsKey(o);
        }

        @Override
        public boolean remove(Object o) {
          return part(o).keySet().remove(o);
        }

        @Override
        public void clear() {
          SpreadHashMap.this.clear();
        }
      };
    }
    return keys;
  }

  /** The parts' iterators one after another; {@code remove} removes from the part it came from. */
  private final class PartsIterator<T> implements Iterator<T> {
    private final Function<HashMap<K, V>, Iterator<T>> of;
    private int part = -1;
    private Iterator<T> current;
    private Iterator<T> last;

    PartsIterator(Function<HashMap<K, V>, Iterator<T>> of) {
      this.of = of;
    }

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (part + 1 >= PARTS) {
          return false;
        }
        current = of.apply(parts[++part]);
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      last = current;
      return current.next();
    }

    @Override
    public void remove() {
      if (last == null) {
        throw new IllegalStateException("next() first");
      }
      last.remove();
      last = null;
    }
  }

  /** The number of parts ({@link #partValues}). */
  public int parts() {
    return PARTS;
  }

  /**
   * A copy of the values in part {@code part}, in no order: a walk over every value can go a part
   * per turn (about a sixty-fourth of them each) instead of copying them all at once.
   */
  public List<V> partValues(int part) {
    return new ArrayList<>(parts[part].values());
  }

  /** Entries per part, for tests: how evenly the keys spread. */
  int[] partSizes() {
    int[] out = new int[PARTS];
    for (int i = 0; i < PARTS; i++) {
      out[i] = parts[i].size();
    }
    return out;
  }
}
