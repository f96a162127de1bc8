package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a request does when the watch knows where its domain's writer is: sent and answered as
 * usual; failed at once when the writer's node goes while it waits for the answer (not after the
 * request timeout); held back while nobody holds the domain, and sent once a writer runs; failed at
 * once when the holder is alive out of reach; sent again when it found no writer while one is
 * announced. Without anything fed, it passes straight through.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OwnerWatchTest {
  private static final String DOMAIN = "d";
  private static final long REQUEST_TIMEOUT = 5_000;
  private static final long WAIT = 1_500;

  private Vertx vertx;
  private Context context;
  private OwnerWatch watch;
  private final AtomicInteger delivered = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    watch = on(() -> Future.succeededFuture(new OwnerWatch(vertx, WAIT)));
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void withoutAnythingFedRequestsPassStraightThrough() throws Exception {
    assertThatThrownBy(() -> on(this::request)).isInstanceOf(ReplyException.class)
        .matches(e -> ((ReplyException) e).failureType() == ReplyFailure.NO_HANDLERS, "no handlers");
    writer(true);
    assertThat(on(this::request).getString("ok")).isEqualTo(DOMAIN);
  }

  @Test
  void aRequestWaitingOnAWriterWhoseNodeGoesFailsAtOnce() throws Exception {
    writer(false); // takes the message, never answers: a node that died with the request
    feed(OwnerWatch.Owner.serving("n1#1"));
    long sent = System.currentTimeMillis();
    Future<JsonObject> pending = onAsync(this::request);
    awaitTrue(() -> delivered.get() == 1);
    feed(OwnerWatch.Owner.awaited("n1#1", "n1 is not in the cluster"));
    assertThatThrownBy(() -> pending.await(REQUEST_TIMEOUT, TimeUnit.MILLISECONDS))
        .isInstanceOf(DomainUnavailable.class).hasMessageContaining("n1 is not in the cluster")
        .hasMessageContaining("may or may not have been applied");
    assertThat(System.currentTimeMillis() - sent).as("failed long before the request timeout").isLessThan(2_000);
  }

  @Test
  void aNewOwnerAtAnotherHolderFailsWhatWasSentToTheOldOne() throws Exception {
    writer(false);
    feed(OwnerWatch.Owner.serving("n1#1"));
    Future<JsonObject> pending = onAsync(this::request);
    awaitTrue(() -> delivered.get() == 1);
    feed(OwnerWatch.Owner.serving("n2#1"));
    assertThatThrownBy(() -> pending.await(REQUEST_TIMEOUT, TimeUnit.MILLISECONDS)).isInstanceOf(DomainUnavailable.class);
  }

  @Test
  void aRequestForADomainNobodyHoldsWaitsAndGoesToTheNextOwner() throws Exception {
    writer(true);
    feed(OwnerWatch.Owner.awaited(null, "nobody holds it"));
    Future<JsonObject> pending = onAsync(this::request);
    Thread.sleep(300);
    assertThat(delivered.get()).as("not sent while nobody holds the domain").isZero();
    assertThat(pending.isComplete()).isFalse();
    feed(OwnerWatch.Owner.serving("n2#1"));
    assertThat(pending.await(REQUEST_TIMEOUT, TimeUnit.MILLISECONDS).getString("ok")).isEqualTo(DOMAIN);
    assertThat(delivered.get()).as("sent once").isEqualTo(1);
  }

  @Test
  void aRequestWaitsAtMostItsBoundThen503() throws Exception {
    writer(true);
    feed(OwnerWatch.Owner.awaited(null, "nobody holds it"));
    long sent = System.currentTimeMillis();
    assertThatThrownBy(() -> on(this::request)).isInstanceOf(DomainUnavailable.class)
        .hasMessageContaining("nobody holds it");
    assertThat(System.currentTimeMillis() - sent).isBetween(WAIT - 100, WAIT + 2_000);
    assertThat(delivered.get()).as("never sent").isZero();
  }

  @Test
  void aHolderAliveOutOfReachFailsRequestsAtOnce() throws Exception {
    writer(true);
    feed(OwnerWatch.Owner.unreachable("n1#1", "n1 renews its lease out of reach"));
    long sent = System.currentTimeMillis();
    assertThatThrownBy(() -> on(this::request)).isInstanceOf(DomainUnavailable.class)
        .hasMessageContaining("out of reach");
    assertThat(System.currentTimeMillis() - sent).isLessThan(WAIT);
    assertThat(delivered.get()).isZero();
  }

  @Test
  void aRequestThatFoundNoWriterWhileOneIsAnnouncedIsSentAgain() throws Exception {
    feed(OwnerWatch.Owner.serving("n2#1")); // announced, but its registration has not arrived yet
    Future<JsonObject> pending = onAsync(this::request);
    Thread.sleep(200);
    writer(true);
    assertThat(pending.await(REQUEST_TIMEOUT, TimeUnit.MILLISECONDS).getString("ok")).isEqualTo(DOMAIN);
  }

  // ------------------------------------------------------------- helpers

  private Future<JsonObject> request() {
    return watch.send(DOMAIN, () -> vertx.eventBus()
        .<JsonObject>request(Addresses.domain(DOMAIN), new JsonObject(), new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT)))
        .map(Message::body);
  }

  private void writer(boolean answers) throws Exception {
    vertx.eventBus().<JsonObject>consumer(Addresses.domain(DOMAIN), m -> {
      delivered.incrementAndGet();
      if (answers) {
        m.reply(new JsonObject().put("ok", DOMAIN));
      }
    }).completion().await(5, TimeUnit.SECONDS);
  }

  private void feed(OwnerWatch.Owner owner) throws Exception {
    on(() -> {
      OwnerWatch.publish(vertx, Map.of(DOMAIN, owner));
      return Future.succeededFuture(null);
    });
    Thread.sleep(50); // delivered on the watch's context, after this
  }

  /** Runs {@code action} on the watch's context and waits for its result. */
  private <T> T on(Supplier<Future<T>> action) throws Exception {
    return onAsync(action).await(REQUEST_TIMEOUT + 5_000, TimeUnit.MILLISECONDS);
  }

  private <T> Future<T> onAsync(Supplier<Future<T>> action) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(done));
    return done.future();
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(20);
    }
  }
}
