package dev.contactrouter.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchCallsTest {
  @Test
  void kamailiosHtableDumpGroupedByCall() {
    // the shape of Kamailio 5.6's {"method":"htable.dump","params":["calls"]} reply
    JsonObject dump = new JsonObject("""
        {"jsonrpc":"2.0","result":[
          {"entry":304,"size":1,"slot":[{"name":"1-9@127.0.0.1|state","value":"waiting","type":"str"}]},
          {"entry":427,"size":2,"slot":[{"name":"1-9@127.0.0.1|leg","value":2,"type":"int"},
                                        {"name":"x|y@h|failed","value":"o1 486 failed","type":"str"}]},
          {"entry":500,"size":1,"slot":[{"name":"x|y@h|state","value":"waiting","type":"str"}]},
          {"entry":501,"size":1,"slot":[{"name":"no-state|caller","value":"c","type":"str"}]}
        ],"id":1}""");
    List<SwitchCall> calls = BridgeVerticle.switchCalls(dump);
    assertThat(calls).extracting(SwitchCall::callId).containsExactlyInAnyOrder("1-9@127.0.0.1", "x|y@h");
    SwitchCall x = calls.stream().filter(c -> c.callId().equals("x|y@h")).findFirst().orElseThrow();
    assertThat(x.failure()).isEqualTo(new SwitchCall.Failure("o1", 486, "failed"));
    assertThat(calls.stream().filter(c -> c.callId().startsWith("1-9")).findFirst().orElseThrow().get("leg")).isEqualTo("2");
  }

  @Test
  void reasonPhrasesAreOneLine() {
    assertThat(BridgeVerticle.reasonPhrase("closed\r\nX-Evil: 1")).isEqualTo("closed  X-Evil: 1");
    assertThat(BridgeVerticle.reasonPhrase(null)).isEqualTo("Unavailable");
    assertThat(BridgeVerticle.reasonPhrase("x".repeat(300))).hasSize(100);
  }
}
