package dev.contactrouter.telephony;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A parser of a {@code text/event-stream} body (the engine's {@code GET /v1/events}): it takes
 * the stream's bytes in any chunks and hands over each complete event's {@code id} and joined
 * {@code data} lines. Comments ({@code : keep-alive}) and other fields are skipped.
 */
final class ServerSentEvents {
  /** One event: its id (null when the server sent none) and its data. */
  record Event(String id, String data) {
  }

  private final Consumer<Event> events;
  private final StringBuilder line = new StringBuilder();
  private final StringBuilder data = new StringBuilder();
  private byte[] partial = new byte[0];
  private String id;
  private boolean hasData;
  private boolean afterCr;

  ServerSentEvents(Consumer<Event> events) {
    this.events = events;
  }

  void feed(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    if (partial.length > 0) {
      byte[] joined = new byte[partial.length + bytes.length];
      System.arraycopy(partial, 0, joined, 0, partial.length);
      System.arraycopy(bytes, 0, joined, partial.length, bytes.length);
      bytes = joined;
    }
    // keep an incomplete UTF-8 sequence at the end for the next chunk
    int complete = completeUtf8Length(bytes);
    partial = java.util.Arrays.copyOfRange(bytes, complete, bytes.length);
    String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = c == '\r';
      if (c == '\n' || c == '\r') {
        endOfLine();
      } else {
        line.append(c);
      }
    }
  }

  private void endOfLine() {
    if (line.length() == 0) {
      if (hasData) {
        events.accept(new Event(id, data.toString()));
      }
      data.setLength(0);
      hasData = false;
      return;
    }
    String l = line.toString();
    line.setLength(0);
    if (l.startsWith(":")) {
      return;
    }
    int colon = l.indexOf(':');
    String field = colon < 0 ? l : l.substring(0, colon);
    String value = colon < 0 ? "" : l.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (field.equals("data")) {
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    } else if (field.equals("id")) {
      id = value;
    }
  }

  private static int completeUtf8Length(byte[] b) {
    int n = b.length;
    for (int back = 1; back <= 3 && n - back >= 0; back++) {
      int c = b[n - back] & 0xff;
      if ((c & 0xc0) == 0x80) {
        continue;
      }
      int need = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
      return need > back ? n - back : n;
    }
    return n;
  }
}
