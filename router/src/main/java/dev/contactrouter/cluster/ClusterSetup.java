package dev.contactrouter.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.contactrouter.config.RouterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * A clustered Vert.x for a node: Hazelcast for membership and the clustered event bus, joined
 * over TCP-IP to the configured members (no multicast) or through Kubernetes DNS discovery, with
 * failure detection tuned from Hazelcast's 60 s default down to {@code ROUTER_CLUSTER_FAILURE_SECONDS}.
 */
public final class ClusterSetup {
  /** Hazelcast's cluster name: nodes of other products on the same network never join ours. */
  static final String CLUSTER_NAME = "contact-router";

  private ClusterSetup() {}

  /** Starts a clustered Vert.x with {@code options}; {@code config}'s HTTP port must be concrete (not 0). */
  public static Future<Vertx> start(RouterConfig config, VertxOptions options) {
    RouterConfig.Cluster c = config.cluster();
    // The node's metadata names this start of the process too: its leases carry that instance.
    Member self = new Member(c.nodeId(), Member.newInstance(), c.host(), config.httpPort());
    options.setEventBusOptions(new BoundEventBusOptions(c.host())
        .setHost(c.host())
        .setPort(0)
        .setClusterPublicHost(c.host())
        .setClusterNodeMetadata(self.toJson()));
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast(c))).buildClustered();
  }

  /**
   * Event-bus options whose outgoing connections leave from the cluster host, as its server
   * listens there: so every packet between two nodes carries both nodes' addresses, as
   * Hazelcast's do (its client sockets are bound too), and a firewall rule between two hosts cuts
   * the event bus with the membership. Unbound, a connection between two loopback addresses
   * would leave from 127.0.0.1. Vert.x builds the event bus's client from these options' JSON
   * and has no setting of its own for this. Only an IP address is bound (no name lookup on an
   * event loop).
   */
  private static final class BoundEventBusOptions extends EventBusOptions {
    private final String localAddress;

    BoundEventBusOptions(String host) {
      this.localAddress = host.matches("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*") ? host : null;
    }

    @Override
    public JsonObject toJson() {
      JsonObject json = super.toJson();
      return localAddress == null ? json : json.put("localAddress", localAddress);
    }
  }

  static Config hazelcast(RouterConfig.Cluster c) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(CLUSTER_NAME);
    hz.setInstanceName("contact-router-" + c.nodeId());
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    // The node leaves the cluster itself, after handing its domains over (see Main).
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(c.failureSeconds()));
    hz.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
    hz.setProperty("hazelcast.wait.seconds.before.join", "1");
    hz.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
    hz.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
    hz.setProperty("hazelcast.local.localAddress", c.host());
    // Listen on ROUTER_CLUSTER_HOST only, not on every interface.
    hz.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig net = hz.getNetworkConfig();
    net.setPort(c.port()).setPortAutoIncrement(false);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (!c.kubernetesService().isBlank()) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", c.kubernetesService())
          .setProperty("service-port", String.valueOf(c.port()));
    } else {
      join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(c.members());
    }
    return hz;
  }
}
