package dev.contactrouter.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.telephony.ServerSentEvents.Event;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {
  private final List<Event> out = new ArrayList<>();
  private final ServerSentEvents parser = new ServerSentEvents(out::add);

  @Test
  void eventsWithIdsCommentsSkipped() {
    parser.feed(Buffer.buffer(": connected\n\nid: default:7\ndata: {\"type\":\"offer_made\"}\n\n: keep-alive\n\n"));
    assertThat(out).containsExactly(new Event("default:7", "{\"type\":\"offer_made\"}"));
  }

  @Test
  void splitAnywhereEvenInsideACharacter() {
    byte[] bytes = "id: d:1\r\ndata: {\"q\":\"股票\"}\r\n\r\nid: d:2\ndata: a\ndata: b\n\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      parser.feed(Buffer.buffer(new byte[] {b}));
    }
    assertThat(out).containsExactly(new Event("d:1", "{\"q\":\"股票\"}"), new Event("d:2", "a\nb"));
  }

  @Test
  void anIdLastsUntilTheNextOne() {
    parser.feed(Buffer.buffer("id: d:5\ndata: x\n\ndata: y\n\n"));
    assertThat(out).extracting(Event::id).containsExactly("d:5", "d:5");
  }
}
