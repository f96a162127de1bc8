package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.core.Reply;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The writer's memory of agent-call {@code Idempotency-Key}s stays within its bounds: a count cap
 * (oldest forgotten first) and an age; a key it still holds answers with the first outcome.
 */
class IdempotencyTest {
  private final AtomicInteger runs = new AtomicInteger();

  private Future<Outcome> run(Idempotency memory, String key, long now) {
    return memory.run("agent:a1", key, "fp-" + key, now, () -> {
      runs.incrementAndGet();
      return Future.succeededFuture(new Outcome.Applied(new Reply.Done(), now));
    });
  }

  @Test
  void drivenPastItsCapItHoldsTheNewestKeysOnly() {
    Idempotency memory = new Idempotency(3, 60_000);
    for (int i = 0; i < 10; i++) {
      run(memory, "k" + i, 1_000 + i);
      assertThat(memory.size()).as("after key %d", i).isLessThanOrEqualTo(3);
    }
    assertThat(runs).hasValue(10);

    Outcome first = run(memory, "k9", 2_000).result();
    assertThat(runs).as("a held key answers with its first outcome").hasValue(10);
    assertThat(first).isEqualTo(new Outcome.Applied(new Reply.Done(), 1_009));

    run(memory, "k0", 2_001);
    assertThat(runs).as("a forgotten key runs again").hasValue(11);
    assertThat(memory.size()).isEqualTo(3);
  }

  @Test
  void keysAreForgottenOnceTheyAreOlderThanTheTtl() {
    Idempotency memory = new Idempotency(100, 60_000);
    run(memory, "old", 0);
    run(memory, "newer", 30_000);
    run(memory, "probe", 60_000);
    assertThat(memory.size()).as("'old' is 60 s old: gone").isEqualTo(2);
    run(memory, "newer", 89_999);
    assertThat(runs).as("'newer' is still held").hasValue(3);
    run(memory, "old", 90_000);
    assertThat(runs).hasValue(4);
    assertThat(memory.size()).as("'newer' expired too").isEqualTo(2);
  }

  @Test
  void aReusedKeyWithAnotherRequestIsRefusedWhileHeld() {
    Idempotency memory = new Idempotency(10, 60_000);
    run(memory, "k", 0);
    Outcome clash = memory.run("agent:a1", "k", "another", 1, () -> Future.failedFuture("must not run")).result();
    assertThat(clash).isInstanceOf(Outcome.Refused.class);
    assertThatThrownBy(() -> new Idempotency(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
