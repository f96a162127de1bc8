package dev.contactrouter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.RouterProcess;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM of a domain's owner under load. The node must exit within its shutdown bound, hand its
 * domain over at once (it releases the lease, so another node takes it long before the lease
 * would have run out: the lease here is 15 s), close agents' WebSockets with 1012 (service
 * restart) so consoles reconnect elsewhere, and lose nothing it acknowledged.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GracefulShutdownIT {
  private static final long LEASE_MILLIS = 15_000;
  private static final long SHUTDOWN_MILLIS = 5_000;
  private static final long HANDOVER_BOUND_MILLIS = 7_000;

  @RegisterExtension
  static final ClusterFixture CLUSTER = new ClusterFixture(() -> ClusterNodes.three(GracefulShutdownIT.class,
        Map.of("ROUTER_LEASE_MS", String.valueOf(LEASE_MILLIS), "ROUTER_SHUTDOWN_TIMEOUT_MS", String.valueOf(SHUTDOWN_MILLIS))));

  @Test
  void sigtermHandsTheDomainOverAtOnceAndLosesNothing(ClusterNodes nodes) throws Exception {
    CentreLoad load = nodes.startUnderLoad(200);
    ClusterNodes.Owner leaving = nodes.owner("a");
    RouterProcess node = leaving.process();

    // An agent console on the leaving node.
    AgentConsole console = AgentConsole.open(nodes, node, "a1");
    console.state(10);

    long termAt = System.currentTimeMillis();
    nodes.terminate(leaving.id());
    JsonObject after = nodes.awaitTakenFrom(leaving, "a", "a handed over", 30);
    long handedOverAfter = System.currentTimeMillis() - termAt;
    System.out.printf("a owned by %s %d ms after SIGTERM%n", after.getString("owner"),
        handedOverAfter);
    assertThat(handedOverAfter).as("released, not left to expire (lease %d ms)", LEASE_MILLIS)
        .isLessThan(HANDOVER_BOUND_MILLIS);

    Integer exit = node.awaitExit(Math.max(1, termAt + SHUTDOWN_MILLIS + 5_000 - System.currentTimeMillis()));
    long exitedAfter = System.currentTimeMillis() - termAt;
    System.out.printf("%s exited with %s %d ms after SIGTERM%n", leaving.id(), exit, exitedAfter);
    assertThat(exit).as("%s exits within %d ms + 5 s of SIGTERM:%n%s", leaving.id(), SHUTDOWN_MILLIS, node.tail(40))
        .isNotNull();
    assertThat(exit).as("exit code after SIGTERM (the JVM's 128 + 15 once its shutdown has run)").isEqualTo(143);

    String code = console.closedWith(5);
    console.close();
    System.out.println("agent socket closed with " + code);
    assertThat(code).as("agent socket close code (1012: service restart)").isEqualTo("1012");

    load.awaitEveryDomain(5, termAt + handedOverAfter, 40, "after the stop");
    load.stop();

    assertThat(load.unexpected()).as("answers no client should see").isEmpty();
    assertThat(load.unacknowledged()).as("contacts never acknowledged despite retries").isEmpty();
    JournalReplay.assertKeptEverything(nodes, load);
    assertThat(node.logLines("released domain a")).as("%s logs the release", leaving.id()).isNotEmpty();
    assertThat(nodes.unexpectedErrors((id, line) -> false)).as("errors the nodes logged").isEmpty();
  }
}
