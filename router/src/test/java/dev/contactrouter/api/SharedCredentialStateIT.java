package dev.contactrouter.api;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tickets and sign-in failures are one state for a whole cluster, through the Hazelcast map: a
 * ticket got from one node opens one connection on another, once; failures counted on two nodes
 * lock the user on both. Two clustered Vert.x instances in this JVM, on 127.0.0.1, with a random
 * cluster name and no auto-detection.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedCredentialStateIT {
  private static final Duration START = Duration.ofSeconds(60);
  private static final long T0 = 1_700_000_000_000L;

  private Vertx a;
  private Vertx b;

  @BeforeEach
  void startTwoNodes() throws IOException {
    String cluster = "credentials-" + UUID.randomUUID();
    int portA = freePort();
    int portB = freePort();
    a = await(node(cluster, portA, portB), START);
    b = await(node(cluster, portB, portA), START);
  }

  @AfterEach
  void stop() {
    for (Vertx v : new Vertx[] {b, a}) {
      if (v != null) {
        await(v.close(), START);
      }
    }
  }

  @Test
  void aTicketFromOneNodeOpensOneConnectionOnAnother() {
    Principal supervisor = new Principal("5f2a9c0e11d3b7a4", "supervisor", null, T0 + 600_000, "branch-sz");
    StreamTickets.Ticket ticket = await(new StreamTickets(a).issue(supervisor, T0));
    assertThat(ticket.expiresAt()).isEqualTo(T0 + StreamTickets.TTL_MILLIS);
    assertThat(await(new StreamTickets(b).redeem(ticket.secret(), T0 + 1_000))).contains(supervisor);
    assertThat(await(new StreamTickets(a).redeem(ticket.secret(), T0 + 2_000))).as("spent").isEqualTo(Optional.empty());
    StreamTickets.Ticket late = await(new StreamTickets(a).issue(supervisor, T0));
    assertThat(await(new StreamTickets(b).redeem(late.secret(), T0 + StreamTickets.TTL_MILLIS)))
        .as("expired").isEqualTo(Optional.empty());
  }

  @Test
  void failuresCountedOnTwoNodesLockTheUserOnBoth() {
    SignInThrottle onA = new SignInThrottle(a);
    SignInThrottle onB = new SignInThrottle(b);
    for (int i = 1; i < SignInThrottle.USER_FAILURES; i++) {
      assertThat(await((i % 2 == 0 ? onA : onB).failed("li", "10.0.0." + i, T0)).locked()).isFalse();
    }
    assertThat(await(onA.failed("li", "10.0.0.9", T0)).retryAfterSeconds()).isEqualTo(1);
    assertThat(await(onB.check("li", "10.0.0.10", T0 + 10)).locked()).isTrue();
    await(onB.succeeded("li"));
    assertThat(await(onA.check("li", "10.0.0.10", T0 + 10)).locked()).isFalse();
  }

  private static io.vertx.core.Future<Vertx> node(String cluster, int port, int peer) {
    Config hz = new Config();
    hz.setClusterName(cluster);
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "1");
    hz.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    hz.setProperty("hazelcast.socket.bind.any", "false");
    hz.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    JoinConfig join = hz.getNetworkConfig().getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + port, "127.0.0.1:" + peer));
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setPort(0);
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hz)).buildClustered();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
