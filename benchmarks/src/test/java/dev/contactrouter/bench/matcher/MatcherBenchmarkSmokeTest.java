package dev.contactrouter.bench.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.bench.report.MatcherReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link MatcherBenchmark} in-process with tiny sizes and a fraction of a second per
 * iteration, then feeds its JSON to the report, so neither rots. Not a measurement: nothing here
 * looks at how fast anything was.
 */
class MatcherBenchmarkSmokeTest {

  @Test
  void runsBothMatchersAndReportsThem(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("matcher.json");
    Options options = new OptionsBuilder()
        .include(MatcherBenchmark.class.getSimpleName())
        .param("waiting", "100", "1000")
        .param("agents", "10")
        .param("signatures", "2")
        .param("matcher", "indexed", "linear")
        .forks(0)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .timeUnit(TimeUnit.SECONDS)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString())
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();

    Collection<RunResult> results = new Runner(options).run();

    assertThat(results).hasSize(4);
    for (RunResult r : results) {
      assertThat(r.getPrimaryResult().getScore()).isPositive();
      assertThat(r.getPrimaryResult().getScoreUnit()).isEqualTo("ops/s");
    }
    MatcherReport.Summary summary = MatcherReport.write(json, dir);
    assertThat(summary.rows()).hasSize(2);
    assertThat(Files.readString(dir.resolve(MatcherReport.TABLE))).contains("| 1,000 |");
    assertThat(Files.readString(dir.resolve(MatcherReport.PLOT))).startsWith("<svg").contains("polyline");
  }
}
