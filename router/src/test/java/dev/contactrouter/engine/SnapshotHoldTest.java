package dev.contactrouter.engine;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.MemoryJournal;
import dev.contactrouter.store.MemoryTimerStore;
import dev.contactrouter.store.format.SnapshotFormat;
import dev.contactrouter.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The writer copies its committed state for a snapshot a round at a time, holding back what it
 * commits meanwhile: under a stream of intake every acknowledged contact is read back at once (a
 * read waits for what was held back), the snapshots stored are whole, and a new writer starts
 * from the latest one with every contact. The writer runs as a node deploys it, on its own thread.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SnapshotHoldTest {
  private static final String DOMAIN = "held";
  private static final int CONTACTS = 6_000;
  private static final int WAVE = 200;

  @Test
  void readsDuringSnapshotsSeeEveryAcknowledgedContactAndARestartStartsFromTheLatest(Vertx vertx) {
    MemoryJournal journal = new MemoryJournal();
    DomainClient client = new DomainClient(vertx, 20_000);
    String writer = await(deploy(vertx, journal));
    await(client.command(DOMAIN, new Command.ConfigureQueue("admin",
        new QueueSpec("nobody", null, Channel.VOICE, Map.of(), null, Set.of(), 0, 0.5, 20, 0, 120, null, null, null))));

    int readBack = 0;
    for (int wave = 0; wave < CONTACTS / WAVE; wave++) {
      List<Future<Boolean>> found = new ArrayList<>();
      for (int i = 0; i < WAVE; i++) {
        String id = "c" + (wave * WAVE + i);
        found.add(client.command(DOMAIN, new Command.CreateContact("telephony", ContactSpec.of(id, Channel.VOICE, "nobody")))
            .compose(acked -> client.ask(DOMAIN, new DomainQuery.ContactQuery(id)))
            .map(contact -> contact.isPresent()));
      }
      for (Future<Boolean> f : found) {
        assertThat(await(f)).as("an acknowledged contact is read back at once").isTrue();
        readBack++;
      }
    }
    assertThat(readBack).isEqualTo(CONTACTS);

    // Snapshots are encoded and stored on a worker, paced: a fast run of the intake can end
    // before any but the first (at about ROUND contacts) is stored.
    DomainSnapshot state = Await.until("a snapshot copied over several rounds is stored",
        () -> await(journal.latestSnapshot(DOMAIN)).map(latest -> SnapshotFormat.decode(latest.parts())),
        stored -> stored.isPresent() && stored.get().contacts().size() > Snapshots.ROUND, Duration.ofSeconds(30))
        .orElseThrow();
    assertThat(state.contacts()).extracting(DomainSnapshot.Contact::seq).isSorted();

    await(vertx.undeploy(writer));
    await(deploy(vertx, journal));
    List<Future<Boolean>> afterRestart = new ArrayList<>();
    for (int i = 0; i < CONTACTS; i++) {
      afterRestart.add(client.ask(DOMAIN, new DomainQuery.ContactQuery("c" + i)).map(contact -> contact.isPresent()));
    }
    for (int i = 0; i < CONTACTS; i++) {
      assertThat(await(afterRestart.get(i))).as("c%d after a restart from the snapshot", i).isTrue();
    }
    assertThat(await(JournalVerifier.verify(journal, DOMAIN)).intact()).isTrue();
  }

  private static Future<String> deploy(Vertx vertx, MemoryJournal journal) {
    return vertx.deployVerticle(new DomainVerticle(DOMAIN, journal, new MemoryTimerStore(vertx, System::currentTimeMillis),
        System::currentTimeMillis, new WriterOptions(2_000, 10_000, 100)), DomainVerticle.deployment(DOMAIN, false));
  }
}
