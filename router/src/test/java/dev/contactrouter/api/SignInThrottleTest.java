package dev.contactrouter.api;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic, on a Vert.x of its own and with the clock passed in. */
class SignInThrottleTest {
  private static final long T0 = 1_700_000_000_000L;

  private Vertx vertx;
  private SignInThrottle throttle;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    throttle = new SignInThrottle(vertx);
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void delaysStartAtTheLimitAndDoubleUpToTheCap() {
    assertThat(SignInThrottle.delaySeconds(4, 5)).isZero();
    assertThat(SignInThrottle.delaySeconds(5, 5)).isEqualTo(1);
    assertThat(SignInThrottle.delaySeconds(6, 5)).isEqualTo(2);
    assertThat(SignInThrottle.delaySeconds(9, 5)).isEqualTo(16);
    assertThat(SignInThrottle.delaySeconds(5 + 40, 5)).isEqualTo(SignInThrottle.MAX_DELAY_SECONDS);
  }

  @Test
  void aUserIsLockedFromItsFifthFailureForLongerAndLongerUntilItSignsIn() {
    for (int i = 1; i < SignInThrottle.USER_FAILURES; i++) {
      assertThat(await(throttle.failed("li", "10.0.0.1", T0 + i)).locked()).as("failure %d", i).isFalse();
    }
    long now = T0 + 10;
    SignInThrottle.Verdict fifth = await(throttle.failed("li", "10.0.0.1", now));
    assertThat(fifth).isEqualTo(new SignInThrottle.Verdict(5, 1));
    // Locked for the user from anywhere, not for another user from the same address.
    assertThat(await(throttle.check("li", "10.9.9.9", now + 500)).retryAfterSeconds()).isEqualTo(1);
    assertThat(await(throttle.check("zhou", "10.0.0.1", now + 500)).locked()).isFalse();
    assertThat(await(throttle.check("li", "10.0.0.1", now + 1_000)).locked()).as("the lock ends").isFalse();
    // Each further failure doubles the lock.
    long at = now + 1_000;
    for (long expected : new long[] {2, 4, 8}) {
      assertThat(await(throttle.failed("li", "10.0.0.1", at)).retryAfterSeconds()).isEqualTo(expected);
      assertThat(await(throttle.check("li", "10.0.0.1", at + expected * 1000 - 1)).retryAfterSeconds()).isEqualTo(1);
      at += expected * 1000;
      assertThat(await(throttle.check("li", "10.0.0.1", at)).locked()).isFalse();
    }
    await(throttle.succeeded("li"));
    assertThat(await(throttle.failed("li", "10.0.0.2", at)).retryAfterSeconds()).as("counted from 1 again").isZero();
  }

  @Test
  void anAddressGuessingManyUsersIsLockedAndASuccessDoesNotClearIt() {
    for (int i = 1; i < SignInThrottle.ADDRESS_FAILURES; i++) {
      assertThat(await(throttle.failed("user-" + i, "10.0.0.7", T0)).locked()).as("failure %d", i).isFalse();
    }
    assertThat(await(throttle.failed("user-20", "10.0.0.7", T0)).retryAfterSeconds()).isEqualTo(1);
    await(throttle.succeeded("mine"));
    assertThat(await(throttle.check("mine", "10.0.0.7", T0 + 1)).locked()).as("any user from that address").isTrue();
    assertThat(await(throttle.check("mine", "10.0.0.8", T0 + 1)).locked()).as("from another address").isFalse();
  }
}
