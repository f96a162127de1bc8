package dev.contactrouter.engine;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.store.MemoryJournal;
import dev.contactrouter.store.MemoryTimerStore;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.ReplyException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A request made in the writer's own process is handed to it without the event bus, answered as
 * the event bus would answer it; once the local writer stops taking requests they go over the
 * event bus again; a writer that does not answer in time is as unavailable as a silent one.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LocalWritersTest {
  private static final String DOMAIN = "local";

  private static Command queue(String id) {
    return new Command.ConfigureQueue("admin",
        new QueueSpec(id, null, Channel.VOICE, Map.of(), null, Set.of(), 10, 0.5, 600, 0, 180, null, null, null));
  }

  @Test
  void aRequestInTheWritersProcessSkipsTheEventBusAndGoesOverItOnceTheWriterStopsTakingThem() {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger overBus = new AtomicInteger();
      vertx.eventBus().addOutboundInterceptor(delivery -> {
        if (delivery.message().address().equals(Addresses.domain(DOMAIN))) {
          overBus.incrementAndGet();
        }
        delivery.next();
      });
      DomainClient client = new DomainClient(vertx, 2_000);
      String deployment = await(vertx.deployVerticle(new DomainVerticle(DOMAIN, new MemoryJournal(),
          new MemoryTimerStore(vertx, System::currentTimeMillis), System::currentTimeMillis,
          new WriterOptions(2_000, 300, 5))));

      await(client.command(DOMAIN, queue("stocks")));
      assertThat(await(client.ask(DOMAIN, new DomainQuery.QueuesQuery()))).hasSize(1);
      assertThat(overBus).as("handed over in the process").hasValue(0);

      LocalWriters.Writer local = LocalWriters.find(vertx, DOMAIN);
      assertThat(local).isNotNull();
      local.close(vertx);
      assertThat(LocalWriters.find(vertx, DOMAIN)).isNull();
      ReplyException closed = (ReplyException) failure(local.request(vertx,
          new DomainMessage.Submit(queue("bonds"), null, null), new LocalWriters.Deadlines(vertx, 2_000)));
      assertThat(closed).as("nothing done by a closed writer").isSameAs(LocalWriters.CLOSED);

      await(client.command(DOMAIN, queue("funds")));
      assertThat(await(client.ask(DOMAIN, new DomainQuery.QueuesQuery()))).as("the same writer, over the event bus")
          .extracting(QueueSpec::id).containsExactlyInAnyOrder("stocks", "funds");
      assertThat(overBus).hasValue(2);

      await(vertx.undeploy(deployment));
      assertThat(failure(client.command(DOMAIN, queue("gold")))).isInstanceOf(DomainUnavailable.class)
          .hasMessageContaining("no running writer");
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void aLocalWriterThatDoesNotAnswerInTimeIsUnavailable() throws Exception {
    Vertx vertx = Vertx.vertx();
    CountDownLatch release = new CountDownLatch(1);
    try {
      // A writer's context kept busy (a stuck writer) until the test ends.
      Context[] stuck = new Context[1];
      await(vertx.deployVerticle(new VerticleBase() {
        @Override
        public Future<?> start() {
          stuck[0] = context;
          return Future.succeededFuture();
        }
      }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
      stuck[0].runOnContext(v -> {
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      RouterMetrics metrics = RouterMetrics.forDomain("stuck");
      LocalWriters.register(vertx, "stuck", stuck[0], new DomainInbox("stuck", c -> Future.failedFuture("never"),
          () -> Future.failedFuture("never"), System::currentTimeMillis,
          new Admission(10, 0, System::nanoTime), metrics, new Idempotency(10, 60_000)));

      DomainClient client = new DomainClient(vertx, 300);
      long sent = System.nanoTime();
      assertThat(failure(client.command("stuck", queue("stocks")))).isInstanceOf(DomainUnavailable.class)
          .hasMessageContaining("did not answer in time");
      assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("waited out the request timeout, no longer")
          .isBetween(Duration.ofMillis(250), Duration.ofSeconds(10));
    } finally {
      release.countDown();
      await(vertx.close());
    }
  }

  /** What {@code future} failed with (it must fail, within the default bound). */
  private static Throwable failure(Future<?> future) {
    try {
      await(future);
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, and it succeeded");
  }
}
