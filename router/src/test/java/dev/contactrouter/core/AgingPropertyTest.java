package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.offers;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Aging prevents starvation: a low-priority contact keeps waiting while higher-priority ones
 * arrive faster than the only agent can serve them, yet it is served within a bounded time.
 */
class AgingPropertyTest {

  @Property(tries = 60)
  void lowPriorityContactIsServedDespiteAStreamOfHigherPriorityOnes(
      @ForAll @DoubleRange(min = 0.2, max = 5.0) double agingRate,
      @ForAll @IntRange(min = 1, max = 20) int priorityGap,
      @ForAll @IntRange(min = 1, max = 10) int arrivalEverySeconds,
      @ForAll @IntRange(min = 1, max = 20) int handleSlowerBySeconds,
      @ForAll @IntRange(min = 0, max = 5) int initialBacklog) {
    int handleSeconds = arrivalEverySeconds + handleSlowerBySeconds; // the backlog only grows
    Centre centre = new Centre();
    centre.configure(queue("support").priority(0).aging(agingRate).wrapUp(0).offerTimeout(30));
    centre.ready(agent("a1"));

    Map<String, Long> arrivals = new HashMap<>();
    List<String> served = new ArrayList<>();
    long[] completeAt = {Long.MAX_VALUE};
    int[] highs = {0};

    // The agent is busy and a backlog of high-priority contacts waits before the low one arrives.
    for (int i = 0; i <= initialBacklog; i++) {
      String id = "high" + highs[0]++;
      arrivals.put(id, centre.now);
      serve(centre, centre.create(contact(id, "support").priority(priorityGap)), served, completeAt, handleSeconds);
    }
    centre.advanceSeconds(1);
    long lowArrival = centre.now;
    arrivals.put("low", lowArrival);
    serve(centre, centre.create(contact("low", "support")), served, completeAt, handleSeconds);
    int servedBeforeLow = served.size();

    // A high-priority contact arriving after this instant has a strictly lower effective priority
    // than the low one at every later moment, so it can never be served first.
    double cutoff = lowArrival + priorityGap / agingRate * 1000;
    long firstArrival = lowArrival - 1_000 + arrivalEverySeconds * 1000L;
    long nextArrival = firstArrival;
    int mayGoFirst = initialBacklog + 1 - servedBeforeLow; // the backlog still waiting
    for (long t = firstArrival; t <= cutoff; t += arrivalEverySeconds * 1000L) {
      mayGoFirst++;
    }
    long deadline = lowArrival + (mayGoFirst + 1L) * handleSeconds * 1000L;

    while (!served.contains("low")) {
      assertThat(centre.now).as("low-priority contact still waiting at the bound").isLessThanOrEqualTo(deadline);
      long next = Math.min(nextArrival, completeAt[0]);
      centre.advanceTo(next);
      if (next == completeAt[0]) {
        String held = centre.agentView("a1").contacts().get(0);
        completeAt[0] = Long.MAX_VALUE;
        serve(centre, centre.complete(held, "a1"), served, completeAt, handleSeconds);
      } else {
        String id = "high" + highs[0]++;
        arrivals.put(id, centre.now);
        serve(centre, centre.create(contact(id, "support").priority(priorityGap)), served, completeAt, handleSeconds);
        nextArrival += arrivalEverySeconds * 1000L;
      }
    }

    assertThat(centre.contactView("low").assignedAt()).as("served within the bound").isLessThanOrEqualTo(deadline);
    List<String> beforeLow = served.subList(servedBeforeLow, served.indexOf("low"));
    assertThat(beforeLow).as("served after the low one arrived, before it").hasSizeLessThanOrEqualTo(mayGoFirst);
    for (String id : beforeLow) {
      assertThat((double) arrivals.get(id)).as("%s overtook the aged low-priority contact", id).isLessThanOrEqualTo(cutoff);
    }
    assertThat(centre.contactView("low").status()).isEqualTo(ContactStatus.ASSIGNED);
    assertThat(centre.stats("support").waiting()).as("the backlog did grow").isPositive();
  }

  /** The agent accepts any offer at once and will complete it after the handling time. */
  private static void serve(
      Centre centre, Decision decision, List<String> served, long[] completeAt, int handleSeconds) {
    for (Event.OfferMade offer : offers(decision)) {
      served.add(offer.contactId());
      centre.accept(offer.offerId(), offer.agentId());
      completeAt[0] = centre.now + handleSeconds * 1000L;
    }
  }
}
