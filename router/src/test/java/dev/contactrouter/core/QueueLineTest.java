package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link QueueLine} keeps the order and answers of the {@code TreeSet} it replaced in {@link QueueState}. */
class QueueLineTest {

  /** The order {@code QueueState.present} kept as a {@code TreeSet}: queuedAt, then seq. */
  private static TreeSet<ContactState> treeSet() {
    return new TreeSet<>((a, b) -> {
      int c = Long.compare(a.queuedAt, b.queuedAt);
      return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
  }

  private static ContactState contact(long seq, long queuedAt) {
    ContactState c = new ContactState(ContactSpec.of("c" + seq, Channel.VOICE, "q"), seq, queuedAt - 5);
    c.queuedAt = queuedAt;
    return c;
  }

  @Test
  void anyOrderOfAddingGivesTheSameLine() {
    Random random = new Random(42);
    List<ContactState> contacts = new ArrayList<>();
    for (int seq = 0; seq < 500; seq++) {
      contacts.add(contact(seq, random.nextInt(60))); // many equal times: seq breaks the tie
    }
    TreeSet<ContactState> expected = treeSet();
    expected.addAll(contacts);
    for (int round = 0; round < 5; round++) {
      Collections.shuffle(contacts, random);
      QueueLine line = new QueueLine();
      contacts.forEach(c -> assertThat(line.add(c)).isTrue());
      assertThat(line).containsExactlyElementsOf(expected);
      assertThat(line.first()).isSameAs(expected.first());
      assertThat(line.size()).isEqualTo(500);
      contacts.forEach(line::remove);
    }
  }

  @Test
  void addingTwiceKeepsOneAndAnswersFalse() {
    QueueLine line = new QueueLine();
    ContactState a = contact(1, 100);
    ContactState b = contact(2, 100);
    assertThat(line.add(a)).isTrue();
    assertThat(line.add(b)).isTrue();
    assertThat(line.add(a)).isFalse();
    assertThat(line.add(b)).isFalse();
    assertThat(line.add(contact(1, 100))).as("another with the same place").isFalse();
    assertThat(line).containsExactly(a, b);
  }

  @Test
  void removingWhatIsNotInThisLineChangesNothing() {
    QueueLine line = new QueueLine();
    QueueLine other = new QueueLine();
    ContactState a = contact(1, 100);
    ContactState b = contact(2, 200);
    ContactState elsewhere = contact(3, 150);
    line.add(a);
    line.add(b);
    other.add(elsewhere);

    assertThat(line.remove(elsewhere)).isFalse();
    assertThat(line.remove(contact(4, 120))).isFalse();
    assertThat(line.remove("c1")).isFalse();
    assertThat(line).containsExactly(a, b);
    assertThat(other).containsExactly(elsewhere);
    assertThat(line.contains(elsewhere)).isFalse();
    assertThat(other.contains(elsewhere)).isTrue();
    assertThatThrownBy(() -> line.add(elsewhere)).isInstanceOf(IllegalStateException.class);
    assertThat(line).containsExactly(a, b);

    assertThat(line.remove(a)).isTrue();
    assertThat(line.remove(a)).isFalse();
    assertThat(line).containsExactly(b);
    assertThat(line.size()).isEqualTo(1);
  }

  @Test
  void aContactRemovedMayComeBackElsewhereOrLater() {
    QueueLine from = new QueueLine();
    QueueLine to = new QueueLine();
    ContactState a = contact(1, 100);
    ContactState b = contact(2, 200);
    ContactState c = contact(3, 300);
    from.add(a);
    from.add(b);
    to.add(c);

    assertThat(from.remove(a)).isTrue();
    a.queuedAt = 250; // transferred: it joins the other line now
    assertThat(to.add(a)).isTrue();
    assertThat(to).containsExactly(a, c);
    assertThat(from).containsExactly(b);

    assertThat(to.remove(a)).isTrue();
    assertThat(from.add(a)).isTrue();
    assertThat(from).containsExactly(b, a);
    assertThat(from.first()).isSameAs(b);
  }

  @Test
  void emptyLine() {
    QueueLine line = new QueueLine();
    assertThat(line.isEmpty()).isTrue();
    assertThat(line.size()).isZero();
    assertThat(line.iterator().hasNext()).isFalse();
    assertThatThrownBy(line::first).isInstanceOf(NoSuchElementException.class);
    ContactState a = contact(1, 100);
    line.add(a);
    assertThat(line.isEmpty()).isFalse();
    assertThat(line.first()).isSameAs(a);
    line.remove(a);
    assertThat(line.isEmpty()).isTrue();
    assertThatThrownBy(line::first).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void iteratorsFailFastWhenTheLineChangesUnderThem() {
    QueueLine line = new QueueLine();
    ContactState a = contact(1, 100);
    ContactState b = contact(2, 200);
    ContactState c = contact(3, 300);
    line.add(a);
    line.add(b);
    line.add(c);

    Iterator<ContactState> it = line.iterator();
    it.next();
    line.remove(b);
    assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);

    Iterator<ContactState> removing = line.iterator();
    assertThat(removing.next()).isSameAs(a);
    removing.remove();
    assertThat(removing.next()).isSameAs(c);
    assertThat(removing.hasNext()).isFalse();
    assertThat(line).containsExactly(c);
    assertThat(List.copyOf(line)).containsExactly(c);
  }

  record Op(boolean add, int contact) {}

  /** Random adds and removes, some of contacts held by another line: the same answers as a TreeSet. */
  @Property(tries = 300)
  void behavesLikeATreeSet(
      @ForAll("operations") List<Op> ops,
      @ForAll @IntRange(min = 1, max = 30) int distinctTimes,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<ContactState> contacts = new ArrayList<>();
    for (int seq = 0; seq < 40; seq++) {
      contacts.add(contact(seq, random.nextInt(distinctTimes)));
    }
    QueueLine line = new QueueLine();
    QueueLine other = new QueueLine();
    TreeSet<ContactState> expected = treeSet();
    for (int i = 30; i < 40; i++) {
      other.add(contacts.get(i)); // never added to this line: only removed, in vain
    }

    for (Op op : ops) {
      ContactState c = contacts.get(op.contact());
      if (op.add() && op.contact() < 30) {
        assertThat(line.add(c)).as("add %d", op.contact()).isEqualTo(expected.add(c));
      } else {
        assertThat(line.remove(c)).as("remove %d", op.contact()).isEqualTo(expected.remove(c));
      }
      assertThat(line.size()).isEqualTo(expected.size());
      assertThat(line.isEmpty()).isEqualTo(expected.isEmpty());
      if (!expected.isEmpty()) {
        assertThat(line.first()).isSameAs(expected.first());
      }
      assertThat(line).containsExactlyElementsOf(expected);
      for (ContactState x : contacts) {
        assertThat(line.contains(x)).isEqualTo(expected.contains(x));
      }
    }
    assertThat(other).hasSize(10);
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op = Combinators.combine(
        Arbitraries.frequency(Tuple.of(3, true), Tuple.of(2, false)),
        Arbitraries.integers().between(0, 39)).as(Op::new);
    return op.list().ofMaxSize(150);
  }
}
