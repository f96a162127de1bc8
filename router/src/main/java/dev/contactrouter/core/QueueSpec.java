package dev.contactrouter.core;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A queue's routing policy, as an administrator configures it.
 *
 * @param channel the channel its contacts must arrive on, or {@code null} for any (a complaints
 *     queue, say, takes every channel)
 * @param skills required skills with their minimum level (1–5)
 * @param site the site an agent must belong to, or {@code null} for any
 * @param licences licences an agent must hold (valid at the time of the offer)
 * @param priority base priority added to every contact's own priority
 * @param agingRate priority points a waiting contact gains per second, so no queue starves
 * @param offerTimeoutSeconds how long an offer rings before it times out
 * @param wrapUpSeconds after-contact work time before the agent is available again
 * @param expectedHandleSeconds the handling time assumed for wait estimates until the queue has
 *     measured its own
 * @param sla the queue's service-level policy, or null for none
 * @param calendar the id of the queue's business-hours calendar, or null for always open
 * @param stage the service stage (§1.2.2) it serves, or null for none: a contact advanced to that
 *     stage is handed to it ({@link ServiceStages})
 */
public record QueueSpec(
    String id,
    String name,
    Channel channel,
    Map<String, Integer> skills,
    String site,
    Set<String> licences,
    int priority,
    double agingRate,
    int offerTimeoutSeconds,
    int wrapUpSeconds,
    int expectedHandleSeconds,
    SlaPolicy sla,
    String calendar,
    ServiceStage stage) {

  public static final double DEFAULT_AGING_RATE = 0.5;
  public static final int DEFAULT_OFFER_TIMEOUT_SECONDS = 15;
  public static final int DEFAULT_WRAP_UP_SECONDS = 30;
  public static final int DEFAULT_EXPECTED_HANDLE_SECONDS = 180;

  public QueueSpec {
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
    skills = Skills.sorted(skills);
    licences = Skills.sortedSet(licences);
  }

  /**
   * Whether {@code other} is this queue again with at most another name: nothing that routing,
   * service levels or timers read differs. Configuration tools send a queue's whole spec again on
   * every run, and a rename changes nothing either; neither needs the waiting contacts re-placed.
   */
  public boolean sameButName(QueueSpec other) {
    return other != null && other.equals(new QueueSpec(id, other.name, channel, skills, site, licences, priority,
        agingRate, offerTimeoutSeconds, wrapUpSeconds, expectedHandleSeconds, sla, calendar, stage));
  }
}
