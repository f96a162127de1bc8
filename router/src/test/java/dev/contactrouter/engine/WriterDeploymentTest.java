package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import org.junit.jupiter.api.Test;

/**
 * A writer gets a thread of its own on a standalone node with a second core to run it on, and an
 * event loop otherwise (one core; or a cluster, whose event bus blocks the sender's worker pool).
 */
class WriterDeploymentTest {
  @Test
  void standaloneWithTwoCoresOrMoreTheWriterRunsOnAThreadOfItsOwn() {
    for (int cores : new int[] {2, 4, 64}) {
      DeploymentOptions options = DomainVerticle.deployment("stocks", cores, false);
      assertThat(options.getThreadingModel()).isEqualTo(ThreadingModel.WORKER);
      assertThat(options.getWorkerPoolName()).isEqualTo("router-writer-stocks");
      assertThat(options.getWorkerPoolSize()).isEqualTo(1);
    }
  }

  @Test
  void withOneCoreOrInAClusterItStaysOnAnEventLoop() {
    for (DeploymentOptions options : new DeploymentOptions[] {
        DomainVerticle.deployment("stocks", 1, false), DomainVerticle.deployment("stocks", 8, true)}) {
      assertThat(options.getThreadingModel()).isEqualTo(ThreadingModel.EVENT_LOOP);
      assertThat(options.getWorkerPoolName()).isNull();
    }
  }
}
