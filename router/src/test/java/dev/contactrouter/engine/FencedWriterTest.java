package dev.contactrouter.engine;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.core.AgentProfile;
import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Command;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.MemoryJournal;
import dev.contactrouter.store.MemoryTimerStore;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A writer whose domain was taken over (another node took the lease and moved the epoch on)
 * writes nothing more: its next command is refused with 503, it tells its owner, and the new
 * writer carries on from exactly what the journal holds.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FencedWriterTest {
  private static final String DOMAIN = "fenced";

  @Test
  void aWriterTakenOverWritesNothingAndTellsItsOwner(Vertx vertx) throws Exception {
    MemoryJournal journal = new MemoryJournal();
    await(journal.open(DOMAIN));
    JournalHead first = await(journal.acquire(DOMAIN, "n1", 60_000)).orElseThrow();
    CountDownLatch fenced = new CountDownLatch(1);
    DomainClient client = new DomainClient(vertx, 2_000);
    String old = await(vertx.deployVerticle(new DomainVerticle(DOMAIN, journal,
        new MemoryTimerStore(vertx, System::currentTimeMillis), System::currentTimeMillis,
        new WriterOptions(2_000, 1_000, 0), first.epoch(), fenced::countDown)));
    await(client.command(DOMAIN, agent("a1")));

    // n2 takes the domain over (n1's lease ran out while it was frozen, say).
    await(journal.release(DOMAIN, "n1", first.epoch()));
    JournalHead second = await(journal.acquire(DOMAIN, "n2", 60_000)).orElseThrow();
    long seqAtTakeover = await(journal.head(DOMAIN)).seq();

    assertThatThrownBy(() -> await(client.command(DOMAIN, agent("a2"))))
        .hasCauseInstanceOf(DomainUnavailable.class);
    assertThat(fenced.await(10, TimeUnit.SECONDS)).as("the old writer tells its owner").isTrue();
    assertThat(await(journal.head(DOMAIN)).seq()).as("nothing written after the takeover").isEqualTo(seqAtTakeover);
    await(vertx.undeploy(old));

    // A writer at the new epoch rebuilds from the journal and takes commands.
    await(vertx.deployVerticle(new DomainVerticle(DOMAIN, journal, new MemoryTimerStore(vertx, System::currentTimeMillis),
        System::currentTimeMillis, new WriterOptions(2_000, 1_000, 0), second.epoch(), () -> { })));
    await(client.command(DOMAIN, agent("a2")));
    assertThat(await(client.ask(DOMAIN, new DomainQuery.AgentQuery("a1")))).isPresent();
    assertThat(await(journal.head(DOMAIN)).epoch()).isEqualTo(second.epoch());

    // A writer started under a stale epoch refuses to start at all.
    assertThatThrownBy(() -> await(vertx.deployVerticle(new DomainVerticle(DOMAIN, journal,
        new MemoryTimerStore(vertx, System::currentTimeMillis), System::currentTimeMillis,
        new WriterOptions(2_000, 1_000, 0), first.epoch(), () -> { }))))
        .hasMessageContaining("moved on");
  }

  private static Command agent(String id) {
    return new Command.ConfigureAgent("admin", new AgentProfile(id, null, Map.of(), null, null, null, null));
  }
}
