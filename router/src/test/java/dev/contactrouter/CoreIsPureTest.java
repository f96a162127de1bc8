package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The routing core stays pure (DESIGN.md principle 2, STYLE.md): no Vert.x, no I/O, no threads,
 * no wall clock, no randomness. Replaying its events must reproduce every decision.
 */
class CoreIsPureTest {
  private static final Path CORE = Path.of("src/main/java/dev/contactrouter/core");
  private static final Pattern FORBIDDEN = Pattern.compile(
      "import\\s+io\\.vertx"
          + "|import\\s+java\\.(io|net|nio)\\."
          + "|import\\s+java\\.util\\.concurrent"
          + "|System\\.(currentTimeMillis|nanoTime)"
          + "|Instant\\.now|LocalDateTime\\.now|Clock\\."
          + "|new\\s+Random\\b|Math\\.random|ThreadLocalRandom|UUID\\.randomUUID"
          + "|new\\s+Thread\\b|\\bsynchronized\\b|\\bstatic\\s+(?!final)[A-Za-z<>,\\s]+\\s+[a-z]\\w*\\s*[;=]");

  @Test
  void coreHasNoIoClockRandomnessOrMutableStatics() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CORE)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
            continue;
          }
          if (FORBIDDEN.matcher(line).find()) {
            violations.add(file.getFileName() + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /**
   * {@code ContactState.later} starts as one {@code Later.NONE} shared by every contact of every
   * domain in the process: a write through it would reach them all, across writers' threads. Writes
   * go through {@code later()}, which makes the contact its own first.
   */
  @Test
  void theSharedLaterIsOnlyRead() throws IOException {
    Pattern write = Pattern.compile("(\\blater|Later\\.NONE)\\.\\w+\\s*(=(?!=)|\\+\\+|--|[-+*/|&]=)"
        + "|(\\blater|Later\\.NONE)\\.\\w+\\.(add|put|remove|clear)\\(");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CORE)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (write.matcher(lines.get(i)).find()) {
            violations.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
