package dev.contactrouter.core;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.ToIntFunction;

/**
 * An ordered set that also answers "how many elements come before this one" in O(log n): a treap
 * whose nodes carry subtree sizes. Node priorities come from a fixed pseudo-random sequence, so
 * the structure (and every answer) is deterministic.
 *
 * <p>The elements are the nodes ({@link Node}): a set makes no object per element. A separate node
 * holding the element cost 32 bytes per waiting contact in each of the writer's two copies of the
 * domain, and one more object per contact for the garbage collector to trace; the links in the
 * element cost it 16. The price: an element is in at most one set at a time (its links are that
 * set's), and an element's place in the order must not change while a set holds it.
 */
final class RankedSet<E extends RankedSet.Node<E>> implements Iterable<E> {

  /**
   * An element's links in the set that holds it, and nothing else. Only {@link RankedSet} reads or
   * writes them. In no set: both links null and {@code treeSize} 0 (a set holding it gives it at
   * least 1), so a set can tell at once that an element is in none.
   */
  abstract static class Node<E extends Node<E>> {
    E treeLeft;
    E treeRight;
    int treeSize;
    /**
     * An int, not a long: 4 bytes per element less. Equal priorities are rare and harmless: the
     * order, ranks and answers depend only on the keys, and the shape stays balanced in expectation.
     */
    int treePriority;
  }

  private final Comparator<? super E> order;
  private E root;
  private long sequence = 0x9E3779B97F4A7C15L;

  RankedSet(Comparator<? super E> order) {
    this.order = order;
  }

  int size() {
    return size(root);
  }

  boolean isEmpty() {
    return root == null;
  }

  E first() {
    E n = root;
    if (n == null) {
      return null;
    }
    while (n.treeLeft != null) {
      n = n.treeLeft;
    }
    return n;
  }

  /** Whether this set holds {@code e} itself (not merely an element equal to it in the order). */
  boolean contains(E e) {
    return e.treeSize != 0 && find(e) == e;
  }

  /** The element equal to {@code e} in the order, or null. */
  private E find(E e) {
    E n = root;
    while (n != null) {
      int c = order.compare(e, n);
      if (c == 0) {
        return n;
      }
      n = c < 0 ? n.treeLeft : n.treeRight;
    }
    return null;
  }

  /**
   * Adds {@code e}; returns false if an equal element is already present (then {@code e} is left
   * as it was).
   *
   * <p>Walks down to where the new node's priority puts it and splits only the subtree found
   * there (expected constant size): the tree that results is the one splitting the whole tree
   * and merging gave (a treap's shape is fixed by its keys and their distinct priorities), but
   * the nodes above keep their links. Rewriting every link on the path, even with the same
   * value, cost a garbage-collector write barrier per node on trees that live in the old
   * generation, and dirty cards for every young collection to scan.
   *
   * @throws IllegalArgumentException if {@code e} is in another set (its links are that set's)
   */
  boolean add(E e) {
    if (find(e) != null) {
      return false;
    }
    if (e.treeSize != 0) {
      throw new IllegalArgumentException("an element is in at most one set at a time");
    }
    int priority = nextPriority();
    e.treePriority = priority;
    E parent = null;
    boolean left = false;
    E n = root;
    while (n != null && n.treePriority > priority) {
      n.treeSize++;
      parent = n;
      left = order.compare(e, n) < 0;
      n = left ? n.treeLeft : n.treeRight;
    }
    E[] parts = split(n, e);
    e.treeLeft = parts[0];
    e.treeRight = parts[1];
    e.treeSize = 1 + size(e.treeLeft) + size(e.treeRight);
    link(parent, left, e);
    return true;
  }

  /**
   * Removes {@code e}; as {@link #add}, only the links at its place change. Returns false, changing
   * nothing, unless this set holds {@code e} itself: an element in another set, or one merely equal
   * to an element here, keeps its links. The removed element's links are cleared (in no set).
   */
  boolean remove(E e) {
    if (!contains(e)) {
      return false;
    }
    E parent = null;
    boolean left = false;
    E n = root;
    int c;
    while ((c = order.compare(e, n)) != 0) {
      n.treeSize--;
      parent = n;
      left = c < 0;
      n = left ? n.treeLeft : n.treeRight;
    }
    link(parent, left, merge(e.treeLeft, e.treeRight));
    e.treeLeft = null;
    e.treeRight = null;
    e.treeSize = 0;
    e.treePriority = 0;
    return true;
  }

  private void link(E parent, boolean left, E child) {
    if (parent == null) {
      root = child;
    } else if (left) {
      parent.treeLeft = child;
    } else {
      parent.treeRight = child;
    }
  }

  /** Number of elements strictly before {@code e} in the order. */
  int rank(E e) {
    int rank = 0;
    E n = root;
    while (n != null) {
      int c = order.compare(e, n);
      if (c <= 0) {
        n = n.treeLeft;
      } else {
        rank += size(n.treeLeft) + 1;
        n = n.treeRight;
      }
    }
    return rank;
  }

  @Override
  public Iterator<E> iterator() {
    ArrayDeque<E> stack = new ArrayDeque<>();
    for (E n = root; n != null; n = n.treeLeft) {
      stack.push(n);
    }
    return inOrder(stack);
  }

  /**
   * The elements strictly after a place in the order, in order. The place need not be an element:
   * {@code place} compares it with an element as the order would (negative: the place comes
   * first). A walk that resumes where it stopped keeps such a place, fixed when it stopped, even
   * when the element it stopped at has moved since. O(log n) to start.
   */
  Iterator<E> iteratorAfter(ToIntFunction<? super E> place) {
    ArrayDeque<E> stack = new ArrayDeque<>();
    E n = root;
    while (n != null) {
      if (place.applyAsInt(n) < 0) {
        stack.push(n);
        n = n.treeLeft;
      } else {
        n = n.treeRight;
      }
    }
    return inOrder(stack);
  }

  /** Number of elements at or before a place (as {@link #iteratorAfter}): where a walk resumes. */
  int countThrough(ToIntFunction<? super E> place) {
    int count = 0;
    E n = root;
    while (n != null) {
      if (place.applyAsInt(n) < 0) {
        n = n.treeLeft;
      } else {
        count += size(n.treeLeft) + 1;
        n = n.treeRight;
      }
    }
    return count;
  }

  /** Walks in order from a stack holding the next node on top and, under it, its unvisited ancestors. */
  private static <E extends Node<E>> Iterator<E> inOrder(ArrayDeque<E> stack) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !stack.isEmpty();
      }

      @Override
      public E next() {
        if (stack.isEmpty()) {
          throw new NoSuchElementException();
        }
        E n = stack.pop();
        for (E c = n.treeRight; c != null; c = c.treeLeft) {
          stack.push(c);
        }
        return n;
      }
    };
  }

  /** Splits into (elements before e, elements at or after e). */
  @SuppressWarnings("unchecked")
  private E[] split(E n, E e) {
    if (n == null) {
      return (E[]) new Node<?>[] {null, null};
    }
    if (order.compare(n, e) < 0) {
      E[] parts = split(n.treeRight, e);
      n.treeRight = parts[0];
      n.treeSize = 1 + size(n.treeLeft) + size(n.treeRight);
      parts[0] = n;
      return parts;
    }
    E[] parts = split(n.treeLeft, e);
    n.treeLeft = parts[1];
    n.treeSize = 1 + size(n.treeLeft) + size(n.treeRight);
    parts[1] = n;
    return parts;
  }

  private E merge(E a, E b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.treePriority > b.treePriority) {
      a.treeRight = merge(a.treeRight, b);
      a.treeSize = 1 + size(a.treeLeft) + size(a.treeRight);
      return a;
    }
    b.treeLeft = merge(a, b.treeLeft);
    b.treeSize = 1 + size(b.treeLeft) + size(b.treeRight);
    return b;
  }

  private static int size(Node<?> n) {
    return n == null ? 0 : n.treeSize;
  }

  private int nextPriority() {
    // splitmix64: a fixed, well-mixed sequence (deterministic; no randomness in the core); its high half
    long z = (sequence += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (int) ((z ^ (z >>> 31)) >>> 32);
  }
}
