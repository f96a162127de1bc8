package dev.contactrouter.cluster;

import static dev.contactrouter.testing.Await.await;
import static dev.contactrouter.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.engine.FlakyJournal;
import dev.contactrouter.store.DomainLease;
import dev.contactrouter.store.Journal;
import dev.contactrouter.store.MemoryJournal;
import dev.contactrouter.testing.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ownership of domains between nodes sharing one journal, with membership under the test's
 * control and writers that only record when they run: who takes what, rebalancing when a node
 * joins, takeover when an owner loses its journal, and that two nodes never run one domain's
 * writer at the same epoch.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnershipTest {
  private static final long LEASE = 600;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final List<String> DOMAINS = List.of("d1", "d2", "d3", "d4", "d5", "d6");

  private Vertx vertx;
  private MemoryJournal journal;
  /** Live writers: domain -> node ids running it now. */
  private final Map<String, Set<String>> running = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<Member> members = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = TestVertx.create();
    journal = new MemoryJournal();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  void aNodeOnItsOwnTakesEveryDomain() throws Exception {
    OwnershipVerticle a = node("a", journal);
    deploy(a);
    assertThat(a.held()).containsExactlyInAnyOrderElementsOf(DOMAINS);
    assertThat(leases()).allSatisfy(l -> assertThat(l.owner()).isEqualTo("a"));
  }

  @Test
  void domainsSpreadWhenNodesJoinAndComeBackWhenTheyLeave() throws Exception {
    OwnershipVerticle a = node("a", journal);
    deploy(a);
    OwnershipVerticle b = node("b", journal);
    String bDeployment = deploy(b);
    OwnershipVerticle c = node("c", journal);
    deploy(c);
    Set<String> expectedA = expected("a", "a", "b", "c");
    Set<String> expectedB = expected("b", "a", "b", "c");
    until("domains spread by rendezvous over a, b and c",
        () -> a.held().equals(expectedA) && b.held().equals(expectedB) && c.held().equals(expected("c", "a", "b", "c")),
        WAIT);
    assertThat(expectedA.size() + expectedB.size()).isLessThan(DOMAINS.size());

    // b stops gracefully: it hands its domains over, and a and c take them without waiting for a lease.
    members.removeIf(m -> m.id().equals("b"));
    long stopped = System.nanoTime();
    await(vertx.undeploy(bDeployment));
    until("b's domains taken by a and c", () -> a.held().size() + c.held().size() == DOMAINS.size(), WAIT);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped)).isLessThan(10_000);
    assertThat(violations).isEmpty();
  }

  @Test
  void anOwnerThatLosesItsJournalStopsWritingAndAnotherTakesOverAtAHigherEpoch() throws Exception {
    FlakyJournal aJournal = new FlakyJournal(journal);
    OwnershipVerticle a = node("a", aJournal);
    deploy(a);
    OwnershipVerticle b = node("b", journal);
    deploy(b);
    until("domains split between a and b",
        () -> !a.held().isEmpty() && !b.held().isEmpty() && a.held().size() + b.held().size() == DOMAINS.size(), WAIT);
    Set<String> aHad = a.held();
    Map<String, Long> epochs = epochs();

    // a cannot reach the journal any more but stays a member: it stops its writers once its lease
    // runs out, and b takes a's domains as orphans, each at a new epoch.
    aJournal.mode(FlakyJournal.Mode.DOWN);
    until("a gave up its domains", () -> a.held().isEmpty(), WAIT);
    until("b took a's domains over", () -> b.held().size() == DOMAINS.size(), WAIT);
    Map<String, Long> after = epochs();
    for (String d : aHad) {
      assertThat(after.get(d)).as("epoch of " + d).isGreaterThan(epochs.get(d));
    }
    assertThat(violations).isEmpty();

    // a's journal comes back: it must not take anything back while b holds the leases.
    aJournal.mode(FlakyJournal.Mode.UP);
    Thread.sleep(3 * LEASE); // a bounded wait for a round or several to run
    assertThat(b.held()).hasSize(DOMAINS.size());
    assertThat(violations).isEmpty();
  }

  @Test
  void twoProcessesOfOneNameNeverTakeEachOthersLeasesAndTheSecondTakesOverWhenTheFirstStops() throws Exception {
    OwnershipVerticle first = standalone("first");
    String firstDeployment = deploy(first);
    assertThat(first.held()).containsExactlyInAnyOrderElementsOf(DOMAINS);
    Map<String, Long> epochs = epochs();

    // A double start: same journal, same node id ("standalone"), another process.
    OwnershipVerticle second = standalone("second");
    deploy(second);
    Thread.sleep(5 * LEASE); // a bounded wait: rounds every third of a lease
    assertThat(second.held()).as("the second stands by").isEmpty();
    assertThat(first.held()).containsExactlyInAnyOrderElementsOf(DOMAINS);
    assertThat(epochs()).as("no lease changed hands").isEqualTo(epochs);

    // The first stops while the second runs (a restart that overlaps the old process).
    vertx.undeploy(firstDeployment).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    until("the second took every domain", () -> second.held().size() == DOMAINS.size(), WAIT);
    Map<String, Long> after = epochs();
    for (String d : DOMAINS) {
      assertThat(after.get(d)).as("epoch of " + d).isEqualTo(epochs.get(d) + 1);
    }
    assertThat(violations).isEmpty();
  }

  // ------------------------------------------------------------- helpers

  /** A node on its own, named "standalone" as every unclustered node is by default. */
  private OwnershipVerticle standalone(String label) {
    Member self = new Member("standalone", Member.newInstance(), "127.0.0.1", 8080);
    return new OwnershipVerticle(journal, Membership.single(self), DOMAINS, LEASE, false, writers(label));
  }

  private OwnershipVerticle node(String id, Journal nodeJournal) {
    Member self = new Member(id, Member.newInstance(), "127.0.0.1", 8080);
    members.add(self);
    Membership membership = new Membership() {
      @Override
      public Member self() {
        return self;
      }

      @Override
      public Future<List<Member>> members() {
        List<Member> live = new ArrayList<>(members);
        live.sort(java.util.Comparator.comparing(Member::id));
        return Future.succeededFuture(live);
      }

      @Override
      public boolean healthy() {
        return true;
      }
    };
    return new OwnershipVerticle(nodeJournal, membership, DOMAINS, LEASE, true, writers(id));
  }

  /** Writers that only record where each domain's writer runs, and any domain running in two places. */
  private OwnershipVerticle.Writers writers(String id) {
    return new OwnershipVerticle.Writers() {
      @Override
      public Future<String> start(String domain, long epoch, Runnable onFenced) {
        Set<String> nodes = running.computeIfAbsent(domain, k -> ConcurrentHashMap.newKeySet());
        if (!nodes.isEmpty()) {
          violations.add(domain + " started on " + id + " while running on " + nodes);
        }
        nodes.add(id);
        return Future.succeededFuture(domain + "@" + id + "#" + epoch);
      }

      @Override
      public Future<Void> stop(String deploymentId) {
        String domain = deploymentId.substring(0, deploymentId.indexOf('@'));
        running.getOrDefault(domain, Set.of()).remove(id);
        return Future.succeededFuture();
      }
    };
  }

  private String deploy(OwnershipVerticle v) throws Exception {
    return await(vertx.deployVerticle(v));
  }

  private Set<String> expected(String node, String... all) {
    Set<String> out = new TreeSet<>();
    for (String d : DOMAINS) {
      if (Rendezvous.owner(d, List.of(all)).equals(node)) {
        out.add(d);
      }
    }
    return out;
  }

  private List<DomainLease> leases() throws Exception {
    return await(journal.leases());
  }

  private Map<String, Long> epochs() throws Exception {
    Map<String, Long> out = new java.util.HashMap<>();
    leases().forEach(l -> out.put(l.domain(), l.epoch()));
    return out;
  }
}
