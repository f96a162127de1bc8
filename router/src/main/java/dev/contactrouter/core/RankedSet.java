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
 */
final class RankedSet<E> implements Iterable<E> {
  private static final class Node<E> {
    final E value;
    /**
     * An int, not a long: with the links and size the node fits 32 bytes instead of 40 (one per
     * waiting contact in each copy of the domain). Equal priorities are rare and harmless: the
     * order, ranks and answers depend only on the keys, and the shape stays balanced in expectation.
     */
    final int priority;
    int size = 1;
    Node<E> left;
    Node<E> right;

    Node(E value, int priority) {
      this.value = value;
      this.priority = priority;
    }
  }

  private final Comparator<? super E> order;
  private Node<E> root;
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
    Node<E> n = root;
    if (n == null) {
      return null;
    }
    while (n.left != null) {
      n = n.left;
    }
    return n.value;
  }

  boolean contains(E e) {
    Node<E> n = root;
    while (n != null) {
      int c = order.compare(e, n.value);
      if (c == 0) {
        return true;
      }
      n = c < 0 ? n.left : n.right;
    }
    return false;
  }

  /**
   * Adds {@code e}; returns false if an equal element is already present.
   *
   * <p>Walks down to where the new node's priority puts it and splits only the subtree found
   * there (expected constant size): the tree that results is the one splitting the whole tree
   * and merging gave (a treap's shape is fixed by its keys and their distinct priorities), but
   * the nodes above keep their links. Rewriting every link on the path, even with the same
   * value, cost a garbage-collector write barrier per node on trees that live in the old
   * generation, and dirty cards for every young collection to scan.
   */
  boolean add(E e) {
    if (contains(e)) {
      return false;
    }
    Node<E> node = new Node<>(e, nextPriority());
    Node<E> parent = null;
    boolean left = false;
    Node<E> n = root;
    while (n != null && n.priority > node.priority) {
      n.size++;
      parent = n;
      left = order.compare(e, n.value) < 0;
      n = left ? n.left : n.right;
    }
    Node<E>[] parts = split(n, e);
    node.left = parts[0];
    node.right = parts[1];
    node.size = 1 + size(node.left) + size(node.right);
    link(parent, left, node);
    return true;
  }

  /** Removes {@code e}; as {@link #add}, only the links at its place change. */
  boolean remove(E e) {
    if (!contains(e)) {
      return false;
    }
    Node<E> parent = null;
    boolean left = false;
    Node<E> n = root;
    int c;
    while ((c = order.compare(e, n.value)) != 0) {
      n.size--;
      parent = n;
      left = c < 0;
      n = left ? n.left : n.right;
    }
    link(parent, left, merge(n.left, n.right));
    return true;
  }

  private void link(Node<E> parent, boolean left, Node<E> child) {
    if (parent == null) {
      root = child;
    } else if (left) {
      parent.left = child;
    } else {
      parent.right = child;
    }
  }

  /** Number of elements strictly before {@code e} in the order. */
  int rank(E e) {
    int rank = 0;
    Node<E> n = root;
    while (n != null) {
      int c = order.compare(e, n.value);
      if (c <= 0) {
        n = n.left;
      } else {
        rank += size(n.left) + 1;
        n = n.right;
      }
    }
    return rank;
  }

  @Override
  public Iterator<E> iterator() {
    ArrayDeque<Node<E>> stack = new ArrayDeque<>();
    for (Node<E> n = root; n != null; n = n.left) {
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
    ArrayDeque<Node<E>> stack = new ArrayDeque<>();
    Node<E> n = root;
    while (n != null) {
      if (place.applyAsInt(n.value) < 0) {
        stack.push(n);
        n = n.left;
      } else {
        n = n.right;
      }
    }
    return inOrder(stack);
  }

  /** Number of elements at or before a place (as {@link #iteratorAfter}): where a walk resumes. */
  int countThrough(ToIntFunction<? super E> place) {
    int count = 0;
    Node<E> n = root;
    while (n != null) {
      if (place.applyAsInt(n.value) < 0) {
        n = n.left;
      } else {
        count += size(n.left) + 1;
        n = n.right;
      }
    }
    return count;
  }

  /** Walks in order from a stack holding the next node on top and, under it, its unvisited ancestors. */
  private static <E> Iterator<E> inOrder(ArrayDeque<Node<E>> stack) {
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
        Node<E> n = stack.pop();
        for (Node<E> c = n.right; c != null; c = c.left) {
          stack.push(c);
        }
        return n.value;
      }
    };
  }

  /** Splits into (elements before e, elements at or after e). */
  @SuppressWarnings("unchecked")
  private Node<E>[] split(Node<E> n, E e) {
    if (n == null) {
      return (Node<E>[]) new Node<?>[] {null, null};
    }
    if (order.compare(n.value, e) < 0) {
      Node<E>[] parts = split(n.right, e);
      n.right = parts[0];
      n.size = 1 + size(n.left) + size(n.right);
      parts[0] = n;
      return parts;
    }
    Node<E>[] parts = split(n.left, e);
    n.left = parts[1];
    n.size = 1 + size(n.left) + size(n.right);
    parts[1] = n;
    return parts;
  }

  private Node<E> merge(Node<E> a, Node<E> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.priority > b.priority) {
      a.right = merge(a.right, b);
      a.size = 1 + size(a.left) + size(a.right);
      return a;
    }
    b.left = merge(a, b.left);
    b.size = 1 + size(b.left) + size(b.right);
    return b;
  }

  private static int size(Node<?> n) {
    return n == null ? 0 : n.size;
  }

  private int nextPriority() {
    // splitmix64: a fixed, well-mixed sequence (deterministic; no randomness in the core); its high half
    long z = (sequence += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (int) ((z ^ (z >>> 31)) >>> 32);
  }
}
