package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.AccountCaseView;
import dev.contactrouter.core.AccountOpening;
import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.AgentView;
import dev.contactrouter.core.ApiKeyView;
import dev.contactrouter.core.CaseView;
import dev.contactrouter.core.Catalogue;
import dev.contactrouter.core.CalendarSpec;
import dev.contactrouter.core.Call;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.Complaint;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.FollowUp;
import dev.contactrouter.core.Immutables;
import dev.contactrouter.core.Product;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.QueueStats;
import dev.contactrouter.core.RandomRun;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.Gate;
import dev.contactrouter.core.Refusal;
import dev.contactrouter.core.Reply;
import dev.contactrouter.core.RouteStage;
import dev.contactrouter.core.ServiceStage;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.core.ServiceRules;
import dev.contactrouter.engine.DomainQuery.AgentQuery;
import dev.contactrouter.engine.DomainQuery.AgentSessionQuery;
import dev.contactrouter.engine.DomainQuery.AgentsQuery;
import dev.contactrouter.engine.DomainQuery.ApiKeysQuery;
import dev.contactrouter.engine.DomainQuery.AuditPageQuery;
import dev.contactrouter.engine.DomainQuery.CalendarQuery;
import dev.contactrouter.engine.DomainQuery.CallQuery;
import dev.contactrouter.engine.DomainQuery.CalendarsQuery;
import dev.contactrouter.engine.DomainQuery.CategoriesQuery;
import dev.contactrouter.engine.DomainQuery.CategoryQuery;
import dev.contactrouter.engine.DomainQuery.WebhookQuery;
import dev.contactrouter.engine.DomainQuery.WebhookSetupQuery;
import dev.contactrouter.engine.DomainQuery.WebhooksQuery;
import dev.contactrouter.core.WebhookSpec;
import dev.contactrouter.engine.DomainQuery.AccountCaseQuery;
import dev.contactrouter.engine.DomainQuery.AccountCasesQuery;
import dev.contactrouter.engine.DomainQuery.ComplaintQuery;
import dev.contactrouter.engine.DomainQuery.ComplaintsQuery;
import dev.contactrouter.engine.DomainQuery.ContactQuery;
import dev.contactrouter.engine.DomainQuery.CustomerContactsQuery;
import dev.contactrouter.engine.DomainQuery.FollowUpsQuery;
import dev.contactrouter.engine.DomainQuery.HealthQuery;
import dev.contactrouter.engine.DomainQuery.HistoryQuery;
import dev.contactrouter.engine.DomainQuery.JournalHeadQuery;
import dev.contactrouter.engine.DomainQuery.JournalPageQuery;
import dev.contactrouter.engine.DomainQuery.StreamPageQuery;
import dev.contactrouter.engine.DomainQuery.QueueAgingQuery;
import dev.contactrouter.engine.DomainQuery.QueueContactsQuery;
import dev.contactrouter.engine.DomainQuery.QueueQuery;
import dev.contactrouter.engine.DomainQuery.QueueStatsQuery;
import dev.contactrouter.engine.DomainQuery.QueuesQuery;
import dev.contactrouter.engine.DomainQuery.RulesQuery;
import dev.contactrouter.engine.DomainQuery.StatusQuery;
import dev.contactrouter.engine.DomainQuery.StoredPageQuery;
import dev.contactrouter.store.JournalEntry;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.MemoryJournal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every message between the API and a domain's writer survives the wire (encodeToWire, then
 * decodeFromWire) equal to what was sent, and is deeply immutable (it passes by reference within
 * one JVM): every query, with the answer the writer gives it over
 * the state of random runs of the core and over an empty domain (empty results, absent things);
 * every command; every outcome with every kind of reply; every event in a journal page. Each
 * sealed family is checked for coverage, so a new query, command, reply or event that is not
 * carried fails here first. A frame of another protocol version, and a type id outside the
 * engine, are refused with a clear error; within one JVM the object itself is delivered.
 */
class DomainMessageCodecTest {
  private static final String DOMAIN = "wire";
  private final DomainMessageCodec codec = new DomainMessageCodec();

  private static final WebhookSpec WEBHOOK = new WebhookSpec("crm", "https://crm.example.com/hooks",
      Set.of("offer_accepted", "contact_queued"), Set.of(), "a-secret-of-sixteen+", true);
  private static final Catalogue CATALOGUE = new Catalogue(Catalogue.Kind.NOT_READY_REASONS, List.of(
      new Catalogue.Entry("break", Map.of("en", "Break", "zh-CN", "小休"), true),
      new Catalogue.Entry("smoking", Map.of("en", "Smoking", "zh-CN", "吸烟"), false)));

  private static final List<Event> ACCOUNT_EVENTS = List.of(
      new Event.AccountCaseOpened("ao-1", new Customer("u1", "Ann", null, 3), Channel.BRANCH, null, 259_200_000L,
          207_360_000L, "ao-1-documents_checked", "telephony/k1"),
      new Event.AccountCaseOpened("ao-2", new Customer("u2", null, null, null), Channel.VOICE, "c1", 300_000_000L,
          240_000_000L, "ao-2-documents_checked", "agent:a1"),
      new Event.AccountCaseAdvanced("ao-2", AccountOpening.Step.DOCUMENTS_CHECKED, "agent:a1", "a1", "verified",
          "ao-2-suitability_assessed", null));

  @Test
  void everyQueryAndItsAnswerSurviveTheWire() {
    Set<Class<?>> asked = new HashSet<>();
    int answers = 0;
    for (long seed = 1; seed <= 4; seed++) {
      RandomRun run = RandomRun.of(seed, 250);
      for (DomainMessage.Answer answer : answers(run.domain(), run.events(), run.now())) {
        Immutables.assertDeeplyImmutable(answer);
        assertSurvives(answer);
        assertSurvives(answer.query());
        asked.add(answer.query().getClass());
        answers++;
      }
    }
    for (DomainMessage.Answer answer : answers(new RoutingDomain(), List.of(), 0)) {
      assertSurvives(answer);
      asked.add(answer.query().getClass());
    }
    assertThat(asked).as("every kind of query is carried")
        .containsExactlyInAnyOrder(DomainQuery.class.getPermittedSubclasses());
    assertThat(answers).isGreaterThan(300);
  }

  @Test
  void whatCrossesTheWireRendersTheSameJsonAsWhatWasSent() {
    for (long seed = 1; seed <= 4; seed++) {
      RandomRun run = RandomRun.of(seed, 250);
      RoutingDomain d = run.domain();
      long now = run.now();
      for (ContactView c : contacts(run)) {
        AsOf<ContactView> back = crossed(new ContactQuery(c.id()), Optional.of(new AsOf<>(c, now))).orElseThrow();
        assertThat(ViewJson.contact(back.value(), back.now()).encode()).isEqualTo(ViewJson.contact(c, now).encode());
      }
      for (AgentView a : d.agents()) {
        AgentView back = crossed(new AgentQuery(a.id()), Optional.of(a)).orElseThrow();
        assertThat(ViewJson.agent(back).encode()).isEqualTo(ViewJson.agent(a).encode());
      }
      for (QueueSpec q : d.queues()) {
        QueueStats stats = d.queueStats(q.id(), now).orElseThrow();
        QueueStats statsBack = crossed(new QueueStatsQuery(q.id()), Optional.of(stats)).orElseThrow();
        assertThat(ViewJson.queueStats(statsBack).encode()).isEqualTo(ViewJson.queueStats(stats).encode());
        QueueSpec back = crossed(new QueueQuery(q.id()), Optional.of(q)).orElseThrow();
        assertThat(SpecJson.queue(back).encode()).isEqualTo(SpecJson.queue(q).encode());
      }
      for (CalendarSpec c : d.calendars()) {
        CalendarSpec back = crossed(new CalendarQuery(c.id()), Optional.of(c)).orElseThrow();
        assertThat(SpecJson.calendar(back).encode()).isEqualTo(SpecJson.calendar(c).encode());
      }
      for (CaseView k : d.complaints(now, false, false)) {
        CaseView back = crossed(new ComplaintQuery(k.id()), Optional.of(new AsOf<>(new ComplaintCase(k, null), now)))
            .orElseThrow().value().kase();
        assertThat(ViewJson.complaint(back, now).encode()).isEqualTo(ViewJson.complaint(k, now).encode());
      }
      assertThat(SpecJson.rules(crossed(new RulesQuery(), d.rules())).encode())
          .isEqualTo(SpecJson.rules(d.rules()).encode());
    }
  }

  @Test
  void everyCommandSurvivesTheWire() {
    Set<Class<?>> sent = new HashSet<>();
    for (long seed = 1; seed <= 4; seed++) {
      RandomRun run = RandomRun.of(seed, 250);
      for (Command c : commands(run)) {
        Immutables.assertDeeplyImmutable(c);
        assertSurvives(new DomainMessage.Submit(c, null, null));
        assertSurvives(new DomainMessage.Submit(c, "key-" + seed, "fingerprint"));
        sent.add(c.getClass());
      }
    }
    assertThat(sent).as("every kind of command is carried")
        .containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
  }

  @Test
  void everyOutcomeSurvivesTheWire() {
    RandomRun run = RandomRun.of(8, 300); // a run that leaves complaint cases
    RoutingDomain d = run.domain();
    List<Reply> replies = new ArrayList<>(List.of(new Reply.Done(), new Reply.Erased(2), new Reply.RulesReply(d.rules()),
        new Reply.RulesReply(ServiceRules.DEFAULTS), new Reply.ApiKeyReply(issuedKey()),
        new Reply.ApiKeyReply(new ApiKeyView("cfg-1", null, null, null, null, null, null, 1_000L)),
        new Reply.CallsReconciled(List.of("1-2@127.0.0.1"), List.of()), new Reply.CallsReconciled(List.of(), List.of()),
        new Reply.WebhookReply(WEBHOOK), new Reply.CatalogueReply(CATALOGUE),
        new Reply.CatalogueReply(Catalogue.empty(Catalogue.Kind.DISPOSITIONS))));
    contacts(run).forEach(c -> replies.add(new Reply.ContactReply(c, c.id().hashCode() % 2 == 0)));
    d.agents().forEach(a -> replies.add(new Reply.AgentReply(a)));
    d.queues().forEach(q -> replies.add(new Reply.QueueReply(q)));
    d.calendars().forEach(c -> replies.add(new Reply.CalendarReply(c)));
    d.categories().forEach(c -> replies.add(new Reply.CategoryReply(c)));
    d.complaints(run.now(), false, false).forEach(k -> replies.add(new Reply.CaseReply(k)));
    d.accountCases(run.now(), false, false).forEach(k -> replies.add(new Reply.AccountCaseReply(k)));
    replies.add(new Reply.AccountCaseReply(new AccountCaseView("ao-9", new Customer("u9", null, null, null),
        Channel.CHAT, null, 1_000L, 2_000L, 1_800L, AccountOpening.Step.ACTIVE, null,
        List.of(new AccountCaseView.StepTaken(AccountOpening.Step.RECEIVED, 1_000L, "supervisor", null, null),
            new AccountCaseView.StepTaken(AccountOpening.Step.ACTIVE, 1_500L, "agent:a1", "a1", "open")),
        1_500L, 0.01)));
    Set<Class<?>> kinds = new HashSet<>();
    for (Reply r : replies) {
      Immutables.assertDeeplyImmutable(r);
      assertSurvives(new Outcome.Applied(r, run.now()));
      kinds.add(r.getClass());
    }
    assertThat(kinds).as("every kind of reply is carried")
        .containsExactlyInAnyOrder(Reply.class.getPermittedSubclasses());
    for (Refusal reason : Refusal.values()) {
      assertSurvives(new Outcome.Refused(reason, "no such thing", null));
      assertSurvives(new Outcome.Refused(reason, "bad level", "/skills/stocks"));
    }
    for (Gate gate : Gate.values()) {
      assertSurvives(new Outcome.Refused(Refusal.GATE, gate.wire() + " gate: refused", "/agentId", gate));
    }
  }

  @Test
  void everyEventSurvivesTheWireInAJournalPage() {
    List<JournalEntry> page = new ArrayList<>();
    Set<Class<?>> kinds = new HashSet<>();
    for (long seed = 1; seed <= 4; seed++) {
      for (Recorded r : RandomRun.of(seed, 250).events()) {
        page.add(new JournalEntry(DOMAIN, page.size() + 1, r));
        kinds.add(r.event().getClass());
      }
    }
    // What the core's random runs do not do (keys are issued through the API; their calendars keep
    // real-time contacts queued), or do too rarely.
    for (Event e : List.of(
        new Event.ApiKeyIssued("k1", "digest", "agent", "a1", "console", 5_000L),
        new Event.ApiKeyIssued("k2", "digest", "admin", null, null, null),
        new Event.ApiKeyRevoked("k1", 6_000L),
        new Event.ContactOutOfHours("c9", "q1", "day", CalendarSpec.Treatment.CALLBACK, "closed", 8_000L),
        new Event.ContactOutOfHours("c8", "q1", "day", CalendarSpec.Treatment.QUEUE, null, null),
        // And what they do too rarely to count on in four runs.
        new Event.CaseAdvanced("k1", Complaint.Step.CLASSIFY, Complaint.Stage.INTAKE, Complaint.Stage.INVESTIGATION,
            "agent:a1", "a1", "classified", Complaint.Kind.values()[0], Complaint.Severity.values()[0], "q2", null),
        new Event.CallRinging("c7", "c7.1", "a1"),
        new Event.CallLost("c7", "1-2@127.0.0.1", null, "the switch no longer holds call 1-2@127.0.0.1 (queued)"),
        new Event.DispositionRecorded("c7", "a1", "resolved", null),
        new Event.SignInRefused("li", "127.0.0.1", "throttled", 5, 2),
        new Event.WebhookConfigured(WEBHOOK),
        new Event.WebhookDeleted("crm"),
        new Event.PersonalDataErased(List.of("k-1", "k-2"), "PIPL request"),
        new Event.ContactMarkedMajor("c7", "trading halted", 50),
        new Event.ContactMarkedMajor("c6", null, 50),
        ACCOUNT_EVENTS.get(0), ACCOUNT_EVENTS.get(2),
        new Event.AccountCaseAdvanced("ao-2", AccountOpening.Step.ACTIVE, "supervisor", "a2", null, null, 2.5),
        new Event.ContactStageAdvanced("c7", ServiceStage.SETTLEMENT, "agent:a1", "q2"),
        new Event.ContactStageAdvanced("c6", ServiceStage.CONSULTATION, "telephony", null),
        new Event.FollowUpScheduled(new FollowUp("f1", "c7", null, new Customer("u1", "Ann", "hnw", 3, "a1"), "a1", "q1",
            9_000L, "return visit after sale (sale) on contact c7")),
        new Event.FollowUpDue("f1", "f1-c", null),
        new Event.ContactReleased("c6", "funds", 4, "re-assessed", Set.of("fund"),
            List.of("suitable: customer risk level 4 >= product F1 risk level 4")),
        new Event.ContactReleased("c7", "mortgages", null, "an agent now holds a valid mortgage licence", Set.of(),
            List.of()),
        new Event.CaseAdvanced("k1", Complaint.Step.REOPEN, Complaint.Stage.CLOSED, Complaint.Stage.INVESTIGATION,
            "supervisor", null, "still unsatisfied", null, null, "q2", null),
        new Event.CatalogueConfigured(CATALOGUE),
        new Event.CatalogueConfigured(Catalogue.empty(Catalogue.Kind.DISPOSITIONS)))) {
      page.add(new JournalEntry(DOMAIN, page.size() + 1, new Recorded(7_000, "admin", e)));
      kinds.add(e.getClass());
    }
    assertThat(kinds).as("every kind of event is carried")
        .containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
    assertSurvives(new DomainMessage.Answer(new JournalPageQuery(0, page.size()), List.copyOf(page)));
  }

  @Test
  void aFrameOfAnotherProtocolVersionIsRefusedSayingSo() {
    Buffer frame = Buffer.buffer();
    codec.encodeToWire(frame, new StatusQuery());
    frame.setInt(4, DomainMessageCodec.VERSION + 1);
    assertThatThrownBy(() -> codec.decodeFromWire(0, frame))
        .isInstanceOf(DomainMessageCodec.Unreadable.class)
        .hasMessageContaining("protocol version " + (DomainMessageCodec.VERSION + 1))
        .hasMessageContaining("run the same router version on every node");
  }

  @Test
  void aNodeOfTheBuildBeforeTheErasureMessagesIsRefused() {
    // Version 3 had no ErasePersonalData, PersonalDataErased or Erased: such a node must be told
    // apart, not sent messages it would misread.
    assertThat(DomainMessageCodec.VERSION).isEqualTo(4);
    Buffer frame = Buffer.buffer();
    codec.encodeToWire(frame, new DomainMessage.Submit(
        new Command.ErasePersonalData("admin", "u1", List.of("k-1"), "PIPL request"), null, null));
    frame.setInt(4, 3);
    assertThatThrownBy(() -> codec.decodeFromWire(0, frame))
        .isInstanceOf(DomainMessageCodec.Unreadable.class)
        .hasMessageContaining("protocol version 3");
  }

  @Test
  void aTypeIdOutsideTheEngineIsNeverBuilt() {
    for (String json : List.of(
        "{\"@type\":\"java.lang.ProcessBuilder\",\"command\":[\"true\"]}",
        "{\"@type\":\"java.util.HashMap\"}",
        "{\"@type\":\"dev.contactrouter.core.Customer\",\"id\":\"not a message\"}",
        "{\"@type\":\"dev.contactrouter.engine.DomainMessage$Submit\",\"command\":"
            + "{\"@type\":\"java.lang.ProcessBuilder\",\"command\":[\"true\"]},"
            + "\"idempotencyKey\":null,\"fingerprint\":null}")) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      Buffer frame = Buffer.buffer().appendInt(5 + bytes.length).appendInt(DomainMessageCodec.VERSION)
          .appendByte((byte) 'M').appendBytes(bytes);
      assertThatThrownBy(() -> codec.decodeFromWire(0, frame)).as(json)
          .isInstanceOf(DomainMessageCodec.Unreadable.class)
          .hasMessageContaining("cannot be read");
    }
  }

  @Test
  @io.vertx.junit5.Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void withinOneProcessTheObjectItselfIsDelivered() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      DomainMessageCodec.install(vertx.eventBus());
      DomainMessageCodec.install(vertx.eventBus()); // a second client or writer of the same Vert.x
      Outcome.Applied reply = new Outcome.Applied(new Reply.Done(), 42);
      DomainQuery<DomainStatus> sent = new StatusQuery();
      Object[] received = new Object[1];
      vertx.eventBus().<DomainMessage>consumer("wire.test", m -> {
        received[0] = m.body();
        m.reply(reply);
      }).completion().await(5, TimeUnit.SECONDS);
      Object answered = vertx.eventBus().<DomainMessage>request("wire.test", sent)
          .map(m -> m.body()).await(5, TimeUnit.SECONDS);
      assertThat(received[0]).as("the query itself, not a copy").isSameAs(sent);
      assertThat(answered).as("the outcome itself, not a copy").isSameAs(reply);
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }

  // ------------------------------------------------------------------ samples

  /** {@code answer} to {@code query} as another node reads it. */
  private <T> T crossed(DomainQuery<T> query, T answer) {
    Buffer frame = Buffer.buffer();
    codec.encodeToWire(frame, new DomainMessage.Answer(query, answer));
    @SuppressWarnings("unchecked")
    T back = (T) ((DomainMessage.Answer) codec.decodeFromWire(0, frame)).value();
    return back;
  }

  private void assertSurvives(DomainMessage message) {
    Buffer frame = Buffer.buffer().appendString("ahead"); // a frame need not start the buffer
    codec.encodeToWire(frame, message);
    frame.appendString("behind");
    assertThat(codec.decodeFromWire(5, frame)).as("%s", message).isEqualTo(message);
  }

  /**
   * Each query the API asks, answered by the writer's own reads over {@code domain} and over a
   * journal holding {@code events}; with ids that exist and ids that do not.
   */
  private static List<DomainMessage.Answer> answers(RoutingDomain domain, List<Recorded> events, long now) {
    if (!domain.queues().isEmpty()) {
      // A webhook, so that its queries answer with one.
      domain.apply(new Recorded(now, "admin", new Event.WebhookConfigured(new WebhookSpec("crm", WEBHOOK.url(),
          WEBHOOK.types(), Set.of(domain.queues().get(0).id()), WEBHOOK.secret(), true))));
      // Account-opening cases, one taken to its first step, so that their queries answer with some.
      ACCOUNT_EVENTS.forEach(e -> domain.apply(new Recorded(now, "supervisor", e)));
    }
    MemoryJournal journal = new MemoryJournal();
    JournalHead head = done(journal.open(DOMAIN));
    List<JournalEntry> entries = new ArrayList<>();
    events.forEach(r -> entries.add(new JournalEntry(DOMAIN, entries.size() + 1, r)));
    if (!entries.isEmpty()) {
      head = done(journal.append(head, entries));
    }
    DomainReads reads = new DomainReads(DOMAIN, domain, head.seq(), true, now, new JournalQueries(DOMAIN, journal),
        null);

    List<DomainQuery<?>> queries = new ArrayList<>(List.of(
        new AgentsQuery(), new QueuesQuery(), new CalendarsQuery(), new CategoriesQuery(), new ApiKeysQuery(),
        new RulesQuery(), new FollowUpsQuery(), new StatusQuery(), new JournalHeadQuery(),
        new DomainQuery.ArchivedHeadQuery(),
        new ComplaintsQuery(false, false), new ComplaintsQuery(true, false), new ComplaintsQuery(false, true),
        new AccountCasesQuery(false, false), new AccountCasesQuery(true, true), new AccountCaseQuery("none"),
        new ContactQuery("nobody"), new AgentQuery("nobody"), new AgentSessionQuery("nobody"),
        new QueueQuery("nowhere"), new QueueAgingQuery("nowhere"), new QueueContactsQuery("nowhere"), new QueueStatsQuery("nowhere"),
        new CalendarQuery("never"), new CategoryQuery("nothing"), new ComplaintQuery("none"),
        new WebhooksQuery(), new WebhookQuery("nothing"), new WebhookSetupQuery(),
        new DomainQuery.CataloguesQuery(), new DomainQuery.CatalogueQuery("dispositions"),
        new DomainQuery.CatalogueQuery("nothing"),
        new CustomerContactsQuery("stranger"), new HistoryQuery("nobody"), new CallQuery("no-such-call"),
        new JournalPageQuery(0, 10_000), new JournalPageQuery(events.size(), 10),
        new StreamPageQuery(0, 10_000), new StreamPageQuery(events.size() / 2, 10),
        new StoredPageQuery(0, 5_000), new StoredPageQuery(2, 3),
        new AuditPageQuery(0, 0, Long.MAX_VALUE, 5_000), new AuditPageQuery(now, 1, now + 1, 10)));
    Set<String> customers = new TreeSet<>();
    for (Recorded r : events) {
      if (r.event() instanceof Event.ContactQueued q) {
        queries.add(new ContactQuery(q.contactId()));
        queries.add(new HistoryQuery(q.contactId()));
        if (q.contact().callId() != null) {
          queries.add(new CallQuery(q.contact().callId()));
        }
        if (q.contact().customer().id() != null) {
          customers.add(q.contact().customer().id());
        }
      }
    }
    customers.forEach(c -> queries.add(new CustomerContactsQuery(c)));
    domain.agents().forEach(a -> {
      queries.add(new AgentQuery(a.id()));
      queries.add(new AgentSessionQuery(a.id()));
    });
    domain.queues().forEach(q -> {
      queries.add(new QueueQuery(q.id()));
      queries.add(new QueueAgingQuery(q.id()));
      queries.add(new QueueContactsQuery(q.id()));
      queries.add(new QueueStatsQuery(q.id()));
    });
    queries.add(new DomainQuery.BoardQuery("nowhere"));
    Set<String> sites = new TreeSet<>();
    domain.queues().stream().map(QueueSpec::site).filter(java.util.Objects::nonNull).forEach(sites::add);
    domain.agents().stream().map(a -> a.profile().site()).filter(java.util.Objects::nonNull).forEach(sites::add);
    sites.forEach(site -> queries.add(new DomainQuery.BoardQuery(site)));
    domain.calendars().forEach(c -> queries.add(new CalendarQuery(c.id())));
    domain.webhooks().forEach(w -> queries.add(new WebhookQuery(w.id())));
    domain.categories().forEach(c -> queries.add(new CategoryQuery(c.id())));
    domain.complaints(now, false, false).forEach(k -> queries.add(new ComplaintQuery(k.id())));
    domain.accountCases(now, false, false).forEach(k -> queries.add(new AccountCaseQuery(k.id())));

    List<DomainMessage.Answer> out = new ArrayList<>();
    for (DomainQuery<?> q : queries) {
      out.add(new DomainMessage.Answer(q, done(q.answer(reads))));
    }
    // Health probes the stores live; its answer carries the outcome as text.
    out.add(new DomainMessage.Answer(new HealthQuery(), new DomainHealth(DOMAIN, true, head.seq(), "UP", "UP")));
    out.add(new DomainMessage.Answer(new HealthQuery(),
        new DomainHealth(DOMAIN, false, 0, "DOWN: connection refused", "DOWN: no answer in 1500 ms")));
    return out;
  }

  /** The configuration and contacts of a run as the commands that would make them, and one of each other kind. */
  private static List<Command> commands(RandomRun run) {
    RoutingDomain d = run.domain();
    List<Command> out = new ArrayList<>();
    d.queues().forEach(q -> out.add(new Command.ConfigureQueue("admin", q)));
    d.agents().forEach(a -> out.add(new Command.ConfigureAgent("admin", a.profile())));
    d.calendars().forEach(c -> out.add(new Command.ConfigureCalendar("admin", c)));
    d.categories().forEach(c -> out.add(new Command.ConfigureCategory("admin", c)));
    out.add(new Command.ConfigureRules("admin", d.rules()));
    out.add(new Command.ConfigureRules("admin", ServiceRules.DEFAULTS));
    run.events().forEach(r -> {
      if (r.event() instanceof Event.ContactQueued q) {
        out.add(new Command.CreateContact("telephony", q.contact()));
      }
    });
    d.liveTimers().forEach(t -> out.add(t.command()));
    out.add(new Command.CreateContact("telephony", new ContactSpec("full", Channel.CHAT, "q1", Map.of("stocks", 3), 40,
        new Customer("u1", "Ann", "hnw", 3, "a1"), Map.of("ivr", "1-2", "ani", "+86 10 5555"), "ext-1", "hq",
        new LinkedHashSet<>(List.of("practitioner", "adviser")), "idem-1", "fp-1", "major", new Product("FUND-7", 4),
        "a2", null)));
    out.add(new Command.CreateContact("telephony", ContactSpec.of("bare", Channel.VOICE, "q1")));
    out.add(new Command.SetAgentStatus("agent:a1", "a1", AgentStatus.NOT_READY, null));
    out.add(new Command.SetAgentStatus("supervisor", "a1", AgentStatus.NOT_READY, "training"));
    out.add(new Command.AbandonContact("telephony", "c1"));
    out.add(new Command.ConfigureWebhook("admin", WEBHOOK));
    out.add(new Command.ConfigureCatalogue("admin", CATALOGUE));
    out.add(new Command.ConfigureCatalogue("admin", Catalogue.empty(Catalogue.Kind.DISPOSITIONS)));
    out.add(new Command.DeleteWebhook("admin", "crm"));
    out.add(new Command.ErasePersonalData("admin", "cust-1", List.of(), "PIPL request"));
    out.add(new Command.ErasePersonalData("admin", "cust-1", List.of("k-1", "k-2"), "PIPL request"));
    out.add(new Command.RecordSignInRefusal("anonymous", "li", "127.0.0.1", "bad_credentials", 3, 0));
    out.add(new Command.TransferContact("supervisor", "c1", "q2", null, null));
    out.add(new Command.TransferContact("agent:a1", "c1", null, "a2", "a1"));
    out.add(new Command.CompleteContact("agent:a1", "c1", "a1", null, null, null));
    out.add(new Command.CompleteContact("supervisor", "c1", null, "sale", "notes", "feedback"));
    out.add(new Command.AcceptOffer("agent:a1", "c1.1", "a1"));
    out.add(new Command.RejectOffer("agent:a1", "c1.1", "a1", null));
    out.add(new Command.ExpireOffer("timer", "c1.1"));
    out.add(new Command.EndWrapUp("timer", "a1", 5L));
    out.add(new Command.IssueApiKey("admin", "k1", "digest", "agent", "a1", "console", 9_000L));
    out.add(new Command.IssueApiKey("admin", "k2", "digest", "admin", null, null, null));
    out.add(new Command.RevokeApiKey("admin", "k1", null));
    out.add(new Command.RevokeApiKey("admin", "k2", 9_000L));
    out.add(new Command.ReachSlaPoint("timer", "c1", 2));
    out.add(new Command.WidenRouting("timer", "c1", RouteStage.TEAM));
    out.add(new Command.RequestCallback("ivr", "c1", null));
    out.add(new Command.RequestCallback("ivr", "c1", "+86 10 5555 0000"));
    out.add(new Command.MarkMajor("telephony", "c1", null, "trading halted"));
    out.add(new Command.MarkMajor("agent:a1", "c1", "a1", "重大问题"));
    out.add(new Command.AdvanceStage("agent:a1", "c1", "a1", ServiceStage.CONSULTATION, null));
    out.add(new Command.AdvanceStage("supervisor", "c1", null, ServiceStage.SETTLEMENT, "q2"));
    out.add(new Command.ConfigureQueue("admin", new QueueSpec("settle", "Settlement", Channel.VOICE, Map.of(), null,
        Set.of(), 0, 0.5, 15, 30, 180, null, null, ServiceStage.SETTLEMENT)));
    out.add(new Command.ReleaseHold("supervisor:sue", "c1", 4, "re-assessed by phone"));
    out.add(new Command.ReleaseHold("supervisor:sue", "c1", null, "licence now held"));
    out.add(new Command.CreateContact("telephony", ContactSpec.of("major", Channel.VOICE, "q1"), "system fault"));
    out.add(new Command.RecordSurvey("ivr", "c1", 5, null, null));
    out.add(new Command.RecordSurvey("ivr", "c1", 1, 0, "slow"));
    out.add(new Command.StartFollowUp("timer", "f1"));
    out.add(new Command.OpenComplaint("agent:a1", "k1", "c1", "a1", null, null, "late", null, null));
    out.add(new Command.ReopenComplaint("supervisor", "k1", "still unsatisfied", null, null));
    out.add(new Command.ReopenComplaint("supervisor", "k1", "再次投诉", "q2", "a2"));
    out.add(new Command.OpenComplaint("supervisor", "k2", null, null, new Customer("u1", "Ann", "vip", null),
        Channel.BRANCH, "fees", Complaint.Kind.values()[0], Complaint.Severity.values()[0]));
    out.add(new Command.AdvanceComplaint("agent:a1", "k1", Complaint.Step.values()[0], "a1", null, null, null, null,
        null, null));
    out.add(new Command.AdvanceComplaint("supervisor", "k1", Complaint.Step.FEEDBACK, null, "happy",
        Complaint.Kind.values()[0], Complaint.Severity.values()[0], "q2", "a2", true));
    out.add(new Command.ReachCaseDeadline("timer", "k1", Complaint.Stage.values()[0], 1));
    out.add(new Command.OpenAccountCase("telephony/k1", "ao-1", null, null, new Customer("u1", "Ann", null, 3),
        Channel.BRANCH));
    out.add(new Command.OpenAccountCase("agent:a1", "ao-2", "c1", "a1", null, null));
    out.add(new Command.AdvanceAccountCase("agent:a1", "ao-2", AccountOpening.Step.DOCUMENTS_CHECKED, "a1", "ok"));
    out.add(new Command.AdvanceAccountCase("supervisor", "ao-2", AccountOpening.Step.ACTIVE, null, null));
    for (Command.CallReport report : Command.CallReport.values()) {
      out.add(new Command.ReportCall("telephony", "a84b4c76e66710@pc33.example.com", report, "c1.1", null));
    }
    out.add(new Command.ReportCall("telephony", "1-2@127.0.0.1", Command.CallReport.NOT_ANSWERED, "c1.2", "busy"));
    out.add(new Command.ReconcileCalls("telephony", Set.of("1-2@127.0.0.1", "3-4@127.0.0.1"), 10_000));
    out.add(new Command.ReconcileCalls("telephony", Set.of(), 0));
    out.add(new Command.CreateContact("telephony", new ContactSpec("called", Channel.VOICE, "q1", null, 0, null, null,
        null, null, null, null, null, null, null, null, new Call("5-6@127.0.0.1", "+86 21 5555", null))));
    return out;
  }

  private static List<ContactView> contacts(RandomRun run) {
    List<ContactView> out = new ArrayList<>();
    run.events().forEach(r -> {
      if (r.event() instanceof Event.ContactQueued q) {
        run.domain().contact(q.contactId(), run.now()).ifPresent(out::add);
      }
    });
    return out;
  }

  private static ApiKeyView issuedKey() {
    return new ApiKeyView("k1", "digest", "agent", "a1", "console", 1_000L, 90_000L, null);
  }

  private static <T> T done(Future<T> f) {
    assertThat(f.isComplete()).as("answered at once (memory journal)").isTrue();
    if (f.failed()) {
      throw new AssertionError(f.cause());
    }
    return f.result();
  }
}
