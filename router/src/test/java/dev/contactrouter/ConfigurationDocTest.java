package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings table in docs/configuration.md says exactly what config/Setting.java declares. */
class ConfigurationDocTest {

  @Test
  void settingsTableMatchesTheSettingsTheCodeReads() throws IOException {
    String doc = Files.readString(Path.of("../docs/configuration.md"));
    int start = doc.indexOf("<!-- settings:start");
    int end = doc.indexOf("<!-- settings:end -->");
    assertThat(start).as("docs/configuration.md has a settings table").isPositive();
    assertThat(end).as("docs/configuration.md ends its settings table").isGreaterThan(start);
    List<String> rows = new ArrayList<>();
    for (String line : doc.substring(start, end).split("\n")) {
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
