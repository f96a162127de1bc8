package dev.contactrouter.engine;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.AgentProfile;
import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.Reconciler;
import dev.contactrouter.store.JournalEntry;
import dev.contactrouter.store.MemoryJournal;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A timer store that loses every timer: without the reconciler an offer would ring forever and
 * its agent would never be told. With it, the offer times out a little late, by the reconciler's
 * hand, and the journal says so.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ReconcilerTest {
  private static final String DOMAIN = "reconcile";

  @Test
  void anOfferWhoseTimerWasLostTimesOutByTheReconcilersHand(Vertx vertx) throws Exception {
    MemoryJournal journal = new MemoryJournal();
    DomainClient client = new DomainClient(vertx, 2_000);
    DomainVerticle writer = new DomainVerticle(DOMAIN, journal, new DeafTimerStore(), System::currentTimeMillis,
        new WriterOptions(2_000, 3_000, 0, 200, 100, 0));
    await(vertx.deployVerticle(writer));
    QueueSpec queue =
        new QueueSpec("stocks", null, Channel.VOICE, Map.of(), null, Set.of(), 10, 0.5, 1, 0, 180, null, null, null);
    await(client.command(DOMAIN, new Command.ConfigureQueue("admin", queue)));
    await(client.command(DOMAIN, new Command.ConfigureAgent("admin", new AgentProfile("a1", null, Map.of(), null, null, null, null))));
    await(client.command(DOMAIN, new Command.SetAgentStatus("agent:a1", "a1", AgentStatus.AVAILABLE, null)));
    Outcome.Applied created =
        await(client.command(DOMAIN, new Command.CreateContact("telephony", ContactSpec.of("c1", Channel.VOICE, "stocks"))));
    JsonObject offered = ViewJson.reply(created.reply(), created.now());
    assertThat(offered.getString("status")).isEqualTo("offered");

    long until = System.currentTimeMillis() + 10_000;
    JsonObject contact;
    do {
      Thread.sleep(100);
      AsOf<ContactView> found = await(client.ask(DOMAIN, new DomainQuery.ContactQuery("c1"))).orElseThrow();
      contact = ViewJson.contact(found.value(), found.now());
    } while (!"queued".equals(contact.getString("status")) && System.currentTimeMillis() < until);
    assertThat(contact.getString("status")).as("the lost offer timer was repaired").isEqualTo("queued");
    JsonObject agent = ViewJson.agent(await(client.ask(DOMAIN, new DomainQuery.AgentQuery("a1"))).orElseThrow());
    assertThat(agent.getString("status")).isEqualTo("not_ready");
    assertThat(agent.getString("reason")).isEqualTo("missed-offer");

    List<JournalEntry> entries = await(journal.read(DOMAIN, 0, 1_000));
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.recorded().actor()).isEqualTo(Reconciler.ACTOR);
      assertThat(e.recorded().event()).isInstanceOf(dev.contactrouter.core.Event.OfferTimedOut.class);
    });
    JournalEntry repair = entries.stream().filter(e -> Reconciler.ACTOR.equals(e.recorded().actor())).findFirst()
        .orElseThrow();
    JournalEntry offer = entries.stream()
        .filter(e -> e.recorded().event() instanceof dev.contactrouter.core.Event.OfferMade).findFirst().orElseThrow();
    assertThat(Instant.ofEpochMilli(repair.recorded().at()))
        .as("repaired after the offer's expiry plus the grace, not before")
        .isAfterOrEqualTo(Instant.ofEpochMilli(offer.recorded().at() + 1_000 + 100));
  }
}
