package dev.contactrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Credentials that name their routing domain, and the cluster settings checked at start. */
class ClusterConfigTest {

  @Test
  void keysAndUsersMayNameTheirDomainAndKeepItThroughTheirSpec() {
    ApiKey key = ApiKey.parse("k-0123456789=agent:a7@branch-hk");
    assertThat(key.role()).isEqualTo("agent");
    assertThat(key.agentId()).isEqualTo("a7");
    assertThat(key.domain()).isEqualTo("branch-hk");
    assertThat(ApiKey.parse("k-0123456789=" + key.roleSpec())).isEqualTo(key);
    assertThat(ApiKey.parse("k-0123456789=supervisor").domain()).isNull();
    assertThatThrownBy(() -> ApiKey.parse("k-0123456789=admin@Not_A_Domain"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not a domain name");

    User u = User.parse("li:p@ss:agent:a7@branch-sz", PasswordHash.MIN_ITERATIONS);
    assertThat(u.agentId()).isEqualTo("a7");
    assertThat(u.domain()).isEqualTo("branch-sz");
    assertThat(u.password().matches("p@ss".toCharArray())).isTrue();
    assertThat(User.parse(u.spec(), PasswordHash.MIN_ITERATIONS).domain()).isEqualTo("branch-sz");
    assertThat(User.parse("zhou:p@ss:supervisor", PasswordHash.MIN_ITERATIONS).domain())
        .as("an @ inside the password names no domain").isNull();
  }

  @Test
  void domainsListTheDefaultFirstAndNodesHaveNames() {
    RouterConfig c = RouterConfig.from(new JsonObject()
        .put("ROUTER_DOMAIN", "hq").put("ROUTER_DOMAINS", "branch-sz, hq ,branch-hk"));
    assertThat(c.cluster().domains()).containsExactly("hq", "branch-sz", "branch-hk");
    assertThat(c.cluster().clustered()).isFalse();
    assertThat(c.cluster().nodeId()).as("a node on its own keeps one name across restarts").isEqualTo("standalone");
    assertThat(RouterConfig.from(c.toJson()).cluster()).isEqualTo(c.cluster());
  }

  @Test
  void aClusterNeedsPostgresqlAndWellFormedMembers() {
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_CLUSTER_MEMBERS", "127.0.0.1:5701")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_PG_URL");
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject()
        .put("ROUTER_PG_URL", "postgresql://postgres@127.0.0.1:5432/x").put("ROUTER_CLUSTER_MEMBERS", "nohost")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("host:port");
    RouterConfig c = RouterConfig.from(new JsonObject()
        .put("ROUTER_PG_URL", "postgresql://postgres@127.0.0.1:5432/x")
        .put("ROUTER_CLUSTER_MEMBERS", "127.0.0.1:5701,127.0.0.1:5702"));
    assertThat(c.cluster().clustered()).isTrue();
    assertThat(c.cluster().members()).isEqualTo(List.of("127.0.0.1:5701", "127.0.0.1:5702"));
    assertThat(c.cluster().nodeId()).startsWith("node-");
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_NODE_ID", "bad id")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_NODE_ID");
  }
}
