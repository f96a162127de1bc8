package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import org.junit.jupiter.api.Test;

/** A writer gets a thread of its own where there is a second core to run it on, and an event loop otherwise. */
class WriterDeploymentTest {
  @Test
  void withTwoCoresOrMoreTheWriterRunsOnAThreadOfItsOwn() {
    for (int cores : new int[] {2, 4, 64}) {
      DeploymentOptions options = DomainVerticle.deployment("stocks", cores);
      assertThat(options.getThreadingModel()).isEqualTo(ThreadingModel.WORKER);
      assertThat(options.getWorkerPoolName()).isEqualTo("router-writer-stocks");
      assertThat(options.getWorkerPoolSize()).isEqualTo(1);
    }
  }

  @Test
  void withOneCoreItStaysOnAnEventLoop() {
    DeploymentOptions options = DomainVerticle.deployment("stocks", 1);
    assertThat(options.getThreadingModel()).isEqualTo(ThreadingModel.EVENT_LOOP);
    assertThat(options.getWorkerPoolName()).isNull();
  }
}
