package dev.contactrouter.bench.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.bench.JmhSmoke;
import dev.contactrouter.bench.report.MatcherReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs {@link MatcherBenchmark} in-process with tiny sizes and a fraction of a second per
 * iteration, then feeds its JSON to the report, so neither rots. Not a measurement: nothing here
 * looks at how fast anything was.
 */
class MatcherBenchmarkSmokeTest {

  @Test
  void runsBothMatchersAndReportsThem(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("matcher.json");
    Options options = JmhSmoke.quick(MatcherBenchmark.class)
        .param("waiting", "100", "1000")
        .param("agents", "10")
        .param("signatures", "2")
        .param("matcher", "indexed", "linear")
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString())
        .build();

    for (RunResult r : JmhSmoke.run(options, 4)) {
      assertThat(r.getPrimaryResult().getScoreUnit()).isEqualTo("ops/s");
    }
    MatcherReport.Summary summary = MatcherReport.write(json, dir);
    assertThat(summary.rows()).hasSize(2);
    assertThat(Files.readString(dir.resolve(MatcherReport.TABLE))).contains("| 1,000 |");
    assertThat(Files.readString(dir.resolve(MatcherReport.PLOT))).startsWith("<svg").contains("polyline");
  }
}
