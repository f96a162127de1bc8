package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.Decision;
import dev.contactrouter.core.MatcherKind;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.RoutingDomain;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link PositionWatch} in rounds: a look at more contacts than one round takes is spread over
 * several, tells each waiting contact once, tells the same as a look in one go, and skips one that
 * stopped waiting meanwhile.
 */
class PositionWatchTest {
  private static final long T0 = 1_800_000_000_000L;
  private static final int WAITING = 2 * PositionWatch.CHUNK + 500;

  private final RoutingDomain domain = new RoutingDomain(MatcherKind.INDEXED);

  private void handle(Command command) {
    assertThat(domain.handle(command, T0)).isInstanceOf(Decision.Applied.class);
  }

  private void fill() {
    handle(new Command.ConfigureQueue("admin",
        new QueueSpec("stocks", null, Channel.VOICE, Map.of(), null, Set.of(), 10, 0.5, 600, 0, 180, null, null, null)));
    for (int i = 0; i < WAITING; i++) {
      handle(new Command.CreateContact("telephony", ContactSpec.of("c" + i, Channel.VOICE, "stocks")));
    }
  }

  /** A look in one round, as large as it takes. */
  private List<JsonObject> wholeLook(PositionWatch watch, long now) {
    watch.begin(domain);
    return watch.next("default", domain, now, Integer.MAX_VALUE);
  }

  @Test
  void aLookAtManyWaitingGoesInRoundsAndTellsEachOnce() {
    fill();
    PositionWatch watch = new PositionWatch();
    watch.begin(domain);
    List<JsonObject> told = new ArrayList<>();
    int rounds = 0;
    while (watch.busy() && rounds < 10) {
      List<JsonObject> round = watch.next("default", domain, T0, PositionWatch.CHUNK);
      assertThat(round).hasSizeLessThanOrEqualTo(PositionWatch.CHUNK);
      told.addAll(round);
      rounds++;
    }
    // Three rounds look (2,500 contacts, 1,000 a round), three more forget those no longer waiting.
    assertThat(rounds).isEqualTo(6);
    assertThat(told).hasSize(WAITING).extracting(e -> e.getString("contactId")).doesNotHaveDuplicates();
    assertThat(told).allSatisfy(e -> assertThat(e.getString("type")).isEqualTo(PositionWatch.TYPE));
    assertThat(told.get(0).getInteger("position")).isEqualTo(1);

    // Nothing changed: the next look tells nobody, in rounds or in one go.
    watch.begin(domain);
    assertThat(watch.next("default", domain, T0 + 1_000, PositionWatch.CHUNK)).isEmpty();
    assertThat(watch.busy()).isTrue();
    watch.abandon();
    assertThat(watch.busy()).isFalse();
    assertThat(wholeLook(watch, T0 + 1_000)).isEmpty();
  }

  @Test
  void oneThatStopsWaitingDuringALookIsSkippedAndThoseBehindItAreToldTheirNewPlace() {
    fill();
    PositionWatch watch = new PositionWatch();
    wholeLook(watch, T0);
    watch.begin(domain);
    watch.next("default", domain, T0 + 60_000, 1);
    // The second in line hangs up after the look began: everyone behind it moves up one place.
    handle(new Command.AbandonContact("telephony", "c1"));
    List<JsonObject> told = new ArrayList<>();
    while (watch.busy()) {
      told.addAll(watch.next("default", domain, T0 + 60_000, PositionWatch.CHUNK));
    }
    assertThat(told).extracting(e -> e.getString("contactId")).doesNotContain("c0", "c1").contains("c2");
    assertThat(told).filteredOn(e -> e.getString("contactId").equals("c2"))
        .extracting(e -> e.getInteger("position")).containsExactly(2);
  }
}
