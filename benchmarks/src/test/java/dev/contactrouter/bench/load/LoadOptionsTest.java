package dev.contactrouter.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  @Test
  void readsOptionsOverTheDefaults() {
    LoadOptions o = LoadOptions.parse("--rate", "250", "--agents", "600", "--skip-bare", "--url", "http://127.0.0.1:8081/");
    assertThat(o.rate()).isEqualTo(250);
    assertThat(o.agents()).isEqualTo(600);
    assertThat(o.bare()).isFalse();
    assertThat(o.url()).isEqualTo("http://127.0.0.1:8081");
    assertThat(o.queues()).isEqualTo(LoadOptions.defaults().queues());
  }

  @Test
  void sendsLoadToLoopbackOnly() {
    assertThatThrownBy(() -> LoadOptions.parse("--url", "http://10.0.0.5:8081"))
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> LoadOptions.parse("--url", "http://example.com"))
        .hasMessageContaining("loopback");
    assertThat(LoadOptions.parse("--url", "http://localhost:9000").url()).isEqualTo("http://localhost:9000");
  }

  @Test
  void refusesWhatItCannotRun() {
    assertThatThrownBy(() -> LoadOptions.parse("--rate")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> LoadOptions.parse("--bogus", "1")).hasMessageContaining("unknown option");
    assertThatThrownBy(() -> LoadOptions.parse("--agents", "2", "--queues", "4")).hasMessageContaining("every queue");
    assertThatThrownBy(() -> LoadOptions.parse("--duration", "7200")).hasMessageContaining("bounded");
  }

  @Test
  void keysRoundTripThroughTheEngineFormat() {
    LoadKeys keys = LoadKeys.generate(3);
    LoadKeys read = LoadKeys.parse("ROUTER_API_KEYS=" + keys.asRouterApiKeys() + "\n");
    assertThat(read).isEqualTo(keys);
    assertThat(keys.asRouterApiKeys()).contains("=agent:lg-a2").doesNotContain(" ");
  }
}
