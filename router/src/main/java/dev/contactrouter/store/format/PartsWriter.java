package dev.contactrouter.store.format;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Writer} that keeps what is written as a list of strings of at most {@code partChars}
 * characters each, whose concatenation is the text: a large document never needs one array of its
 * whole size. A part never ends between the two halves of a surrogate pair (the high one moves to
 * the next part), so each part encodes to UTF-8 on its own exactly as it does inside the whole.
 * Not thread-safe.
 */
final class PartsWriter extends Writer {
  private final int partChars;
  private final List<String> parts = new ArrayList<>();
  private final StringBuilder part;
  private boolean closed;

  PartsWriter(int partChars) {
    if (partChars < 2) {
      throw new IllegalArgumentException("a part holds at least 2 characters, not " + partChars);
    }
    this.partChars = partChars;
    this.part = new StringBuilder(Math.min(partChars, 1 << 16));
  }

  @Override
  public void write(char[] chars, int off, int len) {
    open();
    while (len > 0) {
      int n = Math.min(len, partChars - part.length());
      part.append(chars, off, n);
      off += n;
      len -= n;
      cutIfFull();
    }
  }

  @Override
  public void write(String s, int off, int len) {
    open();
    while (len > 0) {
      int n = Math.min(len, partChars - part.length());
      part.append(s, off, off + n);
      off += n;
      len -= n;
      cutIfFull();
    }
  }

  @Override
  public void write(int c) {
    open();
    part.append((char) c);
    cutIfFull();
  }

  @Override
  public void flush() {}

  /** Ends the text: what is left becomes its last part. */
  @Override
  public void close() {
    if (!closed) {
      if (part.length() > 0 || parts.isEmpty()) {
        parts.add(part.toString());
      }
      part.setLength(0);
      closed = true;
    }
  }

  /** The text's parts, in order (at least one, empty for an empty text); after {@link #close}. */
  List<String> parts() {
    if (!closed) {
      throw new IllegalStateException("parts() before close()");
    }
    return List.copyOf(parts);
  }

  private void cutIfFull() {
    if (part.length() < partChars) {
      return;
    }
    char last = part.charAt(part.length() - 1);
    if (Character.isHighSurrogate(last)) {
      parts.add(part.substring(0, part.length() - 1));
      part.setLength(0);
      part.append(last);
    } else {
      parts.add(part.toString());
      part.setLength(0);
    }
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("written after close()");
    }
  }
}
