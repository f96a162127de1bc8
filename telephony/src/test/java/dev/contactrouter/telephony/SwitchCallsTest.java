package dev.contactrouter.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwitchCallsTest {
  @Test
  void theSwitchsEntriesGroupedByCall() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("1-9@127.0.0.1|state", "waiting");
    entries.put("1-9@127.0.0.1|leg", "2");
    entries.put("x|y@h|failed", "o1 486 failed");
    entries.put("x|y@h|state", "waiting");
    entries.put("no-state|caller", "c");
    entries.put("no-field", "c");
    List<SwitchCall> calls = BridgeVerticle.switchCalls(entries);
    assertThat(calls).extracting(SwitchCall::callId).containsExactly("1-9@127.0.0.1", "x|y@h");
    assertThat(calls.get(1).failure()).isEqualTo(new SwitchCall.Failure("o1", 486, "failed"));
    assertThat(calls.get(0).get("leg")).isEqualTo("2");
  }

  @Test
  void reasonPhrasesAreOneLine() {
    assertThat(BridgeVerticle.reasonPhrase("closed\r\nX-Evil: 1")).isEqualTo("closed  X-Evil: 1");
    assertThat(BridgeVerticle.reasonPhrase(null)).isEqualTo("Unavailable");
    assertThat(BridgeVerticle.reasonPhrase("x".repeat(300))).hasSize(100);
  }
}
