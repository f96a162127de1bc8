package dev.contactrouter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.RouterProcess;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of a domain's owner under load, three nodes and three domains. Telephony pushes contacts
 * to random nodes and agents work through nodes of their own; mid-load the owner of domain
 * {@code a} (as GET /v1/cluster says) is killed with SIGKILL and the load carries on, agents on the
 * dead node moving to others. Then, from the journal in PostgreSQL: every acknowledged contact is
 * there exactly once, no contact was ever offered to or held by two agents and no agent held more
 * than one, the chain verifies; {@code a} has a new owner at a higher epoch; every domain kept
 * routing after the kill. Takeover time (kill to the first offer made for {@code a} afterwards)
 * is printed as {@code TAKEOVER_MS=<n>}; only a bound of twice the 3 s target is asserted (the
 * machine running the suite may be loaded). From the kill on, contact creations for {@code a}
 * are also sent every 100 ms through the survivors, each on its own: none may wait out the
 * request timeout (a request to the dead owner fails fast with 503, one sent while nobody holds
 * {@code a} waits for the new owner), and each acknowledged one is journaled once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterFailoverIT {
  private static final long TAKEOVER_BOUND_MILLIS = 6_000;
  private static final long REQUEST_TIMEOUT_MILLIS = 5_000;
  private static final int PROBES = 60;

  @RegisterExtension
  static final ClusterFixture CLUSTER = new ClusterFixture(() -> ClusterNodes.three(ClusterFailoverIT.class, Map.of()));

  @Test
  void killNineOfAnOwnerLosesNothingAndRoutingCarriesOn(ClusterNodes nodes) throws Exception {
    CentreLoad load = nodes.startUnderLoad(200);
    JsonObject before = nodes.view(nodes.anyServing());
    assertThat(before.getBoolean("clustered")).as("%s", before).isTrue();
    assertThat(before.getJsonArray("nodes")).as("members: %s", before).hasSize(3);
    JsonObject a = ClusterNodes.domain(before, "a");
    String victim = a.getString("owner");
    long epochBefore = a.getLong("epoch");
    assertThat(victim).as("a has an owner: %s", before).isNotNull();
    AgentConsole console = AgentConsole.open(nodes, nodes.node(victim), "b1");
    console.state(10);
    long killedAt = System.currentTimeMillis();
    nodes.kill(victim);
    System.out.printf("killed %s (owner of a at epoch %d) at %d%n", victim, epochBefore, killedAt);
    Probes probes = Probes.start(nodes, "a", PROBES);

    JsonObject after = nodes.awaitView("a new owner of a", 40, view -> {
      JsonObject d = ClusterNodes.domain(view, "a");
      return d != null && d.getString("owner") != null && !victim.equals(d.getString("owner"))
          && d.getLong("epoch") > epochBefore;
    });
    long ownerSeenAt = System.currentTimeMillis();
    String heir = ClusterNodes.domain(after, "a").getString("owner");
    System.out.printf("a taken by %s at epoch %d, seen %d ms after the kill%n", heir,
        ClusterNodes.domain(after, "a").getLong("epoch"), ownerSeenAt - killedAt);

    // The load carries on through the survivors: every domain acknowledges new contacts.
    load.awaitEveryDomain(8, ownerSeenAt, 40, "after the takeover");
    List<Probes.Answer> answers = probes.await();
    System.out.println("requests for a sent after the kill (ms after the kill: status in ms): " + answers);
    // A console whose node died sees its socket end and reconnects through another node.
    String ended = console.closedWith(10);
    console.close();
    try (AgentConsole again = AgentConsole.open(nodes, nodes.node(heir), "b1")) {
      assertThat(again.state(15).getJsonObject("agent").getString("id")).as("resynchronised on %s", heir)
          .isEqualTo("b1");
    }
    System.out.println("b1's console on " + victim + " ended (" + ended + ") and reconnected through " + heir);
    load.stop();

    assertThat(load.unexpected()).as("answers no client should see").isEmpty();
    assertThat(load.unacknowledged()).as("contacts never acknowledged despite retries").isEmpty();
    Map<String, JournalReplay> journals = JournalReplay.assertKeptEverything(nodes, load);

    for (String d : ClusterNodes.DOMAINS) {
      assertThat(journals.get(d).count("offer_made", killedAt)).as("%s routes after the kill", d).isPositive();
    }
    JournalReplay.Stored first = journals.get("a").firstAfter("offer_made", killedAt);
    long takeover = first.atMillis() - killedAt;
    System.out.println("TAKEOVER_MS=" + takeover);
    assertThat(takeover).as("kill to the first offer of a's new owner").isLessThan(TAKEOVER_BOUND_MILLIS);

    assertThat(answers).as("every request for a sent after the kill answered").allMatch(Probes.Answer::answered);
    // Whether a request waited out the request timeout is told by how it failed, not by the clock
    // (on a loaded machine a request the new owner acknowledges may itself take seconds).
    assertThat(answers).as("no request for a waits out the %d ms request timeout", REQUEST_TIMEOUT_MILLIS)
        .noneMatch(x -> x.status() == 503 && x.detail() != null && x.detail().contains("did not answer in time"));
    assertThat(answers).as("answers: acknowledged, or 503 to retry").allMatch(x -> x.status() < 300 || x.status() == 503);
    Map<String, Integer> queued = journals.get("a").queuedByKey();
    for (Probes.Answer x : answers) {
      int journaled = queued.getOrDefault(x.key(), 0);
      if (x.status() < 300) {
        assertThat(journaled).as("acknowledged probe %s journaled once", x).isEqualTo(1);
      } else {
        assertThat(journaled).as("probe %s journaled at most once", x).isLessThanOrEqualTo(1);
      }
    }
    System.out.printf("FAULT kill-9-owner %s TAKEOVER_MS=%d probes-2xx=%d probes-503=%d%n",
        JournalReplay.counts(load, journals), takeover, answers.stream().filter(x -> x.status() < 300).count(),
        answers.stream().filter(x -> x.status() == 503).count());

    JsonObject row = JournalReplay.domainRow(nodes.pool(), "a");
    assertThat(row.getLong("epoch")).as("journal_domains row of a: %s", row).isGreaterThan(epochBefore);
    RouterProcess heirNode = nodes.node(heir);
    long newEpoch = ClusterNodes.domain(after, "a").getLong("epoch");
    assertThat(heirNode.logLines("acquired domain a at epoch " + newEpoch)).as("%s logs the takeover", heir).isNotEmpty();
    assertThat(heirNode.call(HttpMethod.GET, "/metrics", null, null).bodyAsString())
        .as("ownership changes counted").contains("router_cluster_ownership_changes_total");
    assertThat(nodes.unexpectedErrors((id, line) -> false)).as("errors the nodes logged").isEmpty();
  }
}
