package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.store.format.SnapshotFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Memory keeps finished work within {@link Retention}: driven well past each bound, a domain holds
 * no more ended contacts and closed cases than it keeps, drops the oldest first, never drops work
 * in progress, and a replay of its journal or a restore of its snapshot gives the same state.
 */
class RetentionTest {
  private static final Retention SMALL = new Retention(5, 3);

  // ------------------------------------------------------------------ ended contacts

  /** 20 contacts end (completed and abandoned, two customers), one stays assigned throughout. */
  private static Centre endedContacts(Retention retention) {
    Centre centre = new Centre(retention);
    centre.configure(queue("phone"));
    centre.configure(agent("a1"));
    centre.ready(agent("a2"));
    centre.create(contact("live", "phone").customer("cust0", 3, null));
    centre.answer("live");
    centre.available("a1");
    for (int i = 0; i < 20; i++) {
      centre.advanceSeconds(10);
      centre.create(contact("c" + i, "phone").customer("cust" + i % 2, 3, null)
          .idempotency("key-" + i, "fp-" + i));
      if (i % 4 == 3) {
        centre.abandon("c" + i); // ringing at a1 when the caller hangs up
      } else {
        centre.answer("c" + i);
        centre.advanceSeconds(30);
        centre.complete("c" + i, "a1");
        centre.endWrapUp("a1", centre.now);
        centre.available("a1");
      }
    }
    return centre;
  }

  @Test
  void endedContactsBeyondTheRetentionAreForgottenOldestFirst() {
    Centre centre = endedContacts(SMALL);
    RoutingDomain d = centre.domain;

    for (int i = 0; i < 15; i++) {
      assertThat(d.contact("c" + i, centre.now)).as("c%d ended long ago", i).isEmpty();
    }
    for (int i = 15; i < 20; i++) {
      assertThat(d.contact("c" + i, centre.now)).as("c%d is among the newest 5 ended", i).isPresent();
    }
    assertThat(d.contact("live", centre.now)).as("assigned work is never dropped").get()
        .extracting(ContactView::status).isEqualTo(ContactStatus.ASSIGNED);
    assertThat(d.snapshot().retired()).containsExactly("c15", "c16", "c17", "c18", "c19");
    assertThat(d.snapshot().contacts()).hasSize(6);
    assertThat(d.customerContacts("cust0", centre.now)).extracting(ContactView::id)
        .containsExactlyInAnyOrder("live", "c16", "c18");

    // A retried creation whose contact is still held gets that contact, not a second one.
    Decision.Applied retry = centre.applied(Centre.createCommand(contact("other-id", "phone")
        .customer("cust1", 3, null).idempotency("key-19", "fp-19")));
    assertThat(retry.events()).as("nothing new recorded").isEmpty();
    assertThat(((Reply.ContactReply) retry.reply()).contact().id()).isEqualTo("c19");
    assertThat(d.contact("other-id", centre.now)).isEmpty();
  }

  @Test
  void replayAndSnapshotsOfEndedContactsGiveTheSameState() {
    Centre centre = endedContacts(SMALL);
    sameStateAfterReplayAndRestore(centre, SMALL);

    // A snapshot taken under a larger retention, restored under the smaller one, keeps what the
    // smaller one would have kept all along.
    Centre roomy = endedContacts(Retention.DEFAULTS);
    assertThat(roomy.journal).as("retention does not change decisions here").isEqualTo(centre.journal);
    assertThat(roomy.domain.snapshot().retired()).hasSize(20);
    RoutingDomain shrunk = RoutingDomain.restore(roomy.domain.snapshot(), MatcherKind.INDEXED, SMALL);
    assertThat(shrunk.snapshot()).isEqualTo(centre.domain.snapshot());
  }

  // ------------------------------------------------------------------ closed complaint cases

  private static Decision step(Centre centre, String id, Complaint.Step step, String by, String note,
      Complaint.Kind kind, Boolean satisfied) {
    return centre.handle(new Command.AdvanceComplaint(by == null ? "supervisor" : "agent:" + by, id, step, by, note,
        kind, null, null, null, satisfied));
  }

  private static void open(Centre centre, String id) {
    centre.applied(new Command.OpenComplaint("supervisor", id, null, null, new Customer("cust", null, null, 3),
        Channel.VOICE, "charged twice", null, null));
  }

  /** A complaints queue and a return-visit queue, and a clerk available for {@code items} of each. */
  private static Centre complaintsDesk(Retention retention, int items) {
    Centre centre = new Centre(retention);
    centre.configure(queue("complaints").anyChannel());
    centre.configure(queue("callbacks").channel(Channel.CALLBACK));
    centre.configure(agent("clerk").capacity(Channel.EMAIL, items).capacity(Channel.CALLBACK, items));
    centre.configure(ServiceRulesTest.rules(null, 30, 0, "callbacks", "complaints"));
    centre.available("clerk");
    return centre;
  }

  /** Opens case {@code id}; the clerk answers each stage's work item and takes it to a satisfied feedback. */
  private static void workedToFeedback(Centre centre, String id) {
    open(centre, id);
    centre.answer(id + "-intake");
    assertThat(step(centre, id, Complaint.Step.CLASSIFY, "clerk", "double charge", Complaint.Kind.SYSTEM_FAULT, null))
        .isInstanceOf(Decision.Applied.class);
    centre.answer(id + "-investigation");
    step(centre, id, Complaint.Step.INVESTIGATE, "clerk", "batch ran twice", null, null);
    centre.answer(id + "-result");
    step(centre, id, Complaint.Step.RESULT, "clerk", "refunded", null, null);
    centre.answer(id + "-feedback");
    step(centre, id, Complaint.Step.FEEDBACK, "clerk", "happy", null, true);
  }

  /** Six cases go from opening to closing, a seventh stays open in intake; return visits follow. */
  private static Centre closedCases(Retention retention) {
    Centre centre = complaintsDesk(retention, 1);
    for (int i = 0; i < 6; i++) {
      String id = "k" + i;
      centre.advanceSeconds(60);
      workedToFeedback(centre, id);
      assertThat(step(centre, id, Complaint.Step.CLOSE, "clerk", null, null, null))
          .isInstanceOf(Decision.Applied.class);
    }
    centre.advanceSeconds(60);
    centre.notReady("clerk", "paperwork");
    open(centre, "k-open");
    return centre;
  }

  @Test
  void closedCasesBeyondTheRetentionAreForgottenEarliestClosedFirst() {
    Centre centre = closedCases(SMALL);
    RoutingDomain d = centre.domain;

    assertThat(d.complaints(centre.now, false, false)).extracting(CaseView::id)
        .containsExactly("k-open", "k3", "k4", "k5");
    assertThat(d.complaints(centre.now, true, false)).extracting(CaseView::id).containsExactly("k-open");
    assertThat(d.complaint("k0", centre.now)).isEmpty();
    assertThat(d.complaint("k5", centre.now)).get().extracting(CaseView::stage).isEqualTo(Complaint.Stage.CLOSED);
    Decision.Refused gone = centre.refused(new Command.AdvanceComplaint("supervisor", "k0", Complaint.Step.CLOSE,
        null, null, null, null, null, null, null));
    assertThat(gone.reason()).isEqualTo(Refusal.NOT_FOUND);
    assertThat(gone.detail()).contains("newest 3 closed");

    // Every closed case scheduled a return visit; due, each leaves the schedule for the queue.
    assertThat(d.followUps()).hasSize(6);
    centre.runTimersUntil(centre.now + 3 * 3600_000L);
    assertThat(d.followUps()).as("return visits leave memory when due").isEmpty();
    assertThat(d.contact("k5-rv", centre.now)).get().extracting(ContactView::status)
        .isEqualTo(ContactStatus.QUEUED);
    assertThat(d.snapshot().retired()).as("ended work items, newest 5").hasSize(5);

    sameStateAfterReplayAndRestore(centre, SMALL);
  }

  @Test
  void aSnapshotOfManyClosedCasesRestoresToTheSmallerRetention() {
    Centre small = closedCases(SMALL);
    Centre roomy = closedCases(Retention.DEFAULTS);
    assertThat(roomy.journal).isEqualTo(small.journal);
    assertThat(roomy.domain.complaints(roomy.now, false, false)).hasSize(7);
    RoutingDomain shrunk = RoutingDomain.restore(roomy.domain.snapshot(), MatcherKind.LINEAR, SMALL);
    assertThat(shrunk.snapshot()).isEqualTo(small.domain.snapshot());
  }

  @Test
  void casesClosedInTheSameMillisecondAreForgottenInIdOrder() {
    Centre centre = complaintsDesk(new Retention(5, 1), 2);
    for (String id : List.of("kb", "ka")) {
      workedToFeedback(centre, id);
    }
    step(centre, "kb", Complaint.Step.CLOSE, "clerk", null, null, null);
    step(centre, "ka", Complaint.Step.CLOSE, "clerk", null, null, null); // same now: ranked by id
    assertThat(centre.domain.complaints(centre.now, false, false)).extracting(CaseView::id).containsExactly("kb");
    sameStateAfterReplayAndRestore(centre, new Retention(5, 1));
  }

  @Test
  void aRetentionKeepsAtLeastOneOfEach() {
    assertThatThrownBy(() -> new Retention(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Retention(10, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ replay and snapshots

  /**
   * The live domain, its journal replayed into fresh domains (both matchers), and its snapshot
   * through the stored format and back: all the same state, and the same as restoring the replay.
   */
  private static void sameStateAfterReplayAndRestore(Centre centre, Retention retention) {
    DomainSnapshot live = centre.domain.snapshot();
    List<RoutingDomain> replays = new ArrayList<>();
    for (MatcherKind kind : MatcherKind.values()) {
      RoutingDomain replayed = new RoutingDomain(kind, retention);
      centre.journal.forEach(replayed::apply);
      replayed.checkInvariants();
      replays.add(replayed);
      assertThat(replayed.snapshot()).as("replayed into %s", kind).isEqualTo(live);
    }
    DomainSnapshot stored = SnapshotFormat.decode(SnapshotFormat.encode(live));
    assertThat(stored).isEqualTo(live);
    for (MatcherKind kind : MatcherKind.values()) {
      RoutingDomain restored = RoutingDomain.restore(stored, kind, retention);
      assertThat(restored.snapshot()).as("restored into %s", kind).isEqualTo(live);
      assertThat(restored.complaints(centre.now, false, false))
          .isEqualTo(centre.domain.complaints(centre.now, false, false));
    }
    assertThat(centre.reference.snapshot()).as("the linear reference domain").isEqualTo(live);
  }
}
