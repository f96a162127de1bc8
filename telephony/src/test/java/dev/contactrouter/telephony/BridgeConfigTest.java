package dev.contactrouter.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeConfigTest {
  private static final Map<String, String> MINIMAL = Map.of("ROUTER_URL", "http://127.0.0.1:8080", "ROUTER_TELEPHONY_KEY", "tel-0123456789");

  @Test
  void defaults() {
    BridgeConfig c = BridgeConfig.fromEnvironment(MINIMAL);
    assertThat(c.evapiHost()).isEqualTo("127.0.0.1");
    assertThat(c.evapiPort()).isEqualTo(8448);
    assertThat(c.reconcileEvery()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.ringMargin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.statusPort()).isZero();
    assertThat(c.toString()).doesNotContain("tel-0123456789");
  }

  @Test
  void theQueueComesFromTheHeaderThenTheMapThenTheNumber() {
    BridgeConfig c = BridgeConfig.fromEnvironment(with("TELEPHONY_QUEUE_MAP", "4001=stocks, 4002 = funds"));
    assertThat(c.queueFor("4001", null)).isEqualTo("stocks");
    assertThat(c.queueFor("4002", "")).isEqualTo("funds");
    assertThat(c.queueFor("4001", "complaints")).isEqualTo("complaints");
    assertThat(c.queueFor("bonds", null)).isEqualTo("bonds");
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> BridgeConfig.fromEnvironment(Map.of())).hasMessageContaining("ROUTER_URL");
    assertThatThrownBy(() -> BridgeConfig.fromEnvironment(Map.of("ROUTER_URL", "ftp://x"))).hasMessageContaining("ROUTER_URL");
    assertThatThrownBy(() -> BridgeConfig.fromEnvironment(Map.of("ROUTER_URL", "http://x"))).hasMessageContaining("ROUTER_TELEPHONY_KEY");
    assertThatThrownBy(() -> BridgeConfig.fromEnvironment(with("TELEPHONY_EVAPI", "127.0.0.1"))).hasMessageContaining("TELEPHONY_EVAPI");
    assertThatThrownBy(() -> BridgeConfig.fromEnvironment(with("TELEPHONY_QUEUE_MAP", "4001"))).hasMessageContaining("TELEPHONY_QUEUE_MAP");
    assertThatThrownBy(() -> BridgeConfig.fromEnvironment(with("TELEPHONY_RECONCILE_SECONDS", "0")))
        .hasMessageContaining("TELEPHONY_RECONCILE_SECONDS");
  }

  private static Map<String, String> with(String name, String value) {
    java.util.HashMap<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put(name, value);
    return env;
  }
}
