package dev.contactrouter.bench.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The matcher benchmarks measure the pure core, so they must not bring Vert.x into the picture. */
class CoreBenchmarksArePlainJavaTest {

  @Test
  void matcherBenchmarksImportNoVertx() throws IOException {
    Path dir = Path.of("src/main/java/dev/contactrouter/bench/matcher");
    List<Path> sources;
    try (Stream<Path> files = Files.list(dir)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(sources).isNotEmpty();
    for (Path source : sources) {
      assertThat(Files.readString(source)).as(source.toString()).doesNotContain("io.vertx");
    }
  }
}
