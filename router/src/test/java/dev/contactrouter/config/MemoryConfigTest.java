package dev.contactrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** What each writer keeps in memory is configured, checked at start, and kept through the config's JSON. */
class MemoryConfigTest {

  @Test
  void defaultsAndOverridesOfTheMemoryBounds() {
    RouterConfig.Memory defaults = RouterConfig.from(new JsonObject()).memory();
    assertThat(defaults).isEqualTo(new RouterConfig.Memory(100_000, 10_000, 100_000, 86_400));

    RouterConfig c = RouterConfig.from(new JsonObject()
        .put("ROUTER_RETAIN_ENDED_CONTACTS", "2000").put("retainClosedCases", 50)
        .put("ROUTER_IDEMPOTENCY_KEYS", 5000).put("ROUTER_IDEMPOTENCY_TTL_SECONDS", 120));
    assertThat(c.memory()).isEqualTo(new RouterConfig.Memory(2000, 50, 5000, 120));
    assertThat(RouterConfig.from(c.toJson()).memory()).isEqualTo(c.memory());
  }

  @Test
  void boundsTooSmallToServeReadsAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_RETAIN_ENDED_CONTACTS", 10)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_RETAIN_ENDED_CONTACTS");
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_RETAIN_CLOSED_CASES", 0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_RETAIN_CLOSED_CASES");
    assertThatThrownBy(() -> RouterConfig.from(new JsonObject().put("ROUTER_IDEMPOTENCY_TTL_SECONDS", 5)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROUTER_IDEMPOTENCY_TTL_SECONDS");
  }
}
