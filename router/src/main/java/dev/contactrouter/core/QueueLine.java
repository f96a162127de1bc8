package dev.contactrouter.core;

import java.util.AbstractCollection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The contacts waiting or ringing in one queue, longest in the queue first: earlier {@code
 * queuedAt}, then lower {@code seq}. A doubly-linked list threaded through the contacts themselves
 * ({@link ContactState#line}, {@link ContactState#linePrev}, {@link ContactState#lineNext}) instead
 * of a {@code TreeSet}: three references (12 bytes) on each contact instead of a 40-byte {@code
 * TreeMap.Entry}, in each copy of the domain, for every waiting contact (a million of them cost 80
 * MB as tree entries in a writer's two copies).
 *
 * <p>A contact joins with {@code queuedAt} = now, and the domain's clock mostly moves forward, so
 * {@link #add} walks back from the tail and usually stops at once; any order of adding (a restored
 * snapshot, a transfer, the clock stepping back) still gives the sorted line, at the cost of the
 * steps walked. A contact is in at most one line at a time, and its {@code queuedAt} and {@code
 * seq} must not change while it is in one (remove it, change them, add it again).
 *
 * <p>As the {@code TreeSet} it replaces: {@link #add} of a contact already in the line (or of one
 * with the same {@code queuedAt} and {@code seq}) changes nothing and answers false; {@link
 * #remove} of a contact not in this line changes nothing and answers false; {@link #first} of an
 * empty line throws. Unlike it, {@link #add} of a contact in another line throws. Iterators fail
 * fast: one used after the line changed other than through it throws {@link
 * ConcurrentModificationException}.
 */
final class QueueLine extends AbstractCollection<ContactState> {
  private ContactState head;
  private ContactState tail;
  private int size;
  /** Changes so far, for iterators to notice a change under them. */
  private int modCount;

  /** Longest in the queue first: earlier into the queue, then arrival order. */
  static int compare(ContactState a, ContactState b) {
    int c = Long.compare(a.queuedAt, b.queuedAt);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  /** The contact longest in the queue; throws {@link NoSuchElementException} when none is. */
  ContactState first() {
    if (head == null) {
      throw new NoSuchElementException();
    }
    return head;
  }

  @Override
  public boolean contains(Object o) {
    return o instanceof ContactState c && c.line == this;
  }

  /**
   * Puts {@code c} in its place, walking back from the tail past every contact that comes after
   * it; false if it (or one with the same place) is already in the line.
   *
   * @throws IllegalStateException if {@code c} is in another line
   */
  @Override
  public boolean add(ContactState c) {
    if (c.line == this) {
      return false;
    }
    if (c.line != null) {
      throw new IllegalStateException("contact " + c.id() + " is already in another queue's line");
    }
    ContactState before = tail;
    int order = 1;
    while (before != null && (order = compare(c, before)) < 0) {
      before = before.linePrev;
    }
    if (before != null && order == 0) {
      return false;
    }
    ContactState after = before == null ? head : before.lineNext;
    c.linePrev = before;
    c.lineNext = after;
    if (before == null) {
      head = c;
    } else {
      before.lineNext = c;
    }
    if (after == null) {
      tail = c;
    } else {
      after.linePrev = c;
    }
    c.line = this;
    size++;
    modCount++;
    return true;
  }

  /** Takes {@code o} out of the line; false (and nothing changes) if it is not in this line. */
  @Override
  public boolean remove(Object o) {
    if (!(o instanceof ContactState c) || c.line != this) {
      return false;
    }
    ContactState before = c.linePrev;
    ContactState after = c.lineNext;
    if (before == null) {
      head = after;
    } else {
      before.lineNext = after;
    }
    if (after == null) {
      tail = before;
    } else {
      after.linePrev = before;
    }
    c.linePrev = null;
    c.lineNext = null;
    c.line = null;
    size--;
    modCount++;
    return true;
  }

  /** The contacts in line order; fails fast if the line changes other than through it. */
  @Override
  public Iterator<ContactState> iterator() {
    return new Iterator<>() {
      private ContactState next = head;
      private ContactState last;
      private int expected = modCount;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public ContactState next() {
        checkUnchanged();
        if (next == null) {
          throw new NoSuchElementException();
        }
        last = next;
        next = next.lineNext;
        return last;
      }

      @Override
      public void remove() {
        if (last == null) {
          throw new IllegalStateException();
        }
        checkUnchanged();
        QueueLine.this.remove(last);
        last = null;
        expected = modCount;
      }

      private void checkUnchanged() {
        if (modCount != expected) {
          throw new ConcurrentModificationException();
        }
      }
    };
  }
}
