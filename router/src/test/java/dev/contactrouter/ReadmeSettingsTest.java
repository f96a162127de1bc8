package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table says exactly what config/Setting.java declares. */
class ReadmeSettingsTest {

  @Test
  void readmeTableMatchesTheSettingsTheCodeReads() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    int start = readme.indexOf("<!-- settings:start");
    int end = readme.indexOf("<!-- settings:end -->");
    assertThat(start).as("README has a settings table").isPositive();
    List<String> rows = new ArrayList<>();
    for (String line : readme.substring(start, end).split("\n")) {
      if (line.startsWith("| `")) {
        rows.add(line.strip());
      }
    }
    List<String> expected = new ArrayList<>();
    for (Setting s : Setting.values()) {
      String def = s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
      expected.add("| `" + s.key() + "` | `" + s.env() + "` | " + def + " | " + s.description() + " |");
    }
    assertThat(rows).containsExactlyElementsOf(expected);
  }
}
