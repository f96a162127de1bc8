package dev.contactrouter.collect;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A hash map kept as {@value #PARTS} open-addressing tables, each key in the part the high bits of
 * its (mixed) hash choose. It exists for two reasons.
 *
 * <p><b>No one put rehashes everything.</b> A {@link HashMap} doubles its whole table in the one
 * {@code put} that crosses its threshold: at 786,432 entries that is a rehash of every entry,
 * 40-60 ms, and a writer that indexes each waiting contact in several maps of that size did them
 * all in one turn (a stall of about 300 ms, issue 14's goal 5). Here each part doubles on its own,
 * when its own share crosses its threshold: a sixty-fourth of the work each time, spread over many
 * turns.
 *
 * <p><b>Few bytes per entry.</b> A {@code HashMap} spends a 32-byte {@code HashMap$Node} on each
 * entry plus 4-8 bytes of table slot (about 40 bytes an entry, with compressed references), and
 * the contacts of a domain are indexed by id in such maps: at a million waiting contacts that was
 * about 100 bytes a contact for the id maps alone (issue 14's goal 6). A part here is one {@code
 * Object[]} holding key and value side by side, two references (8 bytes) a slot, with no node and
 * no cached hash: its capacity is a power of two, kept between 1/0.75 and 2/0.75 slots an entry
 * by doubling at a load of 3/4, so 10.7 to 21.3 bytes an entry (twice that without compressed
 * references). Collisions probe linearly to the next slot; a removal shifts the entries after the
 * freed slot back ("backward-shift deletion", {@link Part#removeAt}), so there are no tombstones
 * and a lookup never walks over dead slots. The price, with no hash kept: a {@code hashCode} call
 * on each key a resize moves or a removal's shift looks at (cached for strings), and an {@code
 * equals} on each key a probe passes.
 *
 * <p>The hash is spread with a full-avalanche mix ({@link #mix}): its six high bits choose the
 * part, its low bits the slot in the part's table; every output bit depends on every input bit,
 * so the keys of one part still spread over all of its slots (with a plain multiplicative hash the
 * low bits would depend only on the low bits of {@code hashCode}).
 *
 * <p>Not thread-safe, as {@code HashMap}. Iteration goes part by part, each in its own order;
 * iterators support {@code remove}, entries {@code setValue}, and a change to the part being
 * walked other than through the iterator fails the walk ({@link ConcurrentModificationException}),
 * as in {@code HashMap}. Null keys and values are allowed, as in {@code HashMap}.
 */
public final class SpreadHashMap<K, V> extends AbstractMap<K, V> {
  static final int PARTS = 64;
  private static final int SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(PARTS);
  /** Slots in a part's first table (allocated at its first put). */
  private static final int FIRST_CAPACITY = 8;
  /** The largest table a part can have: an {@code Object[]} of 2^30 references. */
  private static final int MAX_CAPACITY = 1 << 29;

  /**
   * Stands for the null key in a table, where null marks an empty slot. Its hash is that of null
   * (0), its equality identity.
   */
  private static final Object NULL_KEY = new Object() {
    @Override
    public int hashCode() {
      return 0;
    }

    @Override
    public String toString() {
      return "null";
    }
  };

  private final Part[] parts;
  private Set<Entry<K, V>> entries;
  private Set<K> keys;
  private Collection<V> vals;

  public SpreadHashMap() {
    parts = new Part[PARTS];
    for (int i = 0; i < PARTS; i++) {
      parts[i] = new Part();
    }
  }

  /** The key as a table holds it: {@link #NULL_KEY} for null. */
  private static Object mask(Object key) {
    return key == null ? NULL_KEY : key;
  }

  @SuppressWarnings("unchecked")
  private static <K> K unmask(Object key) {
    return key == NULL_KEY ? null : (K) key;
  }

  /**
   * The key's hash, mixed so every bit depends on every bit of {@code hashCode} (MurmurHash3's
   * finalizer): the high bits choose the part and the low bits the slot, independently.
   */
  static int mix(Object maskedKey) {
    int h = maskedKey.hashCode();
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  private Part part(int hash) {
    return parts[hash >>> SHIFT];
  }

  /** The parts' sizes added up (64 reads): no count of its own to keep in step. */
  @Override
  public int size() {
    int size = 0;
    for (Part p : parts) {
      size += p.size;
    }
    return size;
  }

  @Override
  public boolean isEmpty() {
    for (Part p : parts) {
      if (p.size != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean containsKey(Object key) {
    Object k = mask(key);
    int h = mix(k);
    return part(h).find(k, h) >= 0;
  }

  @Override
  public boolean containsValue(Object value) {
    for (Part p : parts) {
      Object[] t = p.table;
      if (p.size == 0) {
        continue;
      }
      for (int i = 0; i < t.length; i += 2) {
        if (t[i] != null && Objects.equals(t[i + 1], value)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public V get(Object key) {
    return getOrDefault(key, null);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V getOrDefault(Object key, V defaultValue) {
    Object k = mask(key);
    int h = mix(k);
    Part p = part(h);
    int i = p.find(k, h);
    return i < 0 ? defaultValue : (V) p.table[2 * i + 1];
  }

  @Override
  public V put(K key, V value) {
    return put(key, value, false);
  }

  @Override
  public V putIfAbsent(K key, V value) {
    return put(key, value, true);
  }

  /** Puts, or with {@code onlyIfAbsent} puts only where the key is absent or holds null, as HashMap. */
  @SuppressWarnings("unchecked")
  private V put(K key, V value, boolean onlyIfAbsent) {
    Object k = mask(key);
    int h = mix(k);
    Part p = part(h);
    int i = p.find(k, h);
    if (i >= 0) {
      V old = (V) p.table[2 * i + 1];
      if (!onlyIfAbsent || old == null) {
        p.table[2 * i + 1] = value;
      }
      return old;
    }
    p.insert(k, h, value);
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V remove(Object key) {
    Object k = mask(key);
    int h = mix(k);
    Part p = part(h);
    int i = p.find(k, h);
    if (i < 0) {
      return null;
    }
    V old = (V) p.table[2 * i + 1];
    p.removeAt(i);
    return old;
  }

  /**
   * As {@link HashMap#computeIfAbsent}: a key held with a null value counts as absent, and a
   * function that changes the map fails ({@link ConcurrentModificationException}), since the slot
   * found before it ran may no longer be the key's.
   */
  @Override
  @SuppressWarnings("unchecked")
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
    Objects.requireNonNull(mapping);
    Object k = mask(key);
    int h = mix(k);
    Part p = part(h);
    int i = p.find(k, h);
    if (i >= 0 && p.table[2 * i + 1] != null) {
      return (V) p.table[2 * i + 1];
    }
    int mods = p.modCount;
    V v = mapping.apply(key);
    p.checkUnchanged(mods);
    if (v != null) {
      p.set(i, k, h, v);
    }
    return v;
  }

  /** As {@link HashMap#compute}: a null result removes the key (if held). */
  @Override
  @SuppressWarnings("unchecked")
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(remapping);
    Object k = mask(key);
    int h = mix(k);
    Part p = part(h);
    int i = p.find(k, h);
    V old = i < 0 ? null : (V) p.table[2 * i + 1];
    int mods = p.modCount;
    V v = remapping.apply(key, old);
    p.checkUnchanged(mods);
    if (v == null) {
      if (i >= 0) {
        p.removeAt(i);
      }
    } else {
      p.set(i, k, h, v);
    }
    return v;
  }

  /** As {@link HashMap#merge}: a held null counts as absent, and a null result removes the key. */
  @Override
  @SuppressWarnings("unchecked")
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(value);
    Objects.requireNonNull(remapping);
    Object k = mask(key);
    int h = mix(k);
    Part p = part(h);
    int i = p.find(k, h);
    V old = i < 0 ? null : (V) p.table[2 * i + 1];
    V v;
    if (old == null) {
      v = value;
    } else {
      int mods = p.modCount;
      v = remapping.apply(old, value);
      p.checkUnchanged(mods);
    }
    if (v == null) {
      p.removeAt(i);
    } else {
      p.set(i, k, h, v);
    }
    return v;
  }

  @Override
  public void clear() {
    for (Part p : parts) {
      p.clear();
    }
  }

  @Override
  public Set<Entry<K, V>> entrySet() {
    if (entries == null) {
      entries = new AbstractSet<>() {
        @Override
        public Iterator<Entry<K, V>> iterator() {
          return new PartsIterator<>() {
            @Override
            Entry<K, V> at(Object[] table, int slot) {
              return new Ent(unmask(table[2 * slot]), table[2 * slot + 1]);
            }
          };
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
          return new PartsIterator<>() {
            @Override
            K at(Object[] table, int slot) {
              return unmask(table[2 * slot]);
            }
          };
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
          Object k = mask(o);
          int h = mix(k);
          Part p = part(h);
          int i = p.find(k, h);
          if (i < 0) {
            return false;
          }
          p.removeAt(i);
          return true;
        }

        @Override
        public void clear() {
          SpreadHashMap.this.clear();
        }
      };
    }
    return keys;
  }

  /** The values, walked straight off the tables (no entry made for each, as a walk of entries would). */
  @Override
  public Collection<V> values() {
    if (vals == null) {
      vals = new AbstractCollection<>() {
        @Override
        public Iterator<V> iterator() {
          return new PartsIterator<>() {
            @Override
            @SuppressWarnings("unchecked")
            V at(Object[] table, int slot) {
              return (V) table[2 * slot + 1];
            }
          };
        }

        @Override
        public int size() {
          return SpreadHashMap.this.size();
        }

        @Override
        public boolean contains(Object o) {
          return containsValue(o);
        }

        @Override
        public void clear() {
          SpreadHashMap.this.clear();
        }
      };
    }
    return vals;
  }

  /**
   * An entry the entry iterator made: a copy of key and value, whose {@code setValue} also sets the
   * key's value in the map while the map holds the key (the slot itself may have moved since).
   */
  private final class Ent extends SimpleEntry<K, V> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    Ent(K key, Object value) {
      super(key, (V) value);
    }

    @Override
    public V setValue(V value) {
      Object k = mask(getKey());
      int h = mix(k);
      Part p = part(h);
      int i = p.find(k, h);
      if (i >= 0) {
        p.table[2 * i + 1] = value;
      }
      return super.setValue(value);
    }
  }

  /**
   * Walks the parts one after another, each part's table downward from the slot below an empty
   * one, wrapping around, to the slot above it; {@code remove} removes the last entry returned.
   *
   * <p>Why that order makes removal safe: call the empty slot {@code e}. While a part is walked,
   * only the iterator changes it (anything else fails the walk), and the walk has seen exactly the
   * slots from the current one {@code pos} up to {@code e - 1} (cyclically). Removing the entry at
   * {@code pos} shifts back entries from the slots after it, up to the first empty slot, which is
   * {@code e} at the latest since a removal never fills a slot ({@link Part#removeAt}); so every
   * entry it moves comes from a seen slot and lands in a seen slot (one in {@code [pos, e)}). The
   * slots still to be walked, below {@code pos} down to {@code e + 1}, are untouched: no entry is
   * seen twice, none skipped. (Walked upward, or downward from the top of the table, a shift
   * could carry an entry from the slots not yet walked, across the end of the table, into those
   * already walked.)
   */
  private abstract class PartsIterator<T> implements Iterator<T> {
    /** The part being walked (-1 before the first). */
    private int part = -1;
    private Part current;
    private Object[] table;
    /** The next slot to look at, and how many slots of this part are left to look at. */
    private int slot;
    private int left;
    /** The part's modCount this walk expects. */
    private int expected;
    /** Whether {@link #slot} holds the next entry (found by {@link #hasNext}). */
    private boolean found;
    /** The part and slot of the entry {@link #next} last returned, for {@code remove}; null after. */
    private Part lastPart;
    private int lastSlot;
    private int lastExpected;

    /** What the walk yields for the entry in {@code slot}. */
    abstract T at(Object[] table, int slot);

    @Override
    public boolean hasNext() {
      if (found) {
        return true;
      }
      while (true) {
        while (left > 0) {
          if (table[2 * slot] != null) {
            found = true;
            return true;
          }
          slot = (slot - 1) & (table.length / 2 - 1);
          left--;
        }
        if (part + 1 >= PARTS) {
          return false;
        }
        enter(parts[++part]);
      }
    }

    /** Starts on part {@code p}: at the slot below an empty one, every other slot to look at. */
    private void enter(Part p) {
      current = p;
      table = p.table;
      expected = p.modCount;
      left = 0;
      if (p.size == 0) {
        return;
      }
      int empty = table.length / 2 - 1;
      while (table[2 * empty] != null) {
        empty--; // a table is never full (load at most 3/4): an empty slot exists
      }
      slot = (empty - 1) & (table.length / 2 - 1);
      left = table.length / 2 - 1;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      current.checkUnchanged(expected);
      T out = at(table, slot);
      lastPart = current;
      lastSlot = slot;
      lastExpected = expected;
      slot = (slot - 1) & (table.length / 2 - 1);
      left--;
      found = false;
      return out;
    }

    @Override
    public void remove() {
      if (lastPart == null) {
        throw new IllegalStateException("next() first");
      }
      // hasNext() since next() may have moved on to a later part: the last entry's part is checked.
      lastPart.checkUnchanged(lastExpected);
      lastPart.removeAt(lastSlot);
      if (lastPart == current) {
        expected = current.modCount;
      }
      lastPart = null;
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
  @SuppressWarnings("unchecked")
  public List<V> partValues(int part) {
    Part p = parts[part];
    List<V> out = new ArrayList<>(p.size);
    if (p.size != 0) {
      Object[] t = p.table;
      for (int i = 0; i < t.length; i += 2) {
        if (t[i] != null) {
          out.add((V) t[i + 1]);
        }
      }
    }
    return out;
  }

  /** Entries per part, for tests: how evenly the keys spread. */
  int[] partSizes() {
    int[] out = new int[PARTS];
    for (int i = 0; i < PARTS; i++) {
      out[i] = parts[i].size;
    }
    return out;
  }

  /**
   * One part: an open-addressing table with linear probing. Slot {@code i} is {@code table[2i]}
   * (the key, {@link #NULL_KEY} for null, null when the slot is empty) and {@code table[2i + 1]}
   * (the value). A key's home slot is the low bits of its mixed hash; it sits there or in the
   * first slot after it (wrapping) that was free when it came, with no empty slot between its home
   * and it: the invariant lookups stop on, and that {@link #removeAt} keeps.
   */
  private static final class Part {
    /** Key and value side by side; null until the first put (most parts of a small map stay small). */
    Object[] table;
    int size;
    /** Counts changes of the key set (not of values), for walks to notice, as in HashMap. */
    int modCount;

    /** The slot holding {@code key} (masked, hashed to {@code hash}), or -1. */
    int find(Object key, int hash) {
      Object[] t = table;
      if (t == null) {
        return -1;
      }
      int mask = t.length / 2 - 1;
      for (int i = hash & mask; ; i = (i + 1) & mask) {
        Object k = t[2 * i];
        if (k == null) {
          return -1;
        }
        if (k == key || key.equals(k)) {
          return i;
        }
      }
    }

    /** Sets the value in {@code slot}, or adds the key when {@code slot} is -1 (it is absent). */
    void set(int slot, Object key, int hash, Object value) {
      if (slot >= 0) {
        table[2 * slot + 1] = value;
      } else {
        insert(key, hash, value);
      }
    }

    /** Adds a key known to be absent, doubling the table first if the key would pass 3/4 load. */
    void insert(Object key, int hash, Object value) {
      if (table == null) {
        table = new Object[2 * FIRST_CAPACITY];
      } else if (size + 1 > table.length / 2 / 4 * 3) {
        grow();
      }
      place(table, key, hash, value);
      size++;
      modCount++;
    }

    /** Puts a key in the first free slot from its home. */
    private static void place(Object[] t, Object key, int hash, Object value) {
      int mask = t.length / 2 - 1;
      int i = hash & mask;
      while (t[2 * i] != null) {
        i = (i + 1) & mask;
      }
      t[2 * i] = key;
      t[2 * i + 1] = value;
    }

    /** Doubles the table: the only rehash, of this part's entries alone. */
    private void grow() {
      Object[] old = table;
      int capacity = old.length / 2;
      if (capacity >= MAX_CAPACITY) {
        throw new IllegalStateException("a part of a SpreadHashMap cannot hold more than " + size);
      }
      Object[] t = new Object[4 * capacity];
      for (int i = 0; i < old.length; i += 2) {
        Object k = old[i];
        if (k != null) {
          place(t, k, mix(k), old[i + 1]);
        }
      }
      table = t;
    }

    /**
     * Empties {@code slot}, then closes the gap so that every key stays reachable from its home
     * with no empty slot on the way (no tombstones): walks the run of slots after the gap up to the
     * first empty one, and moves back into the gap each key whose home is not after the gap (within
     * the run, cyclically), the key's old slot becoming the gap. Only slots from {@code slot} up to
     * that first empty slot change, and none that was empty gets filled (the walks rely on it).
     */
    void removeAt(int slot) {
      Object[] t = table;
      int mask = t.length / 2 - 1;
      int gap = slot;
      for (int j = (slot + 1) & mask; t[2 * j] != null; j = (j + 1) & mask) {
        int home = mix(t[2 * j]) & mask;
        // The key at j may move to the gap when its home is at or before the gap, seen from j:
        // its distance back to home is at least the gap's.
        if (((j - home) & mask) >= ((j - gap) & mask)) {
          t[2 * gap] = t[2 * j];
          t[2 * gap + 1] = t[2 * j + 1];
          gap = j;
        }
      }
      t[2 * gap] = null;
      t[2 * gap + 1] = null;
      size--;
      modCount++;
    }

    void clear() {
      modCount++;
      if (size != 0) {
        Arrays.fill(table, null);
        size = 0;
      }
    }

    void checkUnchanged(int expectedModCount) {
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException();
      }
    }
  }
}
