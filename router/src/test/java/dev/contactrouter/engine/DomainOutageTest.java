package dev.contactrouter.engine;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.AgentProfile;
import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.AgentView;
import dev.contactrouter.core.CategorySpec;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.ContactStatus;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.FollowUp;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.Reply;
import dev.contactrouter.core.ServiceRules;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.MemoryJournal;
import dev.contactrouter.store.MemoryTimerStore;
import dev.contactrouter.store.StoredSnapshot;
import dev.contactrouter.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The writer when its journal fails: commands are refused with 503 and nothing unacknowledged
 * shows, reads go on from the committed state, and once the journal answers again the state is
 * rebuilt from it (including a batch that was committed although its append reported failure).
 * Each step waits for its future with a bound.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DomainOutageTest {
  private static final String DOMAIN = "outage";
  private static final long WAIT_SECONDS = 10;

  private Vertx vertx;
  private MemoryJournal memory;
  private FlakyJournal journal;
  private DomainClient client;
  private String deployment;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    memory = new MemoryJournal();
    journal = new FlakyJournal(memory);
    client = new DomainClient(vertx, 2_000);
    DomainVerticle writer = new DomainVerticle(DOMAIN, journal, new MemoryTimerStore(vertx, System::currentTimeMillis),
        System::currentTimeMillis, new WriterOptions(2_000, 300, 5));
    deployment = await(vertx.deployVerticle(writer));
    QueueSpec queue =
        new QueueSpec("stocks", null, Channel.VOICE, Map.of(), null, Set.of(), 10, 0.5, 600, 0, 180, null, null, null);
    await(client.command(DOMAIN, new Command.ConfigureQueue("admin", queue)));
    for (String a : new String[] {"a1", "a2"}) {
      await(client.command(DOMAIN, new Command.ConfigureAgent("admin", new AgentProfile(a, null, Map.of(), null, null, null, null))));
    }
    await(client.command(DOMAIN, new Command.SetAgentStatus("agent:a1", "a1", AgentStatus.AVAILABLE, null)));
  }

  @AfterEach
  void undeploy() {
    journal.mode(FlakyJournal.Mode.UP);
    await(vertx.undeploy(deployment));
  }

  @Test
  void anUnreachableJournalRefusesCommandsKeepsReadsAndRecoversByItself() {
    JsonObject offered = await(create("c1"));
    assertThat(offered.getString("status")).isEqualTo("offered");

    journal.mode(FlakyJournal.Mode.DOWN);
    assertUnavailable(client.command(DOMAIN, new Command.SetAgentStatus("agent:a1", "a1", AgentStatus.NOT_READY, "break")));
    assertUnavailable(create("c2"));

    assertThat(agent("a1").getString("status")).as("the refused change does not show").isEqualTo("available");
    assertThat(contact("c1").orElseThrow().getString("status")).isEqualTo("offered");
    assertThat(contact("c2")).as("the refused contact does not exist").isEmpty();
    assertThat(status().available()).isFalse();

    journal.mode(FlakyJournal.Mode.UP);
    awaitAvailable();
    assertThat(agent("a1").getString("status")).isEqualTo("available");
    assertThat(contact("c1").orElseThrow().getString("status")).isEqualTo("offered");
    assertThat(contact("c2")).isEmpty();
    assertThat(await(create("c3")).getString("status")).as("routing carries on").isEqualTo("queued");
    assertThat(await(JournalVerifier.verify(memory, DOMAIN)).intact()).isTrue();
  }

  @Test
  void aBatchCommittedDespiteAFailedAppendIsThereAfterRecovery() {
    journal.mode(FlakyJournal.Mode.COMMIT_THEN_FAIL);
    assertUnavailable(create("c1"));
    assertThat(contact("c1")).as("not acknowledged, so not shown meanwhile").isEmpty();

    journal.mode(FlakyJournal.Mode.UP);
    awaitAvailable();
    assertThat(contact("c1")).as("the journal has it, so the rebuilt state has it").isPresent();
    assertThat(await(create("c2")).getString("status")).isEqualTo("queued");
    assertThat(await(JournalVerifier.verify(memory, DOMAIN)).intact()).isTrue();
  }

  /**
   * An erasure whose append committed but reported failure: the writer rebuilds from the snapshot
   * that append stored (no older one is left), so the customer reads erased after recovery.
   */
  @Test
  void anErasureCommittedDespiteAFailedAppendRecoversFromTheSnapshotItStored() {
    await(client.command(DOMAIN, new Command.CreateContact("telephony", customerContact("e1", "u-ann", "Ann Erased"))));
    for (int i = 0; i < 6; i++) {
      await(create("s" + i));
    }
    Await.until("a snapshot holding Ann", () -> await(memory.latestSnapshot(DOMAIN))
        .map(s -> String.join("", s.parts()).contains("Ann Erased")).orElse(false), Duration.ofSeconds(WAIT_SECONDS));

    journal.mode(FlakyJournal.Mode.COMMIT_THEN_FAIL);
    assertUnavailable(client.command(DOMAIN, new Command.ErasePersonalData("admin", "u-ann", null, "asked")));
    journal.mode(FlakyJournal.Mode.UP);
    awaitAvailable();

    long head = await(memory.head(DOMAIN)).seq();
    StoredSnapshot snapshot = await(memory.latestSnapshot(DOMAIN)).orElseThrow();
    assertThat(snapshot.seq()).as("the erasure's own snapshot").isEqualTo(head);
    assertThat(String.join("", snapshot.parts())).doesNotContain("Ann Erased", "u-ann", "+8613900007777");
    JsonObject customer = contact("e1").orElseThrow().getJsonObject("customer");
    assertThat(customer.getString("name")).isEqualTo("[erased]");
    assertThat(customer.getString("id")).isEqualTo("erased:" + await(memory.stored(DOMAIN, 0, 100)).stream()
        .filter(e -> "e1".equals(e.contactId()) && e.type().equals("contact_queued")).findFirst().orElseThrow()
        .sealedWith());
    assertThat(await(JournalVerifier.verify(memory, DOMAIN)).intact()).isTrue();
  }

  /**
   * Commands keep being decided and acknowledged while an erasure is looked up and appended (no
   * rebuild, no 503); a contact of the customer decided just before the erasure, not yet durable
   * when the erasure looked the customer's arrivals up, is erased too, named by its own key (the
   * writer restarted in between, so the customer has two).
   */
  @Test
  void commandsAroundAnErasureAreAcknowledgedAndItsCustomerIsErasedEverywhere() {
    await(client.command(DOMAIN, new Command.CreateContact("telephony", customerContact("e1", "u-ann", "Ann Erased"))));
    await(vertx.undeploy(deployment));
    deployment = await(vertx.deployVerticle(new DomainVerticle(DOMAIN, journal,
        new MemoryTimerStore(vertx, System::currentTimeMillis), System::currentTimeMillis,
        new WriterOptions(2_000, 300, 5))));
    Future<?> racing = client.command(DOMAIN,
        new Command.CreateContact("telephony", customerContact("e2", "u-ann", "Ann Erased")));
    Future<Outcome.Applied> erased = client.command(DOMAIN, new Command.ErasePersonalData("admin", "u-ann", null, "asked"));
    Future<JsonObject> after = create("o1");
    await(racing);
    assertThat(await(erased).reply()).isEqualTo(new Reply.Erased(2));
    assertThat(await(after).getString("status")).isNotNull();
    assertThat(status().available()).isTrue();
    for (String id : new String[] {"e1", "e2"}) {
      JsonObject c = contact(id).orElseThrow();
      assertThat(c.getJsonObject("customer").getString("name")).as(id).isEqualTo("[erased]");
      assertThat(c.getJsonObject("customer").getString("id")).as(id).isEqualTo("erased:" + await(memory.stored(DOMAIN, 0, 100))
          .stream().filter(e -> id.equals(e.contactId()) && e.type().equals("contact_queued")).findFirst().orElseThrow()
          .sealedWith());
      assertThat(c.encode()).as(id).doesNotContain("Ann Erased", "+8613900007777");
    }
    StoredSnapshot latest = await(memory.latestSnapshot(DOMAIN)).orElseThrow();
    assertThat(String.join("", latest.parts())).doesNotContain("Ann Erased");
  }

  /**
   * A contact of the customer committed while the erasure was asking the journal for the
   * customer's arrivals (the answer predates it, and it is no longer in flight when the answer
   * comes) is still named by its own key, not guessed.
   */
  @Test
  void anArrivalCommittedWhileTheErasureLooksTheCustomerUpIsNamedByItsOwnKey() {
    await(client.command(DOMAIN, new Command.CreateContact("telephony", customerContact("e1", "u-ann", "Ann Erased"))));
    await(vertx.undeploy(deployment));
    deployment = await(vertx.deployVerticle(new DomainVerticle(DOMAIN, journal,
        new MemoryTimerStore(vertx, System::currentTimeMillis), System::currentTimeMillis,
        new WriterOptions(2_000, 300, 5))));
    io.vertx.core.Promise<Void> gate = io.vertx.core.Promise.promise();
    journal.arrivalsHeldBack = gate.future();
    Future<Outcome.Applied> erased = client.command(DOMAIN, new Command.ErasePersonalData("admin", "u-ann", null, "asked"));
    // Messages from one sender arrive in order: the erasure is asking the journal when e2 is decided.
    await(client.command(DOMAIN, new Command.CreateContact("telephony", customerContact("e2", "u-ann", "Ann Erased"))));
    gate.complete();
    assertThat(await(erased).reply()).isEqualTo(new Reply.Erased(2));
    journal.arrivalsHeldBack = null;
    String e2Key = await(memory.stored(DOMAIN, 0, 100)).stream()
        .filter(e -> "e2".equals(e.contactId()) && e.type().equals("contact_queued")).findFirst().orElseThrow()
        .sealedWith();
    String e1Key = await(memory.stored(DOMAIN, 0, 100)).stream()
        .filter(e -> "e1".equals(e.contactId()) && e.type().equals("contact_queued")).findFirst().orElseThrow()
        .sealedWith();
    assertThat(e2Key).as("two writer lives, two keys").isNotEqualTo(e1Key);
    assertThat(contact("e2").orElseThrow().getJsonObject("customer").getString("id")).isEqualTo("erased:" + e2Key);
    assertThat(contact("e1").orElseThrow().getJsonObject("customer").getString("id")).isEqualTo("erased:" + e1Key);
  }

  private static ContactSpec customerContact(String id, String customer, String name) {
    return new ContactSpec(id, Channel.VOICE, "stocks", Map.of(), 0, new Customer(customer, name, "vip", 3),
        Map.of("mobile", "+8613900007777"), null, null, null, null, null, null, null, null, null);
  }

  @Test
  void anAppendThatNeverAnswersTimesOutInto503() {
    journal.mode(FlakyJournal.Mode.HANG);
    assertUnavailable(create("c1"));
    assertUnavailable(create("c2"));

    journal.mode(FlakyJournal.Mode.UP);
    awaitAvailable();
    assertThat(contact("c1")).isEmpty();
    assertThat(await(create("c3")).getString("status")).isEqualTo("offered");
  }

  @Test
  void recoveryStartsFromTheLatestSnapshotAndGivesTheSameState() {
    for (int i = 0; i < 8; i++) {
      await(create("s" + i));
    }
    DomainStatus before = status();
    // Snapshots every 5 events, stored from a worker: the first may land a moment after the last reply.
    Await.until("a snapshot is stored", () -> await(memory.latestSnapshot(DOMAIN)), Optional::isPresent,
        Duration.ofSeconds(10));

    journal.mode(FlakyJournal.Mode.DOWN);
    assertUnavailable(create("x"));
    journal.mode(FlakyJournal.Mode.UP);
    awaitAvailable();

    assertThat(status().seq()).isEqualTo(before.seq());
    assertThat(status().waiting()).isEqualTo(before.waiting());
    for (int i = 0; i < 8; i++) {
      assertThat(contact("s" + i)).isPresent();
    }
  }

  /**
   * Every read of the state is answered from the committed state while the journal is away (the
   * deciding state is dropped then), and shows what was committed before; reads of the journal
   * itself get 503 like commands, and the customer history falls back to memory.
   */
  @Test
  void everyReadOfTheStateAnswersWhileTheJournalIsAwayAndCommandsGet503() {
    QueueSpec service =
        new QueueSpec("svc", null, null, Map.of(), null, Set.of(), 5, 0.5, 600, 0, 120, null, null, null);
    await(client.command(DOMAIN, new Command.ConfigureQueue("admin", service)));
    ServiceRules rules = new ServiceRules(null, ServiceRules.Relationship.DEFAULTS,
        new ServiceRules.ReturnVisit("svc", 3600, 7200, Set.of("sale")),
        new ServiceRules.Complaints("svc", null, 24 * 3600, 72 * 3600, 48 * 3600, 24 * 3600, 4 * 3600, 3600, 80),
        ServiceRules.ScoreWeights.DEFAULTS);
    await(client.command(DOMAIN, new Command.ConfigureRules("admin", rules)));
    ContactSpec sale = new ContactSpec("c1", Channel.VOICE, "stocks", Map.of(), 0, new Customer("u1", "Ann", "vip", 3),
        null, null, null, null, null, null, null, null, null, null);
    String offer = await(client.command(DOMAIN, new Command.CreateContact("telephony", sale))).reply() instanceof
        Reply.ContactReply r ? r.contact().offer().offerId() : null;
    await(client.command(DOMAIN, new Command.AcceptOffer("agent:a1", offer, "a1")));
    await(client.command(DOMAIN, new Command.CompleteContact("agent:a1", "c1", "a1", "sale", null)));
    await(client.command(DOMAIN, new Command.OpenComplaint("supervisor", "k1", null, null,
        new Customer("u2", "Bo", null, null), Channel.CHAT, "fees too high", null, null)));
    DomainStatus committed = status();

    journal.mode(FlakyJournal.Mode.DOWN);
    assertUnavailable(client.command(DOMAIN, new Command.SetAgentStatus("agent:a2", "a2", AgentStatus.AVAILABLE, null)));
    assertThat(status().available()).isFalse();

    assertThat(await(client.ask(DOMAIN, new DomainQuery.RulesQuery()))).isEqualTo(rules);
    assertThat(await(client.ask(DOMAIN, new DomainQuery.ComplaintsQuery(false, false))).value())
        .extracting(k -> k.kase().id()).containsExactly("k1");
    assertThat(await(client.ask(DOMAIN, new DomainQuery.ComplaintQuery("k1")))).isPresent();
    assertThat(await(client.ask(DOMAIN, new DomainQuery.FollowUpsQuery())))
        .extracting(FollowUp::sourceContactId).containsExactly("c1");
    assertThat(await(client.ask(DOMAIN, new DomainQuery.ContactQuery("c1"))).orElseThrow().value().status())
        .isEqualTo(ContactStatus.COMPLETED);
    assertThat(await(client.ask(DOMAIN, new DomainQuery.AgentsQuery()))).extracting(AgentView::id)
        .containsExactly("a1", "a2");
    assertThat(await(client.ask(DOMAIN, new DomainQuery.AgentQuery("a2"))).orElseThrow().status())
        .as("the refused change does not show").isEqualTo(AgentStatus.OFFLINE);
    assertThat(await(client.ask(DOMAIN, new DomainQuery.AgentSessionQuery("a1")))).isPresent();
    assertThat(await(client.ask(DOMAIN, new DomainQuery.QueuesQuery()))).extracting(QueueSpec::id)
        .containsExactlyInAnyOrder("stocks", "svc");
    assertThat(await(client.ask(DOMAIN, new DomainQuery.QueueQuery("svc")))).contains(service);
    assertThat(await(client.ask(DOMAIN, new DomainQuery.QueueContactsQuery("svc")))).isPresent();
    assertThat(await(client.ask(DOMAIN, new DomainQuery.QueueStatsQuery("stocks"))).orElseThrow().completed())
        .isEqualTo(1);
    assertThat(await(client.ask(DOMAIN, new DomainQuery.CalendarsQuery()))).isEmpty();
    assertThat(await(client.ask(DOMAIN, new DomainQuery.CalendarQuery("none")))).isEmpty();
    assertThat(await(client.ask(DOMAIN, new DomainQuery.CategoriesQuery()))).as("only the manual's")
        .extracting(CategorySpec::id).containsExactly("complaint", "system-fault", "trade-exception");
    assertThat(await(client.ask(DOMAIN, new DomainQuery.CategoryQuery("none")))).isEmpty();
    assertThat(await(client.ask(DOMAIN, new DomainQuery.ApiKeysQuery()))).isEmpty();
    assertThat(status().seq()).as("what was committed").isEqualTo(committed.seq());
    assertThat(await(client.ask(DOMAIN, new DomainQuery.CustomerContactsQuery("u1"))).value())
        .as("from memory while the journal cannot be read").extracting(ContactView::id).containsExactly("c1");
    assertThat(await(client.ask(DOMAIN, new DomainQuery.HealthQuery())).available()).isFalse();

    assertUnavailable(client.ask(DOMAIN, new DomainQuery.HistoryQuery("c1")));
    assertUnavailable(client.ask(DOMAIN, new DomainQuery.JournalPageQuery(0, 100)));
    assertUnavailable(client.ask(DOMAIN, new DomainQuery.StoredPageQuery(0, 100)));
    assertUnavailable(client.ask(DOMAIN, new DomainQuery.AuditPageQuery(0, 0, Long.MAX_VALUE, 100)));
    assertUnavailable(client.ask(DOMAIN, new DomainQuery.JournalHeadQuery()));
  }

  // ------------------------------------------------------------------ helpers

  private Future<JsonObject> create(String id) {
    ContactSpec spec = ContactSpec.of(id, Channel.VOICE, "stocks");
    return client.command(DOMAIN, new Command.CreateContact("telephony", spec))
        .map(applied -> ViewJson.reply(applied.reply(), applied.now()));
  }

  private Optional<JsonObject> contact(String id) {
    return await(client.ask(DOMAIN, new DomainQuery.ContactQuery(id))).map(c -> ViewJson.contact(c.value(), c.now()));
  }

  private JsonObject agent(String id) {
    return ViewJson.agent(await(client.ask(DOMAIN, new DomainQuery.AgentQuery(id))).orElseThrow());
  }

  private DomainStatus status() {
    return await(client.ask(DOMAIN, new DomainQuery.StatusQuery()));
  }

  /** Polls (bounded) until the writer takes commands again. */
  private void awaitAvailable() {
    Await.until("the writer available again", () -> status().available(), Duration.ofSeconds(WAIT_SECONDS));
  }

  private static void assertUnavailable(Future<?> f) {
    assertThatThrownBy(() -> await(f))
        .satisfies(e -> assertThat(e instanceof CompletionException ? e.getCause() : e).isInstanceOf(DomainUnavailable.class));
  }
}
