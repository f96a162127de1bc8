package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A table a document in docs/ keeps between {@code <!-- name:start ... -->} and
 * {@code <!-- name:end -->}, for the tests that hold it to the code. Paths are relative to the
 * router module.
 */
final class DocTable {
  private DocTable() {}

  /** The table's rows (each line that starts with "| `"), stripped; fails if the markers are missing. */
  static List<String> rows(String doc, String name) throws IOException {
    String text = Files.readString(Path.of("..", doc));
    int start = text.indexOf("<!-- " + name + ":start");
    int end = text.indexOf("<!-- " + name + ":end -->");
    assertThat(start).as("%s has a %s table", doc, name).isPositive();
    assertThat(end).as("%s ends its %s table", doc, name).isGreaterThan(start);
    List<String> rows = new ArrayList<>();
    for (String line : text.substring(start, end).split("\n")) {
      if (line.startsWith("| `")) {
        rows.add(line.strip());
      }
    }
    return rows;
  }
}
