package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.config.Setting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings table in docs/configuration.md says exactly what config/Setting.java declares. */
class ConfigurationDocTest {

  @Test
  void settingsTableMatchesTheSettingsTheCodeReads() throws IOException {
    List<String> rows = DocTable.rows("docs/configuration.md", "settings");
    List<String> expected = new ArrayList<>();
    for (Setting s : Setting.values()) {
      String def = s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
      expected.add("| `" + s.key() + "` | `" + s.env() + "` | " + def + " | " + s.description() + " |");
    }
    assertThat(rows).containsExactlyElementsOf(expected);
  }
}
