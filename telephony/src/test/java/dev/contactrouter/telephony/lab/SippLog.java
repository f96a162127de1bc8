package dev.contactrouter.telephony.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code <TAG> <Call-ID> <event>} lines a SIPp scenario in deploy/telephony/sipp logs. */
final class SippLog {
  private SippLog() {}

  /** Each (Call-ID, event) logged under {@code tag} so far, in order; none while there is no log yet. */
  static List<String[]> events(Path log, String tag) {
    List<String[]> out = new ArrayList<>();
    try {
      if (!Files.exists(log)) {
        return out;
      }
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        String[] parts = line.trim().split(" ");
        if (parts.length == 3 && parts[0].equals(tag)) {
          out.add(new String[] {parts[1], parts[2]});
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
