package dev.contactrouter.bench.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link ValidationBenchmark} in-process for a fraction of a second per case, so it does not
 * rot (its setup also checks that both validators judge both bodies as expected). Not a
 * measurement: nothing here looks at how fast anything was.
 */
class ValidationBenchmarkSmokeTest {

  @Test
  void measuresBothValidatorsOnBothBodies() throws Exception {
    Options options = new OptionsBuilder()
        .include(ValidationBenchmark.class.getSimpleName())
        .forks(0)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .timeUnit(TimeUnit.SECONDS)
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();

    Collection<RunResult> results = new Runner(options).run();

    assertThat(results).hasSize(4);
    for (RunResult r : results) {
      assertThat(r.getPrimaryResult().getScore()).isPositive();
    }
  }
}
