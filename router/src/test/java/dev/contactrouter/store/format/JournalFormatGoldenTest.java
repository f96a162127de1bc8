package dev.contactrouter.store.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.CalendarSpec;
import dev.contactrouter.core.Catalogue;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.Complaint;
import dev.contactrouter.core.ContactStatus;
import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.MatcherKind;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.RouteStage;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.core.SlaPolicy;
import dev.contactrouter.core.Timers;
import dev.contactrouter.store.CustomerKey;
import dev.contactrouter.store.DueTimer;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.RedisTimerStore;
import dev.contactrouter.store.StoredEvent;
import dev.contactrouter.store.StoredSnapshot;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The stored formats against their golden files ({@code src/test/resources/journal-format/}),
 * which the engine wrote before the formats had their own codec and which must never change.
 * Two directions: today's readers decode every golden file into the values it was written from
 * (compared with the literals of {@link GoldenEvents} and {@link GoldenSnapshot}, not with a
 * round trip, so a field renamed in both encoder and decoder fails here), and today's encoders
 * write those values byte for byte as the golden file of their current format holds them.
 */
class JournalFormatGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/journal-format");

  // ------------------------------------------------------------- events, format 1

  @Test
  void theGoldenJournalDecodesToTheEventsItWasWrittenFrom() throws IOException {
    List<StoredEvent> rows = goldenJournal("events-v1.ndjson");
    List<Recorded> expected = GoldenEvents.events();
    assertThat(rows).hasSameSizeAs(expected);
    for (int i = 0; i < rows.size(); i++) {
      StoredEvent row = rows.get(i);
      Recorded want = expected.get(i);
      assertThat(row.seq()).isEqualTo(i + 1);
      assertThat(row.recorded()).as("event %d decoded from %s", row.seq(), row.payload()).isEqualTo(want);
      // The lookup columns the journal derived from the event, then and now.
      assertThat(row.type()).as("type of event %d", row.seq()).isEqualTo(EventFormat.type(want.event()));
      assertThat(row.contactId()).isEqualTo(want.event().contactId());
      assertThat(row.agentId()).isEqualTo(want.event().agentId());
    }

    // A few fields spelled out, where a format is easiest to get wrong.
    StoredEvent callRow = row(rows, e -> e instanceof Event.ContactQueued q && q.contactId().equals("c-1"));
    Event.ContactQueued call = (Event.ContactQueued) callRow.recorded().event();
    assertThat(call.contact().customer().name()).isEqualTo("王芳 😀");
    assertThat(call.contact().attributes()).containsEntry("note", "quote \" backslash \\ newline \n tab \t end");
    assertThat(call.contact().idempotencyKey()).isEqualTo("idem-1");
    assertThat(callRow.customerId()).isEqualTo("cust-1");
    StoredEvent chatRow = row(rows, e -> e instanceof Event.ContactQueued q && q.contactId().equals("c-2"));
    Event.ContactQueued chat = (Event.ContactQueued) chatRow.recorded().event();
    assertThat(chat.contact().attributes()).isEmpty();
    assertThat(chat.contact().customer().id()).isNull();
    assertThat(chatRow.customerId()).isNull();
    Event.AgentConfigured plain = (Event.AgentConfigured) row(rows,
        e -> e instanceof Event.AgentConfigured a && a.agentId().equals("a-2")).recorded().event();
    assertThat(plain.agent().capacity()).containsEntry(Channel.CHAT, 3);
    Event.AgentConfigured trainee = (Event.AgentConfigured) row(rows,
        e -> e instanceof Event.AgentConfigured a && a.agentId().equals("a-3")).recorded().event();
    assertThat(trainee.agent().capacity()).isEmpty();
    StoredEvent wrapUpRow = row(rows,
        e -> e instanceof Event.AgentStatusChanged c && c.status() == AgentStatus.WRAP_UP);
    assertThat(((Event.AgentStatusChanged) wrapUpRow.recorded().event()).until()).isEqualTo(GoldenEvents.at(165) + 7);
    assertThat(wrapUpRow.payload()).contains("\"until\":\"2025-01-06T09:02:45.007Z\"");
  }

  @Test
  void theGoldenJournalsHashChainVerifies() throws IOException {
    List<StoredEvent> rows = goldenJournal("events-v1.ndjson");
    StoredEvent last = rows.get(rows.size() - 1);
    JournalVerifier.Report report = verify(rows, last);
    assertThat(report.intact()).as("%s", report).isTrue();
    assertThat(report.checked()).isEqualTo(rows.size());
    assertThat(report.lastHash()).isEqualTo(last.hash());

    // And the check can fail: one character of one stored payload changed breaks the chain there.
    List<StoredEvent> edited = new ArrayList<>(rows);
    StoredEvent e = row(rows, event -> event instanceof Event.SlaBreached b && b.point() == 3);
    edited.set((int) e.seq() - 1, new StoredEvent(e.domain(), e.seq(), e.at(), e.actor(), e.type(), e.contactId(),
        e.agentId(), e.customerId(), e.payload().replace("\"point\":3", "\"point\":4"), e.prevHash(), e.hash()));
    JournalVerifier.Report broken = verify(edited, last);
    assertThat(broken.intact()).isFalse();
    assertThat(broken.brokenAt()).isEqualTo(e.seq());
  }

  @Test
  void eventsAreWrittenAsTheGoldenJournalOfTheCurrentFormatHoldsThem() throws IOException {
    String name = "events-v" + EventFormat.VERSION + ".ndjson";
    List<String> golden = goldenLines(name, "EventFormat", EventFormat.VERSION);
    List<String> written = WriteGoldenFiles.events().lines().toList();
    assertThat(written).hasSameSizeAs(golden);
    for (int i = 0; i < golden.size(); i++) {
      if (!written.get(i).equals(golden.get(i))) {
        JsonObject want = new JsonObject(golden.get(i));
        JsonObject got = new JsonObject(written.get(i));
        fail(changed("EventFormat", EventFormat.VERSION, name, "event " + (i + 1) + " (" + want.getString("type") + ")",
            want.getString("payload"), got.getString("payload")));
      }
    }
  }

  // ------------------------------------------------------------- events, format 1, revision 2

  /**
   * What format 1 gained later without writing any earlier value differently (new kinds of event,
   * fields written only when set): its own golden file, never edited either, decoded and encoded
   * to the byte like the first.
   */
  @Test
  void theSecondRevisionOfFormatOneDecodesVerifiesAndEncodesAsItsGoldenFileHoldsIt() throws IOException {
    List<StoredEvent> rows = goldenJournal("events-v1-r2.ndjson");
    List<Recorded> expected = GoldenEvents.revision2();
    assertThat(rows).hasSameSizeAs(expected);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).recorded()).as("event %d decoded from %s", i + 1, rows.get(i).payload())
          .isEqualTo(expected.get(i));
    }
    Event.ContactQueued call = (Event.ContactQueued) row(rows,
        e -> e instanceof Event.ContactQueued q && q.contactId().equals("c-call")).recorded().event();
    assertThat(call.contact().call().callId()).isEqualTo("a84b4c76e66710@pc33.example.com");
    assertThat(call.contact().call().caller()).isEqualTo("+86 138 0013 8000");
    Event.OfferMade offer = (Event.OfferMade) row(rows, e -> e instanceof Event.OfferMade).recorded().event();
    assertThat(offer.device()).containsEntry("sip", "sip:1009@127.0.0.1:5071;transport=udp");
    StoredEvent last = rows.get(rows.size() - 1);
    assertThat(verify(rows, last).intact()).isTrue();
    List<String> golden = goldenLines("events-v1-r2.ndjson", "EventFormat", EventFormat.VERSION);
    List<String> written = WriteGoldenFiles.events(GoldenEvents.revision2()).lines().toList();
    assertThat(written).hasSameSizeAs(golden);
    for (int i = 0; i < golden.size(); i++) {
      if (!written.get(i).equals(golden.get(i))) {
        JsonObject want = new JsonObject(golden.get(i));
        fail(changed("EventFormat", EventFormat.VERSION, "events-v1-r2.ndjson", "event " + (i + 1) + " ("
            + want.getString("type") + ")", want.getString("payload"), new JsonObject(written.get(i)).getString("payload")));
      }
    }
  }

  /** Revision 3: refused sign-ins, for the audit trail. */
  @Test
  void theThirdRevisionOfFormatOneDecodesVerifiesAndEncodesAsItsGoldenFileHoldsIt() throws IOException {
    revision("events-v1-r3.ndjson", GoldenEvents.revision3());
  }

  /** Revision 4: webhooks, secrets included. */
  @Test
  void theFourthRevisionOfFormatOneDecodesVerifiesAndEncodesAsItsGoldenFileHoldsIt() throws IOException {
    List<StoredEvent> rows = revision("events-v1-r4.ndjson", GoldenEvents.revision4());
    assertThat(((Event.WebhookConfigured) rows.get(0).recorded().event()).webhook().secret())
        .isEqualTo("s3cret-0123456789-密钥");
  }

  /** Revision 5: an agent's counter label, for the branch board; written only when set. */
  @Test
  void theFifthRevisionOfFormatOneDecodesVerifiesAndEncodesAsItsGoldenFileHoldsIt() throws IOException {
    List<StoredEvent> rows = revision("events-v1-r5.ndjson", GoldenEvents.revision5());
    assertThat(((Event.AgentConfigured) rows.get(0).recorded().event()).agent().counter()).isEqualTo("3号窗口 \"VIP\"");
    assertThat(((Event.AgentConfigured) rows.get(1).recorded().event()).agent().counter()).isNull();
    assertThat(rows.get(1).payload()).doesNotContain("counter");
  }

  /** Revision 6: the sms channel on a queue, an agent's capacity and a contact. */
  @Test
  void theSixthRevisionOfFormatOneDecodesVerifiesAndEncodesAsItsGoldenFileHoldsIt() throws IOException {
    List<StoredEvent> rows = revision("events-v1-r6.ndjson", GoldenEvents.revision6());
    assertThat(((Event.AgentConfigured) rows.get(1).recorded().event()).agent().capacity())
        .containsEntry(Channel.SMS, 4).containsEntry(Channel.CHAT, 2);
    assertThat(rows.get(2).payload()).contains("\"channel\":\"sms\"");
  }

  /** Revision 7: a contact marked major, with and without a reason. */
  @Test
  void theSeventhRevisionOfFormatOneDecodesVerifiesAndEncodesAsItsGoldenFileHoldsIt() throws IOException {
    List<StoredEvent> rows = revision("events-v1-r7.ndjson", GoldenEvents.revision7());
    assertThat(rows.get(0).contactId()).isEqualTo("c-9");
    assertThat(rows.get(1).payload()).doesNotContain("reason");
  }

  /** Revision 8: a queue serving a service stage, and contacts advanced through the stages, handed off once. */
  @Test
  void theEighthRevisionOfFormatOneDecodesVerifiesAndEncodesAsItsGoldenFileHoldsIt() throws IOException {
    List<StoredEvent> rows = revision("events-v1-r8.ndjson", GoldenEvents.revision8());
    assertThat(rows.get(0).payload()).contains("\"stage\":\"settlement\"");
    assertThat(rows.get(1).contactId()).isEqualTo("c-9");
    assertThat(rows.get(1).payload()).doesNotContain("toQueue");
    assertThat(rows.get(3).payload()).contains("\"toQueue\":\"settlement\"");
  }

  /** Revision 9: account-opening rules and cases, with and without their optional fields. */
  @Test
  void theNinthRevisionOfFormatOneDecodesVerifiesAndEncodesAsItsGoldenFileHoldsIt() throws IOException {
    List<StoredEvent> rows = revision("events-v1-r9.ndjson", GoldenEvents.revision9());
    assertThat(rows.get(1).payload()).doesNotContain("sourceContactId");
    assertThat(rows.get(4).payload()).doesNotContain("note").doesNotContain("workContactId").contains("workingDays");
  }

  /** Revision 10: catalogues (an inactive entry, one kind back to free text) and a reopened complaint. */
  @Test
  void theTenthRevisionOfFormatOneDecodesVerifiesAndEncodesAsItsGoldenFileHoldsIt() throws IOException {
    List<StoredEvent> rows = revision("events-v1-r10.ndjson", GoldenEvents.revision10());
    assertThat(rows.get(0).payload()).contains("\"active\":false");
    assertThat(rows.get(1).payload()).contains("\"entries\":[]");
    assertThat(rows.get(2).payload()).contains("\"step\":\"reopen\"");
  }

  /** Revision 11: contacts released from a compliance hold, with and without a re-assessed risk level. */
  @Test
  void theEleventhRevisionOfFormatOneDecodesVerifiesAndEncodesAsItsGoldenFileHoldsIt() throws IOException {
    List<StoredEvent> rows = revision("events-v1-r11.ndjson", GoldenEvents.revision11());
    assertThat(rows.get(0).contactId()).isEqualTo("c-11");
    assertThat(rows.get(1).payload()).doesNotContain("customerRiskLevel");
  }

  /**
   * Revision 12: personal fields sealed with each customer's data key. With the keys the events
   * decode to what they were written from; without a key (destroyed by an erasure) its sealed
   * fields read as erased and every routing fact stays; the chain verifies either way, and no
   * personal value is in the file in clear.
   */
  @Test
  void theTwelfthRevisionSealsPersonalFieldsThatOpenWithTheirKeyAndReadAsErasedWithout() throws IOException {
    List<Recorded> expected = GoldenEvents.revision12();
    List<StoredEvent> rows = sealedGolden("events-v1-r12.ndjson", expected, GoldenEvents.revision12Keys());

    String file = Files.readString(DIR.resolve("events-v1-r12.ndjson"), StandardCharsets.UTF_8);
    for (String personal : List.of("cust-12", "赵敏", "Zhao Min", "6222 0000 1111", "fund", "139 0000 1212",
        "13900001212", "cust-2", "Jo Smith", "fees were wrong")) {
      assertThat(file).as("personal value in clear").doesNotContain(personal);
    }
    // The contact's lookup column holds the key's id, not the customer's.
    assertThat(rows.get(0).customerId()).isEqualTo(GoldenEvents.KEY_ZHAO.id());
    assertThat(rows.get(0).sealedWith()).isEqualTo(GoldenEvents.KEY_ZHAO.id());
    assertThat(rows.get(4).payload()).as("nothing personal set: nothing sealed").doesNotContain("sealed");

    // The keys destroyed: personal fields read as erased, routing facts as they were.
    Event.ContactQueued erased = (Event.ContactQueued) rows.get(0).recorded().event();
    Event.ContactQueued clear = (Event.ContactQueued) expected.get(0).event();
    assertThat(erased.contact().customer().name()).isEqualTo(Sealing.ERASED);
    assertThat(erased.contact().customer().id()).isEqualTo("erased:" + GoldenEvents.KEY_ZHAO.id());
    assertThat(erased.contact().attributes()).isEmpty();
    assertThat(erased.contact().call().caller()).isEqualTo(Sealing.ERASED);
    assertThat(erased.contact().call().callId()).isEqualTo(clear.contact().call().callId());
    assertThat(erased.contact().call().dialled()).isEqualTo("95555");
    assertThat(erased.contact().customer().tier()).isEqualTo("gold");
    assertThat(erased.contact().customer().riskLevel()).isEqualTo(4);
    assertThat(erased.contact().queue()).isEqualTo("sales");
    assertThat(erased.contact().skills()).isEqualTo(clear.contact().skills());
    assertThat(erased.contact().priority()).isEqualTo(5);
    assertThat(erased.contact().requiredLicences()).isEqualTo(clear.contact().requiredLicences());
    assertThat(((Event.ContactCompleted) rows.get(1).recorded().event()).notes()).isEqualTo(Sealing.ERASED);
    assertThat(((Event.ContactCompleted) rows.get(1).recorded().event()).disposition()).isEqualTo("sale");
    assertThat(((Event.CallbackRequested) rows.get(2).recorded().event()).number()).isEqualTo(Sealing.ERASED);
    Event.CaseOpened kase = (Event.CaseOpened) rows.get(3).recorded(Map.of(GoldenEvents.KEY_ZHAO.id(),
        GoldenEvents.KEY_ZHAO.secret())::get).event();
    assertThat(kase.summary()).isEqualTo(Sealing.ERASED);
    assertThat(kase.customer().name()).isEqualTo(Sealing.ERASED);
    assertThat(kase.kind()).isEqualTo(Complaint.Kind.BUSINESS_OPERATION);
    assertThat(rows.get(5).recorded().event())
        .isEqualTo(new Event.PersonalDataErased(List.of("k-golden-smith"), "PIPL art. 47 request R-2025-01"));

    // The same event sealed again at the same place is the same bytes (the IV is synthetic).
    StoredEvent once = StoredEvent.of(GoldenEvents.DOMAIN, 1, expected.get(0), rows.get(0).prevHash(), GoldenEvents.KEY_ZHAO);
    StoredEvent twice = StoredEvent.of(GoldenEvents.DOMAIN, 1, expected.get(0), rows.get(0).prevHash(), GoldenEvents.KEY_ZHAO);
    assertThat(twice).isEqualTo(once);
    assertThat(once.payload()).isEqualTo(rows.get(0).payload());

    // A wrong key does not open a sealed block (and a block moved to another event would not either).
    byte[] wrong = GoldenEvents.KEY_SMITH.secret();
    assertThatThrownBy(() -> rows.get(0).recorded(id -> wrong)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Revision 13: staff free text on a customer's contact (a major contact's reason, a hold
   * release's reason) sealed with that customer's key; without the key it reads as erased and the
   * rest of the event stays; revision 12's file still reads (the check above).
   */
  @Test
  void theThirteenthRevisionSealsStaffFreeTextOnACustomersContact() throws IOException {
    List<Recorded> expected = GoldenEvents.revision13();
    List<StoredEvent> rows = sealedGolden("events-v1-r13.ndjson", expected, GoldenEvents.revision13Keys());
    String file = Files.readString(DIR.resolve("events-v1-r13.ndjson"), StandardCharsets.UTF_8);
    for (String personal : List.of("赵敏", "CSRC", "fees", "Zhao Min", "re-assessed by phone")) {
      assertThat(file).as("staff free text in clear").doesNotContain(personal);
    }
    assertThat(rows.get(2).payload()).as("no key: in clear").contains("an agent now holds a valid mortgage licence");
    assertThat(rows.get(3).payload()).as("no reason: nothing sealed").doesNotContain("sealed");

    Event.ContactMarkedMajor major = (Event.ContactMarkedMajor) rows.get(0).recorded().event();
    assertThat(major.reason()).isEqualTo(Sealing.ERASED);
    assertThat(major.priorityBoost()).isEqualTo(30);
    Event.ContactReleased released = (Event.ContactReleased) rows.get(1).recorded().event();
    Event.ContactReleased clear = (Event.ContactReleased) expected.get(1).event();
    assertThat(released.reason()).isEqualTo(Sealing.ERASED);
    assertThat(released).isEqualTo(new Event.ContactReleased(clear.contactId(), clear.queue(), clear.customerRiskLevel(),
        Sealing.ERASED, clear.licences(), clear.reasons()));
    assertThat(((Event.ContactMarkedMajor) rows.get(3).recorded().event()).reason()).isNull();
  }

  /**
   * A later revision's golden file (format 1): it decodes to {@code expected}, event for event, its
   * chain verifies, and today's encoder writes the same lines byte for byte. Its rows, for the
   * revision's own checks.
   */
  private static List<StoredEvent> revision(String file, List<Recorded> expected) throws IOException {
    List<StoredEvent> rows = goldenJournal(file);
    assertThat(rows).hasSameSizeAs(expected);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).recorded()).as("event %d decoded from %s", i + 1, rows.get(i).payload())
          .isEqualTo(expected.get(i));
    }
    assertThat(verify(rows, rows.get(rows.size() - 1)).intact()).isTrue();
    assertThat(WriteGoldenFiles.events(expected).lines().toList())
        .isEqualTo(goldenLines(file, "EventFormat", EventFormat.VERSION));
    return rows;
  }

  @Test
  void theGoldenJournalHoldsEveryKindOfEventAndEveryEnumValueEventsCarry() {
    List<Recorded> events = new ArrayList<>(GoldenEvents.events());
    events.addAll(GoldenEvents.revision2());
    events.addAll(GoldenEvents.revision3());
    events.addAll(GoldenEvents.revision4());
    events.addAll(GoldenEvents.revision5());
    events.addAll(GoldenEvents.revision6());
    events.addAll(GoldenEvents.revision7());
    events.addAll(GoldenEvents.revision8());
    events.addAll(GoldenEvents.revision9());
    events.addAll(GoldenEvents.revision10());
    events.addAll(GoldenEvents.revision11());
    events.addAll(GoldenEvents.revision12());
    Set<Class<?>> kinds = new HashSet<>();
    events.forEach(r -> kinds.add(r.event().getClass()));
    assertThat(kinds)
        .as("a new kind of event needs golden lines: a new revision of the format (see store/format/package-info.java)")
        .containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
    Set<Enum<?>> values = new HashSet<>();
    events.forEach(r -> enums(r.event(), values));
    for (Class<? extends Enum<?>> type : List.of(AgentStatus.class, Channel.class, RouteStage.class,
        CalendarSpec.Treatment.class, SlaPolicy.TimeBasis.class, Complaint.Step.class, Complaint.Stage.class,
        Complaint.Kind.class, Complaint.Severity.class, Catalogue.Kind.class)) {
      assertThat(values).as("values of %s in the golden journal", type.getSimpleName())
          .contains(type.getEnumConstants());
    }
    assertThat(values).contains(SlaPolicy.Action.RAISE_PRIORITY, SlaPolicy.Action.RELAX_SKILLS,
        SlaPolicy.Action.ALERT, SlaPolicy.Action.OVERFLOW);
  }

  // ------------------------------------------------------------- snapshots, format 3

  /** When format 3 stops being read, this becomes a check that it is refused (recovery replays). */
  @Test
  void theGoldenSnapshotDecodesToTheStateItWasWrittenFrom() throws IOException {
    String state = Files.readString(DIR.resolve("snapshot-v3.json"), StandardCharsets.UTF_8);
    assertThat(state).startsWith("{\"format\":3,");
    StoredSnapshot stored = StoredSnapshot.of(GoldenEvents.DOMAIN, GoldenSnapshot.SEQ, 3, GoldenSnapshot.CHAIN_HASH,
        List.of(state));
    assertThat(stored.intact()).isTrue();

    DomainSnapshot decoded = SnapshotFormat.decode(stored.parts());
    assertThat(decoded).isEqualTo(GoldenSnapshot.snapshot());
    assertThat(decoded.contacts()).extracting(DomainSnapshot.Contact::status)
        .as("every contact status").contains(ContactStatus.values());
    assertThat(decoded.agents()).extracting(DomainSnapshot.Agent::status)
        .as("every agent status").contains(AgentStatus.values());
    assertThat(decoded.queues().get(1).sla().interval()).isEqualTo(Long.MIN_VALUE);
    assertThat(decoded.contacts().get(1).priorityKey()).isEqualTo(-1.7361574100000002E12);
    assertThat(decoded.contacts().get(1).sla().pendingOverflow()).isEqualTo("overflow");
    assertThat(decoded.cases().get(1).view().feedbackComment()).isEqualTo("still unhappy 😞");

    // The state is one the core accepts: it restores, and snapshots to the same again.
    for (MatcherKind kind : MatcherKind.values()) {
      assertThat(RoutingDomain.restore(decoded, kind).snapshot()).as("restored with %s", kind).isEqualTo(decoded);
    }
  }

  @Test
  void snapshotsAreWrittenAsTheGoldenSnapshotOfTheCurrentFormatHoldsIt() throws IOException {
    String name = "snapshot-v" + SnapshotFormat.VERSION + ".json";
    Path file = DIR.resolve(name);
    if (!Files.exists(file)) {
      fail(missing("SnapshotFormat", SnapshotFormat.VERSION, name));
    }
    String golden = Files.readString(file, StandardCharsets.UTF_8);
    String written = SnapshotFormat.encode(GoldenSnapshot.snapshot());
    if (!written.equals(golden)) {
      int at = 0;
      while (at < Math.min(golden.length(), written.length()) && golden.charAt(at) == written.charAt(at)) {
        at++;
      }
      fail(changed("SnapshotFormat", SnapshotFormat.VERSION, name, "the snapshot, from character " + at,
          around(golden, at), around(written, at)));
    }
  }

  // ------------------------------------------------------------- timers, format 1

  @Test
  void theGoldenTimersDecodeToTheCommandsTheyWereWrittenFrom() throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve("timers-v1.ndjson"), StandardCharsets.UTF_8);
    List<Timers.Timer> expected = GoldenEvents.timers();
    assertThat(lines).hasSameSizeAs(expected);
    for (int i = 0; i < lines.size(); i++) {
      Timers.Timer want = expected.get(i);
      DueTimer due = RedisTimerStore.timer("d", want.key(), lines.get(i));
      assertThat(due.dueAt()).isEqualTo(want.dueAt());
      assertThat(TimerFormat.decode(due.payload())).as("timer %s from %s", want.key(), lines.get(i))
          .isEqualTo(want.command());
    }
    Command.EndWrapUp wrapUp = (Command.EndWrapUp) TimerFormat.decode(
        RedisTimerStore.timer("d", "wrapup:a-1", lines.get(1)).payload());
    assertThat(wrapUp.actor()).isEqualTo(Timers.TIMER_ACTOR);
    assertThat(wrapUp.until()).isEqualTo(GoldenEvents.at(165) + 7);
  }

  @Test
  void timersAreWrittenAsTheGoldenTimersOfTheCurrentFormatHoldThem() throws IOException {
    String name = "timers-v" + TimerFormat.VERSION + ".ndjson";
    List<String> golden = goldenLines(name, "TimerFormat", TimerFormat.VERSION);
    List<Timers.Timer> timers = GoldenEvents.timers();
    assertThat(timers).hasSameSizeAs(golden);
    for (int i = 0; i < golden.size(); i++) {
      String written = RedisTimerStore.entry(timers.get(i).dueAt(), TimerFormat.encode(timers.get(i).command()));
      if (!written.equals(golden.get(i))) {
        fail(changed("TimerFormat", TimerFormat.VERSION, name, "timer " + timers.get(i).key(), golden.get(i), written));
      }
    }
  }

  @Test
  void theGoldenTimersHoldEveryCommandATimerCarries() {
    Set<Class<?>> kinds = new HashSet<>();
    Set<Enum<?>> values = new HashSet<>();
    GoldenEvents.timers().forEach(t -> {
      kinds.add(t.command().getClass());
      enums(t.command(), values);
    });
    assertThat(kinds).containsExactlyInAnyOrder(Command.ExpireOffer.class, Command.EndWrapUp.class,
        Command.ReachSlaPoint.class, Command.WidenRouting.class, Command.StartFollowUp.class,
        Command.ReachCaseDeadline.class);
    assertThat(values).contains(RouteStage.values()).contains(Complaint.Stage.values());
    assertThatThrownBy(() -> TimerFormat.encode(new Command.AbandonContact("timer", "c-1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------- versions

  @Test
  void aFormatNewerThanTheReadersIsRefusedNotMisread() {
    int next = EventFormat.VERSION + 1;
    String abandoned = "{\"format\":" + next + ",\"type\":\"contact_abandoned\",\"contactId\":\"c\"}";
    assertThatThrownBy(() -> EventFormat.decode(abandoned))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event format " + next);
    int nextTimer = TimerFormat.VERSION + 1;
    assertThatThrownBy(() -> TimerFormat.decode(new JsonObject()
        .put("format", nextTimer).put("actor", "timer").put("type", "expire_offer").put("offerId", "o")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timer format " + nextTimer);
    String state = SnapshotFormat.encode(GoldenSnapshot.snapshot());
    for (int format : List.of(2, SnapshotFormat.VERSION + 1)) {
      assertThatThrownBy(() -> SnapshotFormat.decode(state.replaceFirst("\"format\":3", "\"format\":" + format)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot format " + format);
    }
  }

  // ------------------------------------------------------------- helpers

  /** The stored events of a golden journal file, one a line. */
  /**
   * A sealed revision's golden journal: each event opens with its customer's key to what it was
   * written from, the chain verifies, and today's encoder writes the file again to the byte.
   */
  private static List<StoredEvent> sealedGolden(String name, List<Recorded> expected, List<CustomerKey> keyAtIndex)
      throws IOException {
    List<StoredEvent> rows = goldenJournal(name);
    Map<String, byte[]> keys = Map.of(GoldenEvents.KEY_ZHAO.id(), GoldenEvents.KEY_ZHAO.secret(),
        GoldenEvents.KEY_SMITH.id(), GoldenEvents.KEY_SMITH.secret());
    assertThat(rows).hasSameSizeAs(expected);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).recorded(keys::get)).as("event %d opened with its key", i + 1).isEqualTo(expected.get(i));
    }
    assertThat(verify(rows, rows.get(rows.size() - 1)).intact()).isTrue();
    assertThat(WriteGoldenFiles.events(expected, keyAtIndex).lines().toList())
        .isEqualTo(goldenLines(name, "EventFormat", EventFormat.VERSION));
    return rows;
  }

  private static List<StoredEvent> goldenJournal(String name) throws IOException {
    List<StoredEvent> out = new ArrayList<>();
    for (String line : Files.readAllLines(DIR.resolve(name), StandardCharsets.UTF_8)) {
      JsonObject j = new JsonObject(line);
      out.add(new StoredEvent(j.getString("domain"), j.getLong("seq"), j.getLong("at"), j.getString("actor"),
          j.getString("type"), j.getString("contactId"), j.getString("agentId"), j.getString("customerId"),
          j.getString("payload"), j.getString("prevHash"), j.getString("hash")));
    }
    return out;
  }

  /** The first row whose decoded event matches. */
  private static StoredEvent row(List<StoredEvent> rows, Predicate<Event> which) {
    return rows.stream().filter(r -> which.test(r.recorded().event())).findFirst().orElseThrow();
  }

  private static JournalVerifier.Report verify(List<StoredEvent> rows, StoredEvent last) {
    JournalVerifier.Source source = new JournalVerifier.Source() {
      @Override
      public Future<List<StoredEvent>> page(long afterSeq, int limit) {
        return Future.succeededFuture(rows.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList());
      }

      @Override
      public Future<JournalHead> head() {
        return Future.succeededFuture(new JournalHead(GoldenEvents.DOMAIN, 1, last.seq(), last.hash()));
      }
    };
    try {
      return JournalVerifier.verify(GoldenEvents.DOMAIN, source).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("verification did not finish", e);
    }
  }

  private static List<String> goldenLines(String name, String codec, int version) throws IOException {
    Path file = DIR.resolve(name);
    if (!Files.exists(file)) {
      fail(missing(codec, version, name));
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private static String missing(String codec, int version, String name) {
    return codec + ".VERSION is " + version + " but there is no golden file " + DIR.resolve(name) + ". A new format"
        + " needs its golden files: extend the fixture for it and run WriteGoldenFiles (see"
        + " store/format/package-info.java); the files of the older formats stay as they are.";
  }

  private static String changed(String codec, int version, String name, String what, String golden, String now) {
    return codec + " no longer writes " + what + " as format " + version + " did (" + DIR.resolve(name) + ").\n"
        + "  format " + version + ": " + golden + "\n"
        + "  now:      " + now + "\n"
        + "Stored data is never rewritten, so a change to what is stored is a new format: bump " + codec
        + ".VERSION, keep a reader for format " + version + " (its golden files must still decode), and add golden"
        + " files for the new format with WriteGoldenFiles. Never edit a golden file. See"
        + " store/format/package-info.java.";
  }

  private static String around(String text, int at) {
    return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60));
  }

  /** Every enum value reachable from a record through its components, collections and maps. */
  private static void enums(Object value, Set<Enum<?>> out) {
    if (value instanceof Enum<?> e) {
      out.add(e);
    } else if (value instanceof Collection<?> c) {
      c.forEach(v -> enums(v, out));
    } else if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        enums(k, out);
        enums(v, out);
      });
    } else if (value instanceof Record r) {
      for (RecordComponent component : r.getClass().getRecordComponents()) {
        try {
          enums(component.getAccessor().invoke(r), out);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
  }
}
