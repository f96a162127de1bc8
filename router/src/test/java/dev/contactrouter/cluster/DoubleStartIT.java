package dev.contactrouter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.RouterProcess;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator's mistakes with standalone (unclustered) nodes: the jar started twice against one
 * PostgreSQL database, both with the default node id, and a restart that overlaps the old
 * process. Under load through the first node (n1), a second (n2) is started: it must stand by
 * (its log says so, {@code /health/ready} answers 503 naming the holder, commands sent to it get
 * 503) and never take the live lease: the domain's epoch and holder stay as n1 took them for
 * longer than two leases (before the fix, the two took the lease from each other every 3–5 s).
 * Then n1 is stopped with SIGTERM while n2 runs, as a restart whose new process started before
 * the old one ended: n2 owns the domain as soon as n1 has released it. Last, a third start (n3)
 * stands by and n2 is killed with SIGKILL: n3 takes over once n2's lease runs out. From the
 * journal: every acknowledged contact there exactly once, offers exclusive, the chain intact, and
 * exactly one lease taken per process.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DoubleStartIT {
  private static final String DOMAIN = "default";
  /** Longer than two leases and than the 3–5 s period at which two processes of one name used to swap the lease. */
  private static final long OVERLAP_MILLIS = 10_000;

  @RegisterExtension
  static final ClusterFixture CLUSTER = new ClusterFixture(() -> ClusterNodes.standalone(DoubleStartIT.class, DOMAIN, 3, 3, Map.of()));

  @Test
  void aSecondProcessStandsByAndTakesOverOnlyWhenTheFirstHasGone(ClusterNodes nodes) throws Exception {
    nodes.start("n1");
    RouterProcess n1 = nodes.node("n1");
    JsonObject first = JournalReplay.domainRow(nodes.pool(), DOMAIN);
    String n1Holder = first.getString("owner");
    long epoch1 = first.getLong("epoch");
    assertThat(n1Holder).as("n1's lease names its process: %s", first).startsWith("standalone#" + n1.pid() + "-");
    nodes.configureCentre(30);
    CentreLoad load = new CentreLoad(nodes, 200, 400, 180);
    load.start();
    load.awaitEveryDomain(5, 0, 30, "on n1");

    // The double start: same database, same (default) node id.
    RouterProcess n2 = nodes.launch("n2");
    n2.awaitHttp("/health/live", 90);
    long overlapFrom = System.currentTimeMillis();
    HttpResponse<Buffer> ready = n2.call(HttpMethod.GET, "/health/ready", null, null);
    System.out.println("n2 standing by, /health/ready: " + ready.statusCode() + " " + ready.bodyAsString());
    assertThat(ready.statusCode()).as("a standby is not ready").isEqualTo(503);
    assertThat(ready.bodyAsString()).as("readiness names the holder").contains("standing by")
        .contains(n1Holder.substring(n1Holder.indexOf('#') + 1));
    assertThat(n2.logLines("standing by for domain " + DOMAIN)).as("n2 says it stands by").isNotEmpty();

    // For longer than the old flapping period: the lease stays n1's, n1 keeps acknowledging,
    // and n2 takes no command.
    List<String> standbyAnswers = new ArrayList<>();
    List<String> probeKeys = new ArrayList<>();
    long until = overlapFrom + OVERLAP_MILLIS;
    while (System.currentTimeMillis() < until) {
      JsonObject row = JournalReplay.domainRow(nodes.pool(), DOMAIN);
      assertThat(row.getLong("epoch")).as("no takeover while both run: %s", row).isEqualTo(epoch1);
      assertThat(row.getString("owner")).as("still n1's lease: %s", row).isEqualTo(n1Holder);
      String key = UUID.randomUUID().toString();
      probeKeys.add(key);
      HttpResponse<Buffer> r = n2.call(HttpMethod.POST, "/v1/contacts", nodes.telephonyKey(DOMAIN),
          new JsonObject().put("channel", "voice").put("queue", ClusterNodes.QUEUE).put("externalId", key), key);
      standbyAnswers.add(String.valueOf(r.statusCode()));
      Thread.sleep(500);
    }
    System.out.println("commands sent to the standby n2: " + standbyAnswers);
    assertThat(standbyAnswers).as("the standby refuses commands").containsOnly("503");
    assertThat(load.acknowledgedIn(DOMAIN, overlapFrom)).as("n1 routes on while n2 stands by").isGreaterThanOrEqualTo(5);

    // The overlapping restart: the old process (n1) stops while the new one (n2) is running.
    Takeover handover = takeover(nodes, n2, "n1's SIGTERM", () -> nodes.terminate("n1"));
    assertThat(n1.awaitExit(15_000)).as("n1 exits after SIGTERM:%n%s", n1.tail(30)).isEqualTo(143);
    long onN2 = System.currentTimeMillis();
    load.awaitEveryDomain(5, onN2, 40, "on n2 after n1 stopped");

    // Another standby, then a crash of the owner: the standby takes over once the lease runs out.
    RouterProcess n3 = nodes.launch("n3");
    n3.awaitHttp("/health/live", 90);
    assertThat(n3.call(HttpMethod.GET, "/health/ready", null, null).statusCode()).as("n3 stands by").isEqualTo(503);
    Takeover crash = takeover(nodes, n3, "n2's SIGKILL", () -> nodes.kill("n2"));
    load.awaitEveryDomain(5, System.currentTimeMillis(), 40, "on n3 after n2 was killed");
    load.stop();

    assertThat(load.unexpected()).as("answers no client should see").isEmpty();
    assertThat(load.unacknowledged()).as("contacts never acknowledged despite retries").isEmpty();
    Map<String, JournalReplay> journals = JournalReplay.assertKeptEverything(nodes, load);
    Map<String, Integer> queued = journals.get(DOMAIN).queuedByKey();
    assertThat(probeKeys.stream().filter(k -> queued.getOrDefault(k, 0) > 0).toList())
        .as("commands the standby answered 503 were not journaled").isEmpty();
    assertThat(crash.row().getLong("epoch"))
        .as("one lease per process, no swapping: %s then %s then %s", first, handover.row(), crash.row())
        .isEqualTo(epoch1 + 2);
    for (String id : List.of("n1", "n2", "n3")) {
      assertThat(nodes.node(id).logLines("took the lease of domain " + DOMAIN)).as("%s took the lease once", id).hasSize(1);
    }
    assertThat(n1.logLines("lost domain")).as("n1 never lost the domain to n2").isEmpty();
    assertThat(n1.logLines("released domain " + DOMAIN)).as("n1 released it when it stopped").isNotEmpty();
    assertThat(nodes.unexpectedErrors((id, line) -> false)).as("errors the nodes logged").isEmpty();
    System.out.printf("FAULT double-start-and-overlapping-restart %s handover-after-sigterm-ms=%d "
        + "takeover-after-kill-ms=%d%n", JournalReplay.counts(load, journals), handover.afterMillis(),
        crash.afterMillis());
  }

  /** The lease's row once a standby held it, and how long after the fault to its holder that was. */
  private record Takeover(JsonObject row, long afterMillis) {}

  private interface Fault {
    void run() throws Exception;
  }

  /**
   * Runs {@code fault} on the holder and waits until {@code next} holds the domain (printing how
   * long that took) and is ready; the load then goes through {@code next}.
   */
  private static Takeover takeover(ClusterNodes nodes, RouterProcess next, String fault, Fault run) throws Exception {
    long from = System.currentTimeMillis();
    run.run();
    JsonObject row = awaitHolder(nodes, next, 30);
    long after = System.currentTimeMillis() - from;
    System.out.printf("%s holds %s (epoch %d) %d ms after %s%n", next.name(), DOMAIN, row.getLong("epoch"), after, fault);
    next.awaitHttp("/health/ready", 30);
    nodes.setServing(next.name(), true);
    return new Takeover(row, after);
  }

  /** Waits until {@code node}'s process holds the domain's lease; the row then. */
  private static JsonObject awaitHolder(ClusterNodes nodes, RouterProcess node, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonObject row = null;
    while (System.nanoTime() < deadline) {
      row = JournalReplay.domainRow(nodes.pool(), DOMAIN);
      String owner = row == null ? null : row.getString("owner");
      if (owner != null && owner.startsWith("standalone#" + node.pid() + "-")) {
        return row;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(node.name() + " does not hold " + DOMAIN + " within " + seconds + " s: " + row + "\n"
        + nodes.logTails(20));
  }
}
