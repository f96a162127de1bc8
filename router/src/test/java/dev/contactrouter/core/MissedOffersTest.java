package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The domain's threshold of missed offers: an agent goes not ready only at the
 * {@code missedOffersBeforeNotReady}-th offer in a row it lets ring out; each miss is counted on
 * the agent (its view's {@code missedOffers}), and an accepted offer or a new status starts the
 * count again. The default, 1, is the first miss.
 */
class MissedOffersTest {
  private Centre centre;

  @BeforeEach
  void oneAgentWhoMayMissThreeOffers() {
    centre = Centre.billingDesk();
    centre.configure(rules(3));
    centre.available("a1");
  }

  @Test
  void theAgentStaysReadyUntilItHasMissedTheThresholdInARow() {
    centre.create(contact("c1", "billing"));

    List<Event> first = missOffer("c1.1");
    assertThat(first).as("first miss").startsWith(new Event.OfferTimedOut("c1.1", "c1", "a1"))
        .doesNotHaveAnyElementsOfTypes(Event.AgentStatusChanged.class);
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.AVAILABLE);
    assertThat(centre.contactView("c1").offer().offerId()).as("still ready: offered again").isEqualTo("c1.2");
    assertThat(centre.agentView("a1").missedOffers()).isEqualTo(1);

    assertThat(missOffer("c1.2")).as("second miss").doesNotHaveAnyElementsOfTypes(Event.AgentStatusChanged.class);
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.AVAILABLE);
    assertThat(centre.agentView("a1").missedOffers()).isEqualTo(2);

    assertThat(missOffer("c1.3")).as("third miss").containsExactly(new Event.OfferTimedOut("c1.3", "c1", "a1"),
        new Event.AgentStatusChanged("a1", AgentStatus.NOT_READY, RoutingDomain.MISSED_OFFER, null));
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.NOT_READY);
    assertThat(centre.agentView("a1").reason()).isEqualTo("missed-offer");
    assertThat(centre.agentView("a1").missedOffers()).as("a new status starts the count again").isZero();
    assertThat(centre.stats("billing").missedOffers()).as("every miss is counted on the queue too").isEqualTo(3);
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);
  }

  @Test
  void anAcceptedOfferStartsTheCountAgain() {
    centre.create(contact("c1", "billing"));
    missOffer("c1.1");
    missOffer("c1.2");
    assertThat(centre.agentView("a1").missedOffers()).isEqualTo(2);

    assertThat(centre.accept("c1.3", "a1")).isInstanceOf(Decision.Applied.class);
    assertThat(centre.agentView("a1").missedOffers()).isZero();

    centre.complete("c1", "a1");
    centre.available("a1");
    centre.create(contact("c2", "billing"));
    assertThat(missOffer("c2.1")).doesNotHaveAnyElementsOfTypes(Event.AgentStatusChanged.class);
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.AVAILABLE);
    assertThat(centre.agentView("a1").missedOffers()).isEqualTo(1);
  }

  @Test
  void theCountIsStateAReplayAndASnapshotKeep() {
    centre.create(contact("c1", "billing"));
    missOffer("c1.1");
    missOffer("c1.2");

    RoutingDomain replayed = new RoutingDomain();
    centre.journal.forEach(replayed::apply);
    assertThat(replayed.agent("a1").orElseThrow().missedOffers()).isEqualTo(2);
    RoutingDomain restored = RoutingDomain.restore(centre.domain.snapshot(), MatcherKind.INDEXED);
    assertThat(restored.agent("a1").orElseThrow().missedOffers()).isEqualTo(2);

    // The restored domain decides the third miss as the original does.
    long expiresAt = centre.contactView("c1").offer().expiresAt();
    Decision third = restored.handle(new Command.ExpireOffer(RoutingDomain.ROUTER, "c1.3"), expiresAt);
    assertThat(events(third)).contains(
        new Event.AgentStatusChanged("a1", AgentStatus.NOT_READY, RoutingDomain.MISSED_OFFER, null));
  }

  @Test
  void byDefaultTheFirstMissSendsTheAgentNotReady() {
    centre.configure(ServiceRules.DEFAULTS);
    centre.create(contact("c1", "billing"));
    assertThat(missOffer("c1.1")).contains(
        new Event.AgentStatusChanged("a1", AgentStatus.NOT_READY, RoutingDomain.MISSED_OFFER, null));
  }

  @Test
  void aThresholdOutsideOneToAHundredIsRefusedNamingTheField() {
    for (int bad : new int[] {0, -1, 101}) {
      Decision.Refused refused = centre.refused(new Command.ConfigureRules("admin", rules(bad)));
      assertThat(refused.field()).isEqualTo("/missedOffersBeforeNotReady");
    }
    assertThat(centre.domain.rules().missedOffersBeforeNotReady()).isEqualTo(3);
  }

  // ------------------------------------------------------------------ helpers

  private static ServiceRules rules(int missed) {
    ServiceRules d = ServiceRules.DEFAULTS;
    return new ServiceRules(d.reviewQueue(), d.relationship(), d.returnVisit(), d.complaints(), d.scoreWeights(), missed);
  }

  /** Lets offer {@code offerId} ring out; the events its timeout caused. */
  private List<Event> missOffer(String offerId) {
    String contactId = offerId.substring(0, offerId.lastIndexOf('.'));
    assertThat(centre.contactView(contactId).offer().offerId()).isEqualTo(offerId);
    centre.advanceTo(centre.contactView(contactId).offer().expiresAt());
    return events(centre.expire(offerId));
  }
}
