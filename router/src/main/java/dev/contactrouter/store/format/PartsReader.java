package dev.contactrouter.store.format;

import java.io.Reader;
import java.util.List;

/** Reads the concatenation of a list of strings without building it. Not thread-safe. */
final class PartsReader extends Reader {
  private final List<String> parts;
  private int index;
  private int at;

  PartsReader(List<String> parts) {
    this.parts = parts;
  }

  @Override
  public int read(char[] into, int off, int len) {
    if (len == 0) {
      return 0;
    }
    while (index < parts.size() && at == parts.get(index).length()) {
      index++;
      at = 0;
    }
    if (index == parts.size()) {
      return -1;
    }
    String part = parts.get(index);
    int n = Math.min(len, part.length() - at);
    part.getChars(at, at + n, into, off);
    at += n;
    return n;
  }

  @Override
  public void close() {}
}
