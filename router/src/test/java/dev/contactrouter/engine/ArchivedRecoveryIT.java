package dev.contactrouter.engine;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.Call;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.Reply;
import dev.contactrouter.store.ArchiveFile;
import dev.contactrouter.store.StoredEvent;
import dev.contactrouter.store.StoredSnapshot;
import dev.contactrouter.store.format.Sealing;
import dev.contactrouter.store.ArchivePolicy;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.PgArchive;
import dev.contactrouter.store.PgJournal;
import dev.contactrouter.store.TestDatabase;
import dev.contactrouter.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A domain's writer restarts over a PostgreSQL journal whose oldest months were archived, with the
 * archive files out of its reach: it starts from its newest snapshot (archiving never reaches it),
 * replays the live events after it (the events of January to March 2024 are written on a test
 * clock), holds every contact of the archived months, verifies its live chain from the recorded
 * anchor, and goes on taking work. A customer whose contacts arrived in archived and in live months
 * is then erased without a replay: the contacts read erased at once and after another restart (from
 * the snapshot the erasure stored), the whole chain still verifies with the archive files, the
 * archived events themselves no longer open, and another customer's data still reads.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ArchivedRecoveryIT {
  private static final String DOMAIN = "archived";
  private static final Instant JAN = Instant.parse("2024-01-10T08:00:00Z");
  private static final Instant FEB = Instant.parse("2024-02-10T08:00:00Z");
  private static final Instant MAR = Instant.parse("2024-03-10T08:00:00Z");

  @TempDir
  Path archiveDir;

  @TempDir
  Path keptDir;

  @Test
  void aWriterRestartsWithoutTheArchiveOnceItsOldMonthsAreArchived(Vertx vertx) throws IOException {
    try (TestDatabase db = TestDatabase.create(vertx, "recovery")) {
      Pool sql = db.pool();
      PgJournal journal = await(PgJournal.connect(vertx, db.url(), 4, 5_000));
      // The months of old events, as the migration makes them for a journal that already has some.
      for (Instant month : new Instant[] {JAN, FEB, MAR}) {
        await(sql.preparedQuery("SELECT journal_partition($1)").execute(Tuple.of(OffsetDateTime.ofInstant(month, ZoneOffset.UTC))));
      }
      AtomicLong clock = new AtomicLong(JAN.toEpochMilli());
      DomainClient client = new DomainClient(vertx, 5_000);
      String first = await(vertx.deployVerticle(writer(journal, clock)));
      QueueSpec queue =
        new QueueSpec("stocks", null, Channel.VOICE, Map.of(), null, Set.of(), 10, 0.5, 600, 0, 180, null, null, null);
      await(client.command(DOMAIN, new Command.ConfigureQueue("admin", queue)));
      for (int i = 0; i < 12; i++) {
        clock.set((i < 6 ? JAN : FEB).toEpochMilli() + i * 1_000L);
        await(client.command(DOMAIN, new Command.CreateContact("telephony", contact("c" + i))));
      }
      long lastOld = await(journal.head(DOMAIN)).seq();
      for (int i = 12; i < 20; i++) {
        clock.set(MAR.toEpochMilli() + i * 1_000L);
        await(client.command(DOMAIN, new Command.CreateContact("telephony", contact("c" + i))));
      }
      assertThat(await(client.ask(DOMAIN, new DomainQuery.ContactQuery("c0"))).orElseThrow().value().spec().customer().name())
          .isEqualTo(WANG);
      Await.until("a snapshot after the old months", () -> await(journal.latestSnapshot(DOMAIN))
          .map(s -> s.seq() > lastOld).orElse(false), Duration.ofSeconds(20));
      await(vertx.undeploy(first));

      PgArchive.Outcome outcome = await(journal.archive(vertx).archiveDue(archiveDir, new ArchivePolicy(30, Map.of()),
          Instant.now()));
      assertThat(outcome.archived()).containsExactly("journal_events_2024_01", "journal_events_2024_02");
      assertThat(outcome.stopped()).as("March holds the snapshot").contains("journal_events_2024_03", "snapshot");
      assertThat(await(journal.archived(DOMAIN)).seq()).isEqualTo(lastOld);
      await(journal.close());
      // The files go where the engine cannot reach them (it is never told of them anyway).
      Files.move(archiveDir, keptDir.resolve("archive"));
      Path kept = keptDir.resolve("archive");

      // A restart over the same database, archive gone.
      PgJournal again = await(PgJournal.connect(vertx, db.url(), 4, 5_000));
      String second = null;
      try {
        second = await(vertx.deployVerticle(writer(again, clock)));
        for (int i = 0; i < 20; i++) {
          assertThat(await(client.ask(DOMAIN, new DomainQuery.ContactQuery("c" + i)))).as("c%d", i).isPresent();
        }
        assertThat(await(client.ask(DOMAIN, new DomainQuery.StatusQuery())).seq())
            .as("rebuilt to the head").isEqualTo(await(again.head(DOMAIN)).seq());
        JournalVerifier.Report report = await(JournalVerifier.verify(DOMAIN, client.journalSource(DOMAIN)));
        assertThat(report.intact()).as("%s", report).isTrue();
        assertThat(report.checked()).isEqualTo(await(again.head(DOMAIN)).seq() - lastOld);
        await(client.command(DOMAIN, new Command.CreateContact("telephony", contact("after"))));
        assertThat(await(client.ask(DOMAIN, new DomainQuery.ContactQuery("after")))).isPresent();

        // The same customer again in this writer's life: a second data key.
        await(client.command(DOMAIN, new Command.CreateContact("telephony", contact("again", WANG_ID))));

        // Erased with contacts in archived months (c0, c3), live months (c12, c15) and now (again).
        Reply reply = await(client.command(DOMAIN,
            new Command.ErasePersonalData("admin:ops", WANG_ID, null, "customer asked"))).reply();
        assertThat(reply).isEqualTo(new Reply.Erased(2));
        long erasedAt = await(again.head(DOMAIN)).seq();
        assertErased(client, "the writer that erased");
        StoredSnapshot snapshot = await(again.latestSnapshot(DOMAIN)).orElseThrow();
        assertThat(snapshot.seq()).as("the erasure's append stored the state it left").isEqualTo(erasedAt);
        assertThat(String.join("", snapshot.parts()))
            .doesNotContain(WANG, WANG_ID, WANG_MOBILE, WANG_CALLER).contains(LI);
        assertThat(await(sql.query("SELECT count(*) FROM journal_snapshots WHERE domain = '" + DOMAIN + "'").execute())
            .iterator().next().getLong(0)).as("no older snapshot is left").isEqualTo(1L);
        await(client.command(DOMAIN, new Command.CreateContact("telephony", contact("still"))));
      } finally {
        if (second != null) {
          await(vertx.undeploy(second));
        }
        await(again.close());
      }

      // Another restart: from the snapshot the erasure stored, the archive still out of reach.
      PgJournal third = await(PgJournal.connect(vertx, db.url(), 4, 5_000));
      try {
        await(vertx.deployVerticle(writer(third, clock)));
        assertThat(await(client.ask(DOMAIN, new DomainQuery.StatusQuery())).seq())
            .as("rebuilt to the head").isEqualTo(await(third.head(DOMAIN)).seq());
        assertErased(client, "a restarted writer");
        assertThat(await(client.ask(DOMAIN, new DomainQuery.ContactQuery("still")))).isPresent();

        // verify-journal --archive: the whole chain, archive files first, still verifies.
        JournalVerifier.Report whole = await(JournalVerifier.verifyWithArchives(vertx, third, third.archive(vertx),
            DOMAIN, kept));
        assertThat(whole.intact()).as("%s", whole).isTrue();
        assertThat(whole.checked()).isEqualTo(await(third.head(DOMAIN)).seq());

        // The archived months were sealed when written: with the key destroyed they no longer open.
        List<StoredEvent> archived = new ArrayList<>();
        for (PgArchive.Archived a : await(third.archive(vertx).archives(DOMAIN))) {
          try (ArchiveFile.Reader in = new ArchiveFile.Reader(kept.resolve(a.file()))) {
            for (StoredEvent e = in.next(); e != null; e = in.next()) {
              archived.add(e);
            }
          }
        }
        Function<String, byte[]> keys = await(third.keysFor(DOMAIN, archived));
        Map<String, ContactSpec> arrivals = new HashMap<>();
        for (StoredEvent e : archived) {
          assertThat(e.payload()).doesNotContain(WANG, WANG_ID, WANG_MOBILE, WANG_CALLER, LI, LI_ID);
          if (e.recorded(keys).event() instanceof Event.ContactQueued q) {
            arrivals.put(q.contact().id(), q.contact());
          }
        }
        assertThat(arrivals.get("c0").customer().name()).isEqualTo(Sealing.ERASED);
        assertThat(arrivals.get("c0").customer().id()).startsWith("erased:");
        assertThat(arrivals.get("c0").attributes()).isEmpty();
        assertThat(arrivals.get("c0").call().caller()).isEqualTo(Sealing.ERASED);
        assertThat(arrivals.get("c1").customer().name()).as("another customer's archived data").isEqualTo(LI);
        assertThat(arrivals.get("c0").customer().id())
            .as("the archived arrival and the live state name the same erased key")
            .isEqualTo(await(client.ask(DOMAIN, new DomainQuery.ContactQuery("c0"))).orElseThrow().value().spec().customer().id());
      } finally {
        await(third.close());
        await(sql.close());
      }
    }
  }

  private static DomainVerticle writer(PgJournal journal, AtomicLong clock) {
    // No timer fires and no reconciler runs: the state after the restart is exactly what the journal rebuilds.
    return new DomainVerticle(DOMAIN, journal, new DeafTimerStore(), clock::get,
        new WriterOptions(2_000, 3_000, 5, 0, 10_000, 12 * 3_600_000L));
  }

  private static final String WANG = "Wang Archived";
  private static final String WANG_ID = "acct-wang-7731";
  private static final String WANG_MOBILE = "+86 139 0000 1111";
  private static final String WANG_CALLER = "+8613900001111";
  private static final String LI = "Li Kept";
  private static final String LI_ID = "acct-li-2200";

  /** Wang's contacts arrive in January (c0, c3) and March (c12, c15); Li's in January (c1) and March (c13). */
  private static ContactSpec contact(String id) {
    String customer = switch (id) {
      case "c0", "c3", "c12", "c15" -> WANG_ID;
      case "c1", "c13" -> LI_ID;
      default -> null;
    };
    return contact(id, customer);
  }

  private static ContactSpec contact(String id, String customer) {
    if (customer == null) {
      return ContactSpec.of(id, Channel.VOICE, "stocks");
    }
    boolean wang = customer.equals(WANG_ID);
    return new ContactSpec(id, Channel.VOICE, "stocks", Map.of(), 0,
        new Customer(customer, wang ? WANG : LI, "vip", 3), Map.of("mobile", wang ? WANG_MOBILE : "+86 135 0000 2222"),
        null, null, null, null, null, null, null, null,
        new Call("call-" + id, wang ? WANG_CALLER : "+8613500002222", "95555"));
  }

  /** Wang's contacts, archived months or live, read erased; Li's still read. */
  private static void assertErased(DomainClient client, String who) {
    for (String id : List.of("c0", "c3", "c12", "c15", "again")) {
      ContactSpec spec = await(client.ask(DOMAIN, new DomainQuery.ContactQuery(id))).orElseThrow().value().spec();
      assertThat(spec.customer().name()).as("%s: %s", who, id).isEqualTo(Sealing.ERASED);
      assertThat(spec.customer().id()).as("%s: %s", who, id).startsWith("erased:k-");
      assertThat(spec.customer().tier()).as("%s: %s keeps its routing facts", who, id).isEqualTo("vip");
      assertThat(spec.attributes()).as("%s: %s", who, id).isEmpty();
      assertThat(spec.call().caller()).as("%s: %s", who, id).isEqualTo(Sealing.ERASED);
    }
    for (String id : List.of("c1", "c13")) {
      ContactSpec spec = await(client.ask(DOMAIN, new DomainQuery.ContactQuery(id))).orElseThrow().value().spec();
      assertThat(spec.customer().name()).as("%s: %s", who, id).isEqualTo(LI);
      assertThat(spec.customer().id()).as("%s: %s", who, id).isEqualTo(LI_ID);
    }
    assertThat(await(client.ask(DOMAIN, new DomainQuery.CustomerContactsQuery(WANG_ID))).value()).as(who).isEmpty();
  }
}
