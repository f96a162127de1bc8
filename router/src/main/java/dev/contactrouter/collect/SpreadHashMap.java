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
  private int size;
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

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
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
    HashMap<K, V> p = part(key);
    int before = p.size();
    V old = p.put(key, value);
    size += p.size() - before;
    return old;
  }

  @Override
  public V putIfAbsent(K key, V value) {
    HashMap<K, V> p = part(key);
    int before = p.size();
    V old = p.putIfAbsent(key, value);
    size += p.size() - before;
    return old;
  }

  @Override
  public V remove(Object key) {
    HashMap<K, V> p = part(key);
    int before = p.size();
    V old = p.remove(key);
    size += p.size() - before;
    return old;
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
    HashMap<K, V> p = part(key);
    int before = p.size();
    V v = p.computeIfAbsent(key, mapping);
    size += p.size() - before;
    return v;
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    HashMap<K, V> p = part(key);
    int before = p.size();
    V v = p.compute(key, remapping);
    size += p.size() - before;
    return v;
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
    HashMap<K, V> p = part(key);
    int before = p.size();
    V v = p.merge(key, value, remapping);
    size += p.size() - before;
    return v;
  }

  @Override
  public void clear() {
    for (HashMap<K, V> p : parts) {
      p.clear();
    }
    size = 0;
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
          return size;
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
          return size;
        }

        @Override
        public boolean contains(Object o) {
          return containsKey(o);
        }

        @Override
        public boolean remove(Object o) {
          HashMap<K, V> p = part(o);
          int before = p.size();
          p.keySet().remove(o);
          size += p.size() - before;
          return p.size() != before;
        }

        @Override
        public void clear() {
          SpreadHashMap.this.clear();
        }
      };
    }
    return keys;
  }

  /** The parts' iterators one after another; {@code remove} removes from the part and the count. */
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
      size--;
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
