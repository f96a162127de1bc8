package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The store owns what it keeps on disk (STYLE.md: formats you store are formats you version):
 * nothing in {@code store} or its sub-packages uses the API or the API's JSON ({@code codec}), so
 * an API change cannot change a stored format by the way. Checked on the sources (imports and
 * fully qualified names) and on the compiled classes (their constant pools name every class they
 * use, whatever the source said).
 */
class StoreIsIndependentTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/contactrouter/store");
  private static final Path CLASSES = Path.of("target/classes/dev/contactrouter/store");
  private static final Pattern FORBIDDEN_SOURCE = Pattern.compile("\\bdev\\.contactrouter\\.(codec|api)\\b");
  private static final List<String> FORBIDDEN_CLASS = List.of("dev/contactrouter/codec/", "dev/contactrouter/api/");

  @Test
  void storeSourcesNameNeitherTheApiNorItsCodecs() throws IOException {
    List<String> violations = new ArrayList<>();
    List<Path> files = files(SOURCES, ".java");
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
          continue; // a comment may name the API; the class scan below catches any real use
        }
        if (FORBIDDEN_SOURCE.matcher(line).find()) {
          violations.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + line);
        }
      }
    }
    assertThat(files).as("store sources scanned").hasSizeGreaterThan(10);
    assertThat(violations).isEmpty();
  }

  @Test
  void storeClassesUseNeitherTheApiNorItsCodecs() throws IOException {
    List<String> violations = new ArrayList<>();
    List<Path> files = files(CLASSES, ".class");
    for (Path file : files) {
      // Class names sit in the constant pool as UTF-8 text, in internal form (a/b/C).
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String forbidden : FORBIDDEN_CLASS) {
        if (bytes.contains(forbidden)) {
          violations.add(CLASSES.relativize(file) + " uses " + forbidden);
        }
      }
    }
    assertThat(files).as("store classes scanned").hasSizeGreaterThan(10);
    assertThat(violations).isEmpty();
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(f -> f.toString().endsWith(suffix)).toList();
    }
  }
}
