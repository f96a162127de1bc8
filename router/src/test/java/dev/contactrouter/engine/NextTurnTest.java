package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.Busy;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link NextTurn} on real contexts: on an event loop, a timer already due and bytes already
 * arrived are handled between the rounds of long work, not after all of them (which is what
 * {@code runOnContext} gives); every round runs on its own context, in order.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NextTurnTest {
  private static final int ROUNDS = 50;

  @Test
  void aTimerAlreadyDueFiresBetweenTheRounds(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      AtomicInteger rounds = new AtomicInteger();
      AtomicInteger roundsWhenFired = new AtomicInteger(-1);
      vertx.setTimer(1, id -> roundsWhenFired.set(rounds.get()));
      Busy.spin(Duration.ofMillis(5)); // the timer is due before the first round is even queued
      new Chain(context, rounds, () -> test.verify(() -> {
        assertThat(roundsWhenFired.get()).as("rounds run before the due timer fired").isBetween(0, 2);
        test.completeNow();
      }), test).next();
    });
  }

  @Test
  void bytesAlreadyArrivedAreReadBetweenTheRounds(Vertx vertx, VertxTestContext test) throws Exception {
    Context context = vertx.getOrCreateContext();
    AtomicInteger rounds = new AtomicInteger();
    AtomicInteger roundsWhenRead = new AtomicInteger(-1);
    AtomicBoolean sent = new AtomicBoolean();
    CountDownLatch connected = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Integer> port = new CompletableFuture<>();
    context.runOnContext(v -> vertx.createNetServer()
        .connectHandler(socket -> {
          socket.handler(bytes -> roundsWhenRead.compareAndSet(-1, rounds.get()));
          connected.countDown();
        })
        .listen(0, "127.0.0.1").onComplete(test.succeeding(listening -> port.complete(listening.actualPort()))));
    try (Socket client = new Socket("127.0.0.1", port.get(10, TimeUnit.SECONDS))) {
      assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
      context.runOnContext(v -> new Chain(context, rounds, () -> test.verify(() -> {
        assertThat(roundsWhenRead.get()).as("rounds run before the arrived bytes were read").isBetween(0, 3);
        test.completeNow();
      }), test) {
        @Override
        void first() {
          started.countDown();
          // Hold the loop until the bytes are sent (from this test's thread), and a little longer.
          long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
          while (!sent.get() && System.nanoTime() < until) {
            Thread.onSpinWait();
          }
          Busy.spin(Duration.ofMillis(20));
        }
      }.next());
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      OutputStream out = client.getOutputStream();
      out.write("ping".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      sent.set(true);
      assertThat(test.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void roundsOnAWorkerContextRunThereInOrder(Vertx vertx, VertxTestContext test) {
    Checkpoint done = test.checkpoint(2);
    vertx.deployVerticle(new AbstractVerticle() {
      @Override
      public void start() {
        AtomicInteger rounds = new AtomicInteger();
        NextTurn.run(context, v -> new Chain(context, rounds, () -> {
          test.verify(() -> assertThat(rounds).hasValue(ROUNDS));
          done.flag();
        }, test).next());
      }
    }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).onComplete(test.succeeding(id -> done.flag()));
  }

  /** {@link #ROUNDS} rounds chained with {@link NextTurn}, each on {@code context}. */
  private static class Chain {
    private final Context context;
    private final AtomicInteger rounds;
    private final Runnable done;
    private final VertxTestContext test;

    Chain(Context context, AtomicInteger rounds, Runnable done, VertxTestContext test) {
      this.context = context;
      this.rounds = rounds;
      this.done = done;
      this.test = test;
    }

    void first() {
    }

    void next() {
      if (rounds.get() == 0) {
        first();
      }
      test.verify(() -> assertThat(Vertx.currentContext()).isSameAs(context));
      if (rounds.incrementAndGet() < ROUNDS) {
        NextTurn.run(context, v -> next());
      } else {
        done.run();
      }
    }
  }
}
