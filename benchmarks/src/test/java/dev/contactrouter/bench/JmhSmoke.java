package dev.contactrouter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * How the smoke tests run a JMH benchmark so that it does not rot: in-process, one short warm-up
 * and one short measurement per case, failing on any error. Not a measurement.
 */
public final class JmhSmoke {
  private JmhSmoke() {}

  /** Options for a quick in-process run of {@code benchmark}; add its params and build. */
  public static ChainedOptionsBuilder quick(Class<?> benchmark) {
    return new OptionsBuilder()
        .include(benchmark.getSimpleName())
        .forks(0)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .timeUnit(TimeUnit.SECONDS)
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT);
  }

  /** Runs the options; asserts {@code cases} results came back, each with a positive score. */
  public static Collection<RunResult> run(Options options, int cases) throws RunnerException {
    Collection<RunResult> results = new Runner(options).run();
    assertThat(results).hasSize(cases);
    for (RunResult r : results) {
      assertThat(r.getPrimaryResult().getScore()).isPositive();
    }
    return results;
  }
}
