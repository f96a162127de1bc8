package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The compliance gates restated from the written rules, without the domain's code, over the
 * {@link Shadow}'s fold of the events: no offer or assignment may put a contact in front of an
 * agent who fails one. Licence: every licence fixed on arrival and its queue's, valid at that
 * moment (a held contact: its review queue's). Suitability: a product its customer's risk level
 * does not suit waits in review, nowhere else. Review hold: a held contact stays in its review
 * queue, for agents with that queue's skills (and its own) at full level. Site: its own, else its
 * queue's.
 */
final class GateOracle {
  private final Shadow shadow;
  /** When each pending offer was made: its licences had to be valid then. */
  private final Map<String, Long> offeredAt = new HashMap<>();
  int offersChecked;
  int assignmentsChecked;
  int heldOffers;

  GateOracle(Shadow shadow) {
    this.shadow = shadow;
  }

  /** Checks an offer or an assignment against the gates before the shadow folds it. */
  void beforeFolding(Event event, long now) {
    if (event instanceof Event.OfferMade e) {
      check(e.contactId(), e.agentId(), now, now, "offer " + e.offerId());
      offeredAt.put(e.offerId(), now);
      offersChecked++;
      if (shadow.contacts.get(e.contactId()).held) {
        heldOffers++;
      }
    } else if (event instanceof Event.OfferAccepted e) {
      check(e.contactId(), e.agentId(), now, now, "assignment by " + e.offerId());
      assignmentsChecked++;
    }
  }

  /**
   * After a command: every offer still ringing passes the gates under the agent's profile and the
   * queue as they are now (a changed profile or queue withdraws what it closes a gate on), with
   * licences valid when it was made (one lapsing while it rings is caught at the answer).
   */
  void afterCommand(long now) {
    offeredAt.keySet().retainAll(shadow.offers.keySet());
    for (Map.Entry<String, String> o : shadow.offers.entrySet()) {
      Shadow.Contact c = shadow.contacts.get(o.getValue());
      check(c.id(), c.offerAgent, offeredAt.get(o.getKey()), now, "ringing offer " + o.getKey());
    }
  }

  private void check(String contactId, String agentId, long licencesAt, long now, String what) {
    Shadow.Contact c = shadow.contacts.get(contactId);
    AgentProfile p = shadow.agents.get(agentId).profile;
    QueueSpec q = shadow.queues.get(c.queue);
    String about = what + " of " + contactId + " to " + agentId + " at " + now;
    Product product = c.spec.product();
    Integer risk = c.spec.customer().riskLevel();
    boolean unsuitable = product != null && (risk == null || risk < product.riskLevel());
    assertThat(!unsuitable || c.held).as("suitability gate: %s (%s)", about, c.spec).isTrue();
    Set<String> licences = new TreeSet<>(q.licences());
    if (c.held) {
      assertThat(c.queue).as("review-hold gate: %s left its review queue", about).isEqualTo(c.spec.queue());
      Map<String, Integer> skills = new TreeMap<>(q.skills());
      c.spec.skills().forEach((s, l) -> skills.merge(s, l, Math::max));
      skills.forEach((s, l) -> assertThat(p.skills().getOrDefault(s, 0))
          .as("review-hold gate: %s: review queue %s asks %s>=%d", about, q.id(), s, l).isGreaterThanOrEqualTo(l));
    } else {
      licences.addAll(c.gates);
    }
    for (String l : licences) {
      assertThat(p.licences().stream().anyMatch(x -> x.name().equals(l)
          && (x.validUntil() == null || licencesAt <= x.validUntil())))
          .as("licence gate: %s needs %s; agent holds %s", about, l, p.licences()).isTrue();
    }
    String site = c.spec.site() != null ? c.spec.site() : q.site();
    assertThat(site == null || site.equals(p.site())).as("site gate: %s needs site %s, agent at %s", about, site, p.site())
        .isTrue();
  }
}
