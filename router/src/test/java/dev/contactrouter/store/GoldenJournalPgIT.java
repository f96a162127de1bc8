package dev.contactrouter.store;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.store.format.GoldenEvents;
import dev.contactrouter.store.format.GoldenSnapshot;
import dev.contactrouter.store.format.SnapshotFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A journal an older build left in PostgreSQL, read by this one: the golden journal's rows go in
 * as they are (not through today's encoder), and the PostgreSQL journal reads them back as the
 * events they were written from, verifies their chain, finds them by contact and customer, takes
 * a snapshot of format 3 beside them, and carries the chain on with a new event.
 */
class GoldenJournalPgIT {
  private static final Path DIR = Path.of("src/test/resources/journal-format");
  private static final String DOMAIN = GoldenEvents.DOMAIN;
  @RegisterExtension
  static final OwnDatabase DB = new OwnDatabase("golden");

  @Test
  void aJournalWrittenInFormatOneIsReadVerifiedAndContinued() throws IOException {
    PgJournal journal = await(PgJournal.connect(DB.vertx(), DB.url(), 2, 5_000));
    try {
      await(journal.open(DOMAIN));
      List<JsonObject> rows = new ArrayList<>();
      for (String line : Files.readAllLines(DIR.resolve("events-v1.ndjson"), StandardCharsets.UTF_8)) {
        JsonObject row = new JsonObject(line);
        rows.add(row);
        await(DB.sql().preparedQuery("INSERT INTO journal_events (domain, seq, at, actor, type, contact_id, agent_id,"
                + " customer_id, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            .execute(Tuple.from(List.of(row.getString("domain"), row.getLong("seq"),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(row.getLong("at")), ZoneOffset.UTC),
                row.getString("actor"), row.getString("type")))
                .addValue(row.getString("contactId")).addValue(row.getString("agentId"))
                .addValue(row.getString("customerId")).addValue(row.getString("payload"))
                .addValue(Buffer.buffer(HashChain.bytes(row.getString("prevHash"))))
                .addValue(Buffer.buffer(HashChain.bytes(row.getString("hash"))))));
      }
      JsonObject last = rows.get(rows.size() - 1);
      await(DB.sql().preparedQuery("UPDATE journal_domains SET last_seq = $2, last_hash = $3 WHERE domain = $1")
          .execute(Tuple.of(DOMAIN, last.getLong("seq"), Buffer.buffer(HashChain.bytes(last.getString("hash"))))));

      List<Recorded> read = await(journal.read(DOMAIN, 0, 1000)).stream().map(JournalEntry::recorded).toList();
      assertThat(read).isEqualTo(GoldenEvents.events());
      List<StoredEvent> stored = await(journal.stored(DOMAIN, 0, 1000));
      assertThat(stored).extracting(StoredEvent::payload)
          .as("the stored text, byte for byte").isEqualTo(rows.stream().map(r -> r.getString("payload")).toList());
      JournalVerifier.Report report = await(JournalVerifier.verify(journal, DOMAIN));
      assertThat(report.intact()).as("%s", report).isTrue();
      assertThat(report.lastHash()).isEqualTo(last.getString("hash"));
      assertThat(await(journal.contactEvents(DOMAIN, List.of("c-1"), 1000)))
          .isNotEmpty().allSatisfy(e -> assertThat(e.contactId()).isEqualTo("c-1"));
      assertThat(await(journal.customerContacts(DOMAIN, "cust-1", 10))).contains("c-1");

      String state = Files.readString(DIR.resolve("snapshot-v3.json"), StandardCharsets.UTF_8);
      await(journal.saveSnapshot(
          StoredSnapshot.of(DOMAIN, last.getLong("seq"), 3, last.getString("hash"), List.of(state))));
      StoredSnapshot snapshot = await(journal.latestSnapshot(DOMAIN)).orElseThrow();
      assertThat(snapshot.intact()).isTrue();
      assertThat(SnapshotFormat.decode(snapshot.parts())).isEqualTo(GoldenSnapshot.snapshot());

      // Today's writer carries the old chain on.
      JournalHead head = await(journal.acquire(DOMAIN, "n1", 60_000)).orElseThrow();
      assertThat(head.hash()).isEqualTo(last.getString("hash"));
      Recorded next = new Recorded(GoldenEvents.T0 + 200_000_000L, "telephony", new Event.ContactAbandoned("c-5"));
      await(journal.append(head, List.of(new JournalEntry(DOMAIN, head.seq() + 1, next))));
      JournalVerifier.Report after = await(JournalVerifier.verify(journal, DOMAIN));
      assertThat(after.intact()).as("%s", after).isTrue();
      assertThat(after.checked()).isEqualTo(rows.size() + 1);
    } finally {
      await(journal.close());
    }
  }
}
