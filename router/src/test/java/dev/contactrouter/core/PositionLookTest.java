package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A look at where every waiting contact stands ({@link PositionLook}), walked line by line in
 * rounds, answers what asking each contact's place one by one answers, for both matchers, whatever
 * the round's size; and a look that goes on after contacts left or arrived between its rounds
 * gives each contact it still sees its place at that round.
 */
class PositionLookTest {
  private static final List<String> QUEUES = List.of("q0", "q1", "q2");

  /** Three queues, contacts of mixed priorities, some with a skill of their own (lines of their own). */
  private static Centre busyCentre(long seed, int contacts) {
    Centre centre = new Centre();
    for (int i = 0; i < QUEUES.size(); i++) {
      centre.configure(queue(QUEUES.get(i)).skill("s" + i, 1).aging(i * 0.5).priority(i * 10));
    }
    // One agent serves q0: its first contact rings, the rest of q0 waits with an estimated wait.
    centre.ready(agent("a1").skill("s0", 1));
    Random random = new Random(seed);
    for (int n = 0; n < contacts; n++) {
      Centre.ContactBuilder c = contact("c" + n, QUEUES.get(random.nextInt(QUEUES.size())))
          .priority(random.nextInt(3) * 5);
      if (random.nextInt(4) == 0) {
        c.skill("x" + random.nextInt(2), 1);
      }
      centre.create(c);
      centre.advanceSeconds(random.nextInt(3));
    }
    return centre;
  }

  /** Every waiting contact's place, asked contact by contact. */
  private static Map<String, WaitingPosition> askedOneByOne(RoutingDomain d, long now) {
    Map<String, WaitingPosition> out = new HashMap<>();
    for (String q : QUEUES) {
      d.waitingPositions(q, now).orElseThrow().forEach(p -> out.put(p.contactId(), p));
    }
    return out;
  }

  private static List<WaitingPosition> wholeLook(PositionLook look, int round, long now, int bound) {
    List<WaitingPosition> seen = new ArrayList<>();
    for (int rounds = 0; !look.done() && rounds < bound; rounds++) {
      List<WaitingPosition> next = look.next(round, now);
      assertThat(next).hasSizeLessThanOrEqualTo(round);
      seen.addAll(next);
    }
    assertThat(look.done()).as("the look ended within %d rounds", bound).isTrue();
    return seen;
  }

  @Test
  void aLookInRoundsOfAnySizeSeesEveryWaitingContactOnceAtTheSamePlaceAsAskingEach() {
    for (long seed = 1; seed <= 4; seed++) {
      Centre centre = busyCentre(seed, 120);
      for (RoutingDomain d : List.of(centre.domain, centre.reference)) {
        Map<String, WaitingPosition> expected = askedOneByOne(d, centre.now);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(expected.values()).anySatisfy(p -> assertThat(p.estimatedWaitSeconds()).isNotNull());
        for (int round : new int[] {1, 2, 7, 1_000}) {
          PositionLook look = d.lookAtPositions();
          assertThat(look.of(d)).isTrue();
          List<WaitingPosition> seen = wholeLook(look, round, centre.now, 200);
          assertThat(seen).extracting(WaitingPosition::contactId).doesNotHaveDuplicates();
          Map<String, WaitingPosition> byId = new HashMap<>();
          seen.forEach(p -> byId.put(p.contactId(), p));
          assertThat(byId).as("seed %d, rounds of %d", seed, round).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aLookGoesOnFromWhereItStoppedWhenContactsLeaveOrArriveBetweenRounds() {
    Centre centre = busyCentre(7, 60);
    PositionLook indexed = centre.domain.lookAtPositions();
    PositionLook linear = centre.reference.lookAtPositions();
    List<WaitingPosition> firstIndexed = indexed.next(5, centre.now);
    List<WaitingPosition> firstLinear = linear.next(5, centre.now);
    assertThat(firstIndexed).hasSize(5);

    // Between rounds: one contact the look saw, the last each look saw (where it goes on from) and
    // one it did not yet see hang up; two arrive.
    String seenAlready = firstIndexed.get(1).contactId();
    String notYetSeen = askedOneByOne(centre.domain, centre.now).keySet().stream()
        .filter(id -> firstIndexed.stream().noneMatch(p -> p.contactId().equals(id)))
        .filter(id -> firstLinear.stream().noneMatch(p -> p.contactId().equals(id)))
        .findFirst().orElseThrow();
    List<String> gone = new ArrayList<>(List.of(seenAlready, notYetSeen, firstIndexed.get(4).contactId()));
    if (!gone.contains(firstLinear.get(4).contactId())) {
      gone.add(firstLinear.get(4).contactId());
    }
    gone.forEach(id -> centre.applied(new Command.AbandonContact("telephony", id)));
    centre.advanceSeconds(1);
    centre.create(contact("late1", "q1"));
    centre.create(contact("late2", "q2"));

    for (RoutingDomain d : List.of(centre.domain, centre.reference)) {
      PositionLook look = d == centre.domain ? indexed : linear;
      List<WaitingPosition> rest = wholeLook(look, 4, centre.now, 100);
      Map<String, WaitingPosition> now = askedOneByOne(d, centre.now);
      // Every place told after the change is the place at that round.
      assertThat(rest).allSatisfy(p -> assertThat(p).isEqualTo(now.get(p.contactId())));
      assertThat(rest).extracting(WaitingPosition::contactId).doesNotContainAnyElementsOf(gone)
          .contains("late1", "late2");
      // Between the two rounds, the look saw every contact still waiting.
      List<WaitingPosition> first = d == centre.domain ? firstIndexed : firstLinear;
      List<String> all = new ArrayList<>();
      first.forEach(p -> all.add(p.contactId()));
      rest.forEach(p -> all.add(p.contactId()));
      assertThat(all).containsAll(now.keySet());
    }
    assertThat(indexed.of(centre.reference)).isFalse();
  }

  @Test
  void aLookGoesOnFromWhereItStoppedWhenTheContactItStoppedAtMovesBetweenRounds() {
    // One line of ten in q0. A key in q2 (aging from a 2025 clock) is far below any key in q0.
    Centre centre = new Centre();
    centre.configure(queue("q0"));
    centre.configure(queue("q2").aging(1).priority(20));
    for (int n = 0; n < 10; n++) {
      centre.create(contact("c" + n, "q0").priority(n % 3 * 5));
      centre.advanceSeconds(1);
    }
    PositionLook indexed = centre.domain.lookAtPositions();
    PositionLook linear = centre.reference.lookAtPositions();
    List<WaitingPosition> first = indexed.next(3, centre.now);
    assertThat(linear.next(3, centre.now)).isEqualTo(first);

    // The contact the looks stopped at moves to q2 between rounds: had they gone on from where it
    // stands now (behind all of q0 by its new key) rather than where it stood, they would skip
    // the rest of q0's line.
    centre.transfer(first.get(2).contactId(), "q2", null, null);
    for (RoutingDomain d : List.of(centre.domain, centre.reference)) {
      List<WaitingPosition> rest = wholeLook(d == centre.domain ? indexed : linear, 3, centre.now, 20);
      List<WaitingPosition> q0 = new ArrayList<>(d.waitingPositions("q0", centre.now).orElseThrow());
      q0.sort(Comparator.comparingInt(WaitingPosition::position));
      assertThat(q0).hasSize(9);
      assertThat(q0.subList(0, 2)).isEqualTo(first.subList(0, 2));
      assertThat(rest).isEqualTo(q0.subList(2, 9));
    }
  }
}
