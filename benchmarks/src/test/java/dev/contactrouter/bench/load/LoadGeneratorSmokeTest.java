package dev.contactrouter.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A couple of seconds of every phase against an engine started in-process on a free port and the
 * bare endpoint, so the load generator never rots. It checks that traffic flowed end to end and
 * was counted, never how fast: timings on a shared machine prove nothing.
 */
class LoadGeneratorSmokeTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void runsEveryPhaseAgainstAnEmbeddedEngine() throws Exception {
    LoadOptions options = LoadOptions.parse(
        "--agents", "8", "--queues", "2", "--rate", "6", "--warmup-s", "1", "--duration", "2", "--max-contacts", "50",
        "--think-ms", "5", "--handle-ms", "40", "--wrap-up-s", "1", "--patience-ms", "3000",
        "--sl-ms", "100", "--drain-s", "5",
        "--intake-rate", "200", "--intake-s", "1", "--intake-warmup-s", "1", "--intake-inflight", "16",
        "--connections", "4");

    LoadReport report = LoadGenerator.run(options, "smoke").toCompletionStage().toCompletableFuture()
        .get(50, TimeUnit.SECONDS);

    CentreLane.Result centre = report.centre();
    assertThat(centre.created).isPositive();
    assertThat(centre.acknowledged).isEqualTo(centre.created);
    assertThat(centre.failed).as(String.valueOf(centre.firstFailure)).isZero();
    assertThat(centre.answered + centre.abandoned).isPositive();
    assertThat(centre.offerLatency.count() + centre.queuedAtArrival).isPositive();
    assertThat(report.bare().acknowledged).isPositive();
    assertThat(report.bare().failed).as(String.valueOf(report.bare().firstFailure)).isZero();
    assertThat(report.engine().acknowledged).isPositive();
    assertThat(report.engine().failed).as(String.valueOf(report.engine().firstFailure)).isZero();
    assertThat(report.markdown())
        .contains("Erlang C", "offer latency", "bare Vert.x POST endpoint", "engine POST /v1/contacts", "cores");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void runsTheServiceMixOfASoak() throws Exception {
    LoadOptions options = LoadOptions.parse(
        "--agents", "8", "--queues", "2", "--rate", "6", "--warmup-s", "0", "--duration", "3", "--max-contacts", "50",
        "--think-ms", "5", "--handle-ms", "40", "--wrap-up-s", "0", "--patience-ms", "30000", "--drain-s", "10",
        "--connections", "4", "--skip-intake", "--skip-bare",
        "--sale-share", "0.5", "--complaint-share", "0.5", "--return-visit-s", "0", "--idempotency-keys");

    LoadReport report = LoadGenerator.run(options, "mix").toCompletionStage().toCompletableFuture()
        .get(50, TimeUnit.SECONDS);

    CentreLane.Result centre = report.centre();
    assertThat(centre.failed).as(String.valueOf(centre.firstFailure)).isZero();
    assertThat(centre.sales).isPositive();
    assertThat(centre.complaintsOpened).isPositive();
    assertThat(centre.caseSteps).as("agents take the cases' work items").isPositive();
    assertThat(report.markdown()).contains("service mix", "with Idempotency-Keys");
  }
}
