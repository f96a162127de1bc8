package dev.contactrouter.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetstringsTest {
  private final List<String> out = new ArrayList<>();
  private final Netstrings parser = new Netstrings(out::add);

  @Test
  void encodesLengthInBytesNotCharacters() {
    assertThat(Netstrings.encode("{\"a\":\"é\"}").toString()).isEqualTo("10:{\"a\":\"é\"},");
  }

  @Test
  void handsOverWholePayloadsWhateverTheChunks() {
    Buffer stream = Netstrings.encode("first").appendBuffer(Netstrings.encode("")).appendBuffer(Netstrings.encode("第三"));
    for (int i = 0; i < stream.length(); i++) {
      parser.feed(stream.getBuffer(i, i + 1));
    }
    assertThat(out).containsExactly("first", "", "第三");
  }

  @Test
  void severalInOneChunk() {
    parser.feed(Buffer.buffer("3:abc,2:de,1:"));
    parser.feed(Buffer.buffer("f,"));
    assertThat(out).containsExactly("abc", "de", "f");
  }

  @Test
  void refusesWhatIsNotANetstring() {
    assertThatThrownBy(() -> parser.feed(Buffer.buffer("3:abcX"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new Netstrings(s -> { }).feed(Buffer.buffer("x1:a,"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new Netstrings(s -> { }).feed(Buffer.buffer("99999999999:")))
        .isInstanceOf(IllegalStateException.class);
  }
}
