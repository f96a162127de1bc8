package dev.contactrouter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Domains spread out when nodes join. One node starts alone and owns all three domains; under
 * load two more join, and within a bounded time each of the three owns at least one domain.
 * Contacts pushed meanwhile are all acknowledged in the end (503 while a domain changes hands is
 * retried with the same key) and are in the journal exactly once; offers stay exclusive and every
 * chain verifies.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RebalanceIT {
  private static final long SPREAD_SECONDS = 60;

  @RegisterExtension
  static final ClusterFixture CLUSTER = new ClusterFixture(() -> ClusterNodes.create(RebalanceIT.class, ClusterNodes.DOMAINS, 3, 2, Map.of()));

  @Test
  void joiningNodesTakeOverDomainsWithoutLosingContacts(ClusterNodes nodes) throws Exception {
    nodes.start("n1");
    JsonObject alone = nodes.awaitView("n1 owning every domain", 60,
        view -> ClusterNodes.owners(view).size() == ClusterNodes.DOMAINS.size()
            && new HashSet<>(ClusterNodes.owners(view).values()).equals(java.util.Set.of("n1")));
    System.out.println("alone: " + alone.getJsonArray("domains"));
    nodes.configureCentre(30);
    CentreLoad load = new CentreLoad(nodes, 200, 400, 120);
    load.start();
    load.awaitEveryDomain(5, 0, 30, "on one node");

    long joinedAt = System.currentTimeMillis();
    nodes.start("n2", "n3");
    JsonObject spread = nodes.awaitView("every node owning a domain", SPREAD_SECONDS,
        view -> new HashSet<>(ClusterNodes.owners(view).values()).equals(java.util.Set.of("n1", "n2", "n3"))
            && ClusterNodes.owners(view).size() == ClusterNodes.DOMAINS.size());
    long spreadAt = System.currentTimeMillis();
    System.out.printf("domains spread %d ms after n2 and n3 were started: %s%n", spreadAt - joinedAt,
        spread.getJsonArray("domains"));
    for (String d : ClusterNodes.DOMAINS) {
      JsonObject now = ClusterNodes.domain(spread, d);
      JsonObject first = ClusterNodes.domain(alone, d);
      if (!now.getString("owner").equals("n1")) {
        assertThat(now.getLong("epoch")).as("%s moved to %s on a new epoch", d, now.getString("owner"))
            .isGreaterThan(first.getLong("epoch"));
      }
    }

    load.awaitEveryDomain(5, spreadAt, 40, "after the spread");
    load.stop();

    assertThat(load.unexpected()).as("answers no client should see").isEmpty();
    assertThat(load.unacknowledged()).as("contacts never acknowledged despite retries").isEmpty();
    JournalReplay.assertKeptEverything(nodes, load);
    assertThat(nodes.unexpectedErrors((id, line) -> false)).as("errors the nodes logged").isEmpty();
  }
}
