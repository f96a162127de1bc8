package dev.contactrouter.store;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.Recorded;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Journal} promises, run against each implementation (as Vert.x runs one
 * event-bus suite against each cluster manager): round trip, atomic batches, sequence continuity
 * (gaps, repeats, stale heads and stale epochs refused), the hash chain, verification finding an
 * edited event, and the audit queries. Each step waits for its future with a bound, so the tests
 * read top to bottom and none can hang.
 */
abstract class JournalContract {
  static final long T0 = Instant.parse("2025-01-06T09:00:00Z").toEpochMilli();
  private static int domains;

  Journal journal;
  String domain;

  /** A fresh journal (or a fresh view of a shared store) for one test. */
  abstract Journal create();

  /** Replaces a stored event's text behind the journal's back, as someone with write access could. */
  abstract void edit(String domain, long seq, String payload);

  /** Moves a domain's ownership epoch on, as a new owner taking the lease would. */
  abstract void bumpEpoch(String domain);

  /**
   * Lets {@code millis} pass for the journal's leases: moves the manual clock an in-memory journal
   * runs on, or (PostgreSQL judges leases by the server's own clock) waits that long.
   */
  abstract void elapse(long millis) throws InterruptedException;

  @BeforeEach
  void open() {
    journal = create();
    domain = "d" + (++domains) + "-" + getClass().getSimpleName().toLowerCase();
  }

  @AfterEach
  void release() {
    await(journal.close());
  }

  // ------------------------------------------------------------------ ownership leases

  @Test
  void aLeaseFencesEveryWriterBeforeIt() {
    JournalHead genesis = await(journal.open(domain));
    JournalHead first = await(journal.acquire(domain, "n1", 60_000)).orElseThrow();
    assertThat(first.epoch()).isEqualTo(genesis.epoch() + 1);
    assertThat(await(journal.acquire(domain, "n2", 60_000))).as("held by n1").isEmpty();
    assertThat(await(journal.renew(domain, "n1", first.epoch(), 60_000))).isTrue();
    assertThat(await(journal.renew(domain, "n2", first.epoch(), 60_000))).isFalse();
    JournalHead head = await(journal.append(first, entries(first, queued(3, 0))));

    // A writer holding the genesis head (epoch before the lease) cannot append.
    assertConflict(journal.append(new JournalHead(domain, genesis.epoch(), head.seq(), head.hash()),
        entries(head, queued(1, 3))));

    // Released, the lease is n2's at once; n1's epoch no longer writes or renews.
    await(journal.release(domain, "n1", first.epoch()));
    JournalHead second = await(journal.acquire(domain, "n2", 60_000)).orElseThrow();
    assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
    assertThat(second.seq()).isEqualTo(head.seq());
    assertConflict(journal.append(head, entries(head, queued(1, 3))));
    assertThat(await(journal.renew(domain, "n1", first.epoch(), 60_000))).isFalse();
    assertThat(await(journal.append(second, entries(second, queued(1, 3)))).seq()).isEqualTo(head.seq() + 1);

    DomainLease lease = await(journal.leases()).stream().filter(l -> l.domain().equals(domain)).findFirst().orElseThrow();
    assertThat(lease.owner()).isEqualTo("n2");
    assertThat(lease.epoch()).isEqualTo(second.epoch());
    assertThat(lease.held()).isTrue();
  }

  @Test
  void aLiveLeaseIsNeverTakenEvenUnderTheSameNameAndOneThatRanOutIs() throws InterruptedException {
    await(journal.open(domain));
    JournalHead first = await(journal.acquire(domain, "n1", 200)).orElseThrow();
    // Two processes may carry one name (a double start): the name alone never takes a live lease.
    assertThat(await(journal.acquire(domain, "n1", 200))).as("live, held under the same name").isEmpty();
    elapse(400); // twice the lease
    JournalHead taken = await(journal.acquire(domain, "n2", 60_000)).orElseThrow();
    assertThat(taken.epoch()).isEqualTo(first.epoch() + 1);
    assertThat(await(journal.renew(domain, "n1", first.epoch(), 60_000))).isFalse();
    DomainLease lease = await(journal.leases()).stream().filter(l -> l.domain().equals(domain)).findFirst().orElseThrow();
    assertThat(lease.holder()).isEqualTo("n2");
    assertThat(lease.owner()).isEqualTo("n2");
    assertThat(lease.instance()).isNull();
  }

  @Test
  void aHolderIsOneProcessNamedByNodeAndInstance() {
    await(journal.open(domain));
    String old = DomainLease.holder("standalone", "4242-a1b2c3");
    String restarted = DomainLease.holder("standalone", "4243-d4e5f6");
    JournalHead first = await(journal.acquire(domain, old, 60_000)).orElseThrow();
    assertThat(await(journal.acquire(domain, restarted, 60_000))).as("held by the older process").isEmpty();
    assertThat(await(journal.renew(domain, restarted, first.epoch(), 60_000))).isFalse();
    await(journal.release(domain, restarted, first.epoch()));
    DomainLease lease = await(journal.leases()).stream().filter(l -> l.domain().equals(domain)).findFirst().orElseThrow();
    assertThat(lease.owner()).isEqualTo("standalone");
    assertThat(lease.instance()).isEqualTo("4242-a1b2c3");
    assertThat(lease.held()).as("a release by another process of the same name is a no-op").isTrue();
    await(journal.release(domain, old, first.epoch()));
    assertThat(await(journal.acquire(domain, restarted, 60_000))).as("released by its holder").isPresent();
  }

  // ------------------------------------------------------------------ round trip and batching

  @Test
  void appendedEventsReadBackExactlyWithTheirSequenceNumbers() {
    JournalHead genesis = await(journal.open(domain));
    assertThat(genesis).isEqualTo(JournalHead.genesis(domain));

    List<JournalEntry> batch = entries(genesis, sampleEvents());
    JournalHead head = await(journal.append(genesis, batch));

    assertThat(head.seq()).isEqualTo(batch.size());
    assertThat(head.epoch()).isEqualTo(genesis.epoch());
    assertThat(await(journal.read(domain, 0, 100))).isEqualTo(batch);
    assertThat(await(journal.read(domain, 2, 2))).isEqualTo(batch.subList(2, 4));
    assertThat(await(journal.head(domain))).isEqualTo(head);
    assertThat(await(journal.open(domain))).as("opening again keeps the head").isEqualTo(head);
  }

  @Test
  void batchesOfEverySizeContinueOneAnotherAndABadBatchStoresNothing() {
    JournalHead head = await(journal.open(domain));
    List<JournalEntry> all = new ArrayList<>();
    for (int size : new int[] {1, 7, 250, 2000}) {
      List<JournalEntry> batch = entries(head, queued(size, all.size()));
      head = await(journal.append(head, batch));
      all.addAll(batch);
    }
    assertThat(head.seq()).isEqualTo(all.size());

    List<JournalEntry> bad = new ArrayList<>(entries(head, queued(5, all.size())));
    bad.set(3, new JournalEntry(domain, bad.get(3).seq() + 1, bad.get(3).recorded()));
    JournalHead before = head;
    assertConflict(journal.append(head, bad));

    assertThat(await(journal.head(domain))).isEqualTo(before);
    List<JournalEntry> read = new ArrayList<>();
    long after = 0;
    for (int page = 0; page < 10; page++) {
      List<JournalEntry> got = await(journal.read(domain, after, 1000));
      read.addAll(got);
      if (got.size() < 1000) {
        break;
      }
      after = got.get(got.size() - 1).seq();
    }
    assertThat(read).isEqualTo(all);
  }

  @Test
  void gapsRepeatsStaleHeadsAndStaleEpochsAreRefused() {
    JournalHead head = await(journal.open(domain));
    head = await(journal.append(head, entries(head, queued(5, 0))));
    JournalHead five = head;

    List<JournalEntry> gap = List.of(new JournalEntry(domain, 7, queuedEvent(9)));
    assertConflict(journal.append(five, gap));

    List<JournalEntry> repeat = List.of(new JournalEntry(domain, 5, queuedEvent(9)));
    assertConflict(journal.append(new JournalHead(domain, five.epoch(), 4, five.hash()), repeat));
    assertConflict(journal.append(five, repeat));

    JournalHead stale = new JournalHead(domain, five.epoch(), 3, five.hash());
    assertConflict(journal.append(stale, List.of(new JournalEntry(domain, 4, queuedEvent(9)))));

    JournalHead forked = new JournalHead(domain, five.epoch(), 5, HashChain.GENESIS);
    assertConflict(journal.append(forked, List.of(new JournalEntry(domain, 6, queuedEvent(9)))));

    List<JournalEntry> otherDomain = List.of(new JournalEntry("elsewhere", 6, queuedEvent(9)));
    assertConflict(journal.append(five, otherDomain));

    assertThat(await(journal.head(domain))).isEqualTo(five);
    assertThat(await(journal.read(domain, 0, 100))).hasSize(5);

    bumpEpoch(domain);
    assertConflict(journal.append(five, entries(five, queued(1, 5))));
    JournalHead taken = await(journal.head(domain));
    assertThat(taken.epoch()).isEqualTo(five.epoch() + 1);
    assertThat(await(journal.append(taken, entries(taken, queued(1, 5)))).seq()).isEqualTo(6);
  }

  // ------------------------------------------------------------------ hash chain

  @Test
  void eachEventsHashCoversThePreviousHashAndItsOwnContent() {
    JournalHead head = await(journal.open(domain));
    head = await(journal.append(head, entries(head, sampleEvents())));
    head = await(journal.append(head, entries(head, queued(3, 10))));

    List<StoredEvent> stored = await(journal.stored(domain, 0, 100));
    String prev = HashChain.GENESIS;
    for (StoredEvent e : stored) {
      assertThat(e.prevHash()).as("link of %d", e.seq()).isEqualTo(prev);
      assertThat(e.hash()).as("hash of %d", e.seq())
          .isEqualTo(HashChain.link(prev, domain, e.seq(), e.at(), e.actor(), e.payload()))
          .hasSize(64);
      assertThat(e.recorded()).isEqualTo(await(journal.read(domain, e.seq() - 1, 1)).get(0).recorded());
      prev = e.hash();
    }
    assertThat(head.hash()).isEqualTo(prev);

    JournalVerifier.Report report = await(JournalVerifier.verify(journal, domain));
    assertThat(report.intact()).as("report %s", report).isTrue();
    assertThat(report.checked()).isEqualTo(stored.size());
    assertThat(report.lastHash()).isEqualTo(head.hash());
  }

  @Test
  void verificationReportsTheFirstEditedEvent() {
    JournalHead head = await(journal.open(domain));
    List<Recorded> events = new ArrayList<>(sampleEvents());
    events.addAll(queued(6, 10));
    await(journal.append(head, entries(head, events)));
    StoredEvent completed = await(journal.stored(domain, 4, 1)).get(0);
    assertThat(completed.type()).isEqualTo("contact_completed");

    edit(domain, 5, completed.payload().replace("resolved", "escalated"));

    JournalVerifier.Report report = await(JournalVerifier.verify(journal, domain));
    assertThat(report.intact()).isFalse();
    assertThat(report.brokenAt()).isEqualTo(5);
    assertThat(report.checked()).isEqualTo(4);
    assertThat(report.problem()).contains("changed after it was written");
  }

  @Test
  void domainsChainSeparately() {
    String other = domain + "-b";
    JournalHead a = await(journal.open(domain));
    JournalHead b = await(journal.open(other));
    for (int i = 0; i < 3; i++) {
      a = await(journal.append(a, entries(a, queued(2, i * 2))));
      b = await(journal.append(b, entries(b, queued(1, i))));
    }
    assertThat(a.seq()).isEqualTo(6);
    assertThat(b.seq()).isEqualTo(3);
    assertThat(await(journal.stored(other, 0, 1)).get(0).prevHash()).isEqualTo(HashChain.GENESIS);
    assertThat(await(journal.domains())).contains(domain, other);
    assertThat(await(JournalVerifier.verify(journal, domain)).intact()).isTrue();
    assertThat(await(JournalVerifier.verify(journal, other)).intact()).isTrue();
  }

  // ------------------------------------------------------------------ queries

  @Test
  void answersHistoryCustomerAndTimeRangeQueries() {
    JournalHead head = await(journal.open(domain));
    List<Recorded> events = new ArrayList<>(sampleEvents()); // contact c1 of customer k1, at T0..T0+4s
    events.add(new Recorded(T0 + 10_000, "telephony", new Event.ContactQueued(contact("c2", "k1"))));
    events.add(new Recorded(T0 + 11_000, "telephony", new Event.ContactQueued(contact("c3", "k2"))));
    events.add(new Recorded(T0 + 12_000, "telephony", new Event.ContactAbandoned("c2")));
    await(journal.append(head, entries(head, events)));

    List<StoredEvent> c1 = await(journal.contactEvents(domain, List.of("c1"), 100));
    assertThat(c1).extracting(StoredEvent::type)
        .containsExactly("contact_queued", "offer_made", "offer_accepted", "contact_completed");
    assertThat(await(journal.contactEvents(domain, List.of("c2", "c1"), 100))).hasSize(6)
        .isSortedAccordingTo((x, y) -> Long.compare(x.seq(), y.seq()));
    assertThat(await(journal.contactEvents(domain, List.of("nobody"), 100))).isEmpty();
    assertThat(await(journal.customerContacts(domain, "k1", 10))).containsExactly("c2", "c1");
    assertThat(await(journal.customerContacts(domain, "k1", 1))).containsExactly("c2");

    List<StoredEvent> all = await(journal.stored(domain, 0, 100));
    List<StoredEvent> paged = new ArrayList<>();
    long afterAt = T0 + 1_000;
    long afterSeq = 0;
    for (int page = 0; page < 20; page++) {
      List<StoredEvent> got = await(journal.range(domain, afterAt, afterSeq, T0 + 11_000, 2));
      paged.addAll(got);
      if (got.size() < 2) {
        break;
      }
      afterAt = got.get(1).at();
      afterSeq = got.get(1).seq();
    }
    assertThat(paged).isEqualTo(all.stream().filter(e -> e.at() >= T0 + 1_000 && e.at() < T0 + 11_000).toList());
    assertThat(paged).isNotEmpty();
  }

  @Test
  void keepsTheNewestSnapshotsIntact() {
    await(journal.open(domain));
    assertThat(await(journal.latestSnapshot(domain))).isEmpty();
    for (long seq : new long[] {10, 20, 30}) {
      await(journal.saveSnapshot(StoredSnapshot.of(domain, seq, 1, HashChain.GENESIS,
          List.of("{\"seq\":" + seq + ",", "\"名\":\"值\"}"))));
    }
    Optional<StoredSnapshot> latest = await(journal.latestSnapshot(domain));
    assertThat(latest).isPresent();
    assertThat(latest.get().seq()).isEqualTo(30);
    assertThat(latest.get().parts()).containsExactly("{\"seq\":30,", "\"名\":\"值\"}");
    assertThat(latest.get().intact()).isTrue();
    assertThat(latest.get().stateHash()).isEqualTo(HashChain.digest("{\"seq\":30,\"名\":\"值\"}"));
  }

  /** A large snapshot's parts (more than one batch of them) come back in order, and it checks. */
  @Test
  void aSnapshotOfManyPartsComesBackInOrder() {
    await(journal.open(domain));
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < 41; i++) {
      parts.add("part " + i + " 部分 " + "x".repeat(i * 37) + ";");
    }
    await(journal.saveSnapshot(StoredSnapshot.of(domain, 7, 1, HashChain.GENESIS, parts)));
    StoredSnapshot latest = await(journal.latestSnapshot(domain)).orElseThrow();
    assertThat(latest.parts()).containsExactlyElementsOf(parts);
    assertThat(latest.intact()).isTrue();
    assertThat(latest.stateHash()).isEqualTo(HashChain.digest(String.join("", parts)));
  }

  // ------------------------------------------------------------------ fixtures

  /** One contact's life: configured queue, arrival, offer with its reasons, answer, completion. */
  static List<Recorded> sampleEvents() {
    QueueSpec queue = new QueueSpec("stocks", "Stocks 股票", Channel.VOICE, Map.of("stocks", 2), null,
        Set.of("practitioner"), 10, 0.5, 15, 30, 180, null, null, null);
    return List.of(
        new Recorded(T0, "admin/3fa2b1c9", new Event.QueueConfigured(queue)),
        new Recorded(T0 + 1_000, "telephony/77aa01bc", new Event.ContactQueued(contact("c1", "k1"))),
        new Recorded(T0 + 1_000, "router", new Event.OfferMade("c1.1", "c1", "a1", T0 + 16_000,
            List.of("trigger: contact waiting in queue stocks", "rank: longest-ready eligible agent"))),
        new Recorded(T0 + 3_000, "agent:a1", new Event.OfferAccepted("c1.1", "c1", "a1")),
        new Recorded(T0 + 4_000, "agent:a1", new Event.ContactCompleted("c1", "a1", "resolved",
            "explained \"margin\" rules, 解释了保证金规则", "consultation")),
        new Recorded(T0 + 4_000, "router", new Event.AgentStatusChanged("a1", AgentStatus.WRAP_UP,
            "after-contact-work", T0 + 34_000)));
  }

  // ------------------------------------------------------------------ customers' data keys

  /**
   * A sealed event keeps its key in the same append; reads open it; history finds the customer
   * through the key; an erasure's append destroys the key and the domain's snapshots, after which
   * the event reads as erased and the chain still verifies.
   */
  @Test
  void keysAreKeptWithTheirFirstEventAndDestroyedWithTheErasure() {
    java.security.SecureRandom random = new java.security.SecureRandom();
    CustomerKey zhang = CustomerKey.generate("cust-zhang", random);
    CustomerKey li = CustomerKey.generate("cust-li", random);
    JournalHead head = await(journal.open(domain));
    Recorded a = new Recorded(T0, "telephony", new Event.ContactQueued(contact("c1", "cust-zhang")));
    Recorded b = new Recorded(T0 + 1, "telephony", new Event.ContactQueued(contact("c2", "cust-li")));
    Recorded c = new Recorded(T0 + 2, "telephony", new Event.ContactQueued(contact("c3", "cust-zhang")));
    head = await(journal.append(head, List.of(new JournalEntry(domain, 1, a, zhang), new JournalEntry(domain, 2, b, li),
        new JournalEntry(domain, 3, c, zhang))));

    List<StoredEvent> stored = await(journal.stored(domain, 0, 10));
    assertThat(stored.get(0).payload()).doesNotContain("Zhang Wei", "cust-zhang", "1-2");
    assertThat(stored.get(0).customerId()).isEqualTo(zhang.id());
    assertThat(await(journal.read(domain, 0, 10))).extracting(JournalEntry::recorded).containsExactly(a, b, c);
    assertThat(await(journal.keysOf(domain, "cust-zhang"))).containsExactly(zhang.id());
    assertThat(await(journal.customerContacts(domain, "cust-zhang", 10))).containsExactly("c3", "c1");
    await(journal.saveSnapshot(StoredSnapshot.of(domain, 3, 1, head.hash(), List.of("{\"name\":\"Zhang Wei\"}"))));

    Recorded erase = new Recorded(T0 + 3, "admin", new Event.PersonalDataErased(List.of(zhang.id()), "asked"));
    head = await(journal.append(head, List.of(new JournalEntry(domain, 4, erase))));
    assertThat(await(journal.keysOf(domain, "cust-zhang"))).isEmpty();
    assertThat(await(journal.secrets(domain, List.of(zhang.id(), li.id())))).containsOnlyKeys(li.id());
    assertThat(await(journal.latestSnapshot(domain))).as("snapshots may hold what the key sealed").isEmpty();
    assertThat(await(journal.customerContacts(domain, "cust-zhang", 10))).isEmpty();
    List<JournalEntry> after = await(journal.read(domain, 0, 10));
    Event.ContactQueued erased = (Event.ContactQueued) after.get(0).recorded().event();
    assertThat(erased.contact().customer().name()).isEqualTo("[erased]");
    assertThat(erased.contact().customer().id()).isEqualTo("erased:" + zhang.id());
    assertThat(erased.contact().queue()).isEqualTo("stocks");
    assertThat(after.get(1).recorded()).as("another customer's data still reads").isEqualTo(b);
    assertThat(await(JournalVerifier.verify(journal, domain)).intact()).isTrue();
  }

  /**
   * An erasure's append stores the state it leaves as the domain's snapshot in the same transaction
   * that deletes the older ones, placed at its last event; a refused append stores neither. Which
   * key sealed each of a customer's arrivals is found by the lookup column, in journal order.
   */
  @Test
  void anErasureAppendReplacesTheSnapshotsWithTheStateItLeaves() {
    java.security.SecureRandom random = new java.security.SecureRandom();
    CustomerKey zhang = CustomerKey.generate("cust-zhang", random);
    CustomerKey again = CustomerKey.generate("cust-zhang", random);
    JournalHead head = await(journal.open(domain));
    Recorded a = new Recorded(T0, "telephony", new Event.ContactQueued(contact("c1", "cust-zhang")));
    Recorded b = new Recorded(T0 + 1, "telephony", new Event.ContactQueued(contact("c2", "cust-zhang")));
    Recorded c = new Recorded(T0 + 2, "telephony", new Event.ContactQueued(contact("c3", "cust-zhang")));
    Recorded d = new Recorded(T0 + 3, "telephony", new Event.ContactQueued(contact("c4", "cust-li")));
    head = await(journal.append(head, List.of(new JournalEntry(domain, 1, a, zhang), new JournalEntry(domain, 2, b),
        new JournalEntry(domain, 3, c, again), new JournalEntry(domain, 4, d))));
    assertThat(await(journal.arrivalsBy(domain, List.of(zhang.id(), again.id(), "cust-zhang"))))
        .containsExactly(Map.entry("c1", zhang.id()), Map.entry("c2", "cust-zhang"), Map.entry("c3", again.id()));
    await(journal.saveSnapshot(StoredSnapshot.of(domain, 4, 1, head.hash(), List.of("{\"name\":", "\"Zhang Wei\"}"))));

    Recorded erase = new Recorded(T0 + 4, "admin",
        new Event.PersonalDataErased(List.of(zhang.id(), again.id()), "asked"));
    StoredSnapshot.Unplaced blanked = new StoredSnapshot.Unplaced(1, List.of("{\"name\":", "\"[erased]\"", "}"));
    JournalHead stale = head;
    assertThat(await(journal.append(JournalHead.genesis(domain), List.of(new JournalEntry(domain, 5, erase)), blanked)
        .map(h -> (Throwable) null).otherwise(err -> err))).isInstanceOf(JournalConflict.class);
    assertThat(await(journal.latestSnapshot(domain))).get().extracting(StoredSnapshot::seq).isEqualTo(4L);

    head = await(journal.append(stale, List.of(new JournalEntry(domain, 5, erase)), blanked));
    StoredSnapshot stored = await(journal.latestSnapshot(domain)).orElseThrow();
    assertThat(stored.seq()).isEqualTo(5);
    assertThat(stored.chainHash()).isEqualTo(head.hash());
    assertThat(stored.parts()).containsExactly("{\"name\":", "\"[erased]\"", "}");
    assertThat(stored.intact()).isTrue();
    assertThat(await(journal.keysOf(domain, "cust-zhang"))).isEmpty();
    assertThat(await(JournalVerifier.verify(journal, domain)).intact()).isTrue();
  }

  static ContactSpec contact(String id, String customer) {
    return new ContactSpec(id, Channel.VOICE, "stocks", Map.of("mandarin", 3), 50,
        new Customer(customer, "Zhang Wei", "vip", 3), Map.of("ivr", "1-2"), "call-" + id, null, Set.of(),
        null, null, null, null, null, null);
  }

  static Recorded queuedEvent(int n) {
    return new Recorded(T0 + n * 10L, "telephony", new Event.ContactQueued(contact("q" + n, "k" + (n % 3))));
  }

  static List<Recorded> queued(int count, int from) {
    List<Recorded> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(queuedEvent(from + i));
    }
    return out;
  }

  List<JournalEntry> entries(JournalHead after, List<Recorded> events) {
    List<JournalEntry> out = new ArrayList<>();
    long seq = after.seq();
    for (Recorded r : events) {
      out.add(new JournalEntry(after.domain(), ++seq, r));
    }
    return out;
  }

  static void assertConflict(Future<?> future) {
    assertThatThrownBy(() -> await(future))
        .isInstanceOfAny(JournalConflict.class, CompletionException.class)
        .satisfies(e -> assertThat(e instanceof JournalConflict ? e : e.getCause()).isInstanceOf(JournalConflict.class));
  }
}
