package dev.contactrouter.telephony;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Kamailio's evapi framing: every message is a netstring, {@code <length>:<payload>,}. A parser
 * takes the bytes of a TCP stream in whatever chunks they arrive and hands over whole payloads.
 */
final class Netstrings {
  /** Longest payload accepted: a sync of a busy switch is large, a corrupt length is larger. */
  static final int MAX_PAYLOAD = 64 * 1024 * 1024;

  private final Consumer<String> payloads;
  private Buffer pending = Buffer.buffer();

  Netstrings(Consumer<String> payloads) {
    this.payloads = payloads;
  }

  static Buffer encode(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(bytes.length + 12)
        .appendString(Integer.toString(bytes.length)).appendByte((byte) ':')
        .appendBytes(bytes).appendByte((byte) ',');
  }

  /** Feeds bytes; throws {@link IllegalStateException} when the stream is not netstrings. */
  void feed(Buffer bytes) {
    pending.appendBuffer(bytes);
    int start = 0;
    while (true) {
      int colon = indexOf(pending, (byte) ':', start);
      if (colon < 0) {
        if (pending.length() - start > 10) {
          throw new IllegalStateException("no netstring length in " + (pending.length() - start) + " bytes");
        }
        break;
      }
      int length = length(pending, start, colon);
      int end = colon + 1 + length;
      if (pending.length() < end + 1) {
        break;
      }
      if (pending.getByte(end) != ',') {
        throw new IllegalStateException("netstring of length " + length + " not closed by ','");
      }
      payloads.accept(pending.getString(colon + 1, end, "UTF-8"));
      start = end + 1;
    }
    pending = start == 0 ? pending : pending.getBuffer(start, pending.length());
  }

  private static int length(Buffer b, int from, int colon) {
    if (colon == from || colon - from > 10) {
      throw new IllegalStateException("bad netstring length");
    }
    long n = 0;
    for (int i = from; i < colon; i++) {
      byte c = b.getByte(i);
      if (c < '0' || c > '9') {
        throw new IllegalStateException("bad netstring length");
      }
      n = n * 10 + (c - '0');
    }
    if (n > MAX_PAYLOAD) {
      throw new IllegalStateException("netstring of " + n + " bytes is over the limit");
    }
    return (int) n;
  }

  private static int indexOf(Buffer b, byte value, int from) {
    for (int i = from; i < b.length(); i++) {
      if (b.getByte(i) == value) {
        return i;
      }
    }
    return -1;
  }
}
