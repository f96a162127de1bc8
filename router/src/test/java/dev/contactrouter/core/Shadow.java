package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately plain model of a routing domain, folded from the domain's own events, that the
 * properties use as an oracle: it re-derives who may take what from the written rules (skills,
 * channel, capacity, site, licences, rejections) without sharing code with the domain's matcher.
 */
final class Shadow {

  static final class Agent {
    final String id;
    AgentProfile profile;
    AgentStatus status = AgentStatus.OFFLINE;
    long readySince;
    Long wrapUpUntil;
    Channel active;
    final Set<String> offered = new LinkedHashSet<>();
    final Set<String> assigned = new LinkedHashSet<>();

    Agent(AgentProfile profile, long at) {
      this.id = profile.id();
      this.profile = profile;
      this.readySince = at;
    }

    int held() {
      return offered.size() + assigned.size();
    }
  }

  static final class Contact {
    /** As it arrived; a release from a compliance hold re-assesses it (the queue meant, the customer's risk). */
    ContactSpec spec;
    final long arrivedAt;
    String queue;
    String target;
    ContactStatus status = ContactStatus.QUEUED;
    String offerId;
    String offerAgent;
    String agent;
    final Set<String> rejectedBy = new HashSet<>();
    final List<Event> history = new ArrayList<>();
    /** SLA escalation so far: priority points added, skill levels taken off. */
    int boost;
    int relax;
    /** Its channel now (a caller who asked for a callback waits as one). */
    Channel channel;
    /** Licences fixed on arrival: its own, its queue's and the queue it was pushed to. */
    Set<String> gates = Set.of();
    /** Failed a gate (unsuitable product, licence nobody holds): only its review queue's requirement applies. */
    boolean held;
    RouteStage stage = RouteStage.OPEN;
    String preferred;
    String team;

    Contact(ContactSpec spec, long arrivedAt) {
      this.spec = spec;
      this.arrivedAt = arrivedAt;
      this.queue = spec.queue();
      this.channel = spec.channel();
    }

    String id() {
      return spec.id();
    }

    Channel channel() {
      return channel;
    }
  }

  final Map<String, QueueSpec> queues = new TreeMap<>();
  final Map<String, Agent> agents = new TreeMap<>();
  final Map<String, Contact> contacts = new LinkedHashMap<>();
  /** offerId → contactId of pending offers. */
  final Map<String, String> offers = new TreeMap<>();

  void fold(Recorded recorded) {
    Event event = recorded.event();
    long at = recorded.at();
    if (event.contactId() != null && contacts.containsKey(event.contactId())) {
      contacts.get(event.contactId()).history.add(event);
    }
    if (event instanceof Event.QueueConfigured e) {
      queues.put(e.queue().id(), e.queue());
    } else if (event instanceof Event.AgentConfigured e) {
      Agent a = agents.get(e.agent().id());
      if (a == null) {
        agents.put(e.agent().id(), new Agent(e.agent(), at));
      } else {
        a.profile = e.agent();
      }
    } else if (event instanceof Event.AgentStatusChanged e) {
      Agent a = agents.get(e.agentId());
      if (e.status() == AgentStatus.AVAILABLE && a.status != AgentStatus.AVAILABLE) {
        a.readySince = at;
      }
      a.status = e.status();
      a.wrapUpUntil = e.status() == AgentStatus.WRAP_UP ? e.until() : null;
    } else if (event instanceof Event.ContactQueued e) {
      Contact c = new Contact(e.contact(), at);
      c.history.add(e);
      contacts.put(c.id(), c);
      screen(c, at);
    } else if (event instanceof Event.ContactReleased e) {
      // Released from a compliance hold: its gates, restated, are screened again as they stand now.
      Contact c = contacts.get(e.contactId());
      c.spec = c.spec.released(e.queue(), e.customerRiskLevel());
      screen(c, at);
    } else if (event instanceof Event.RoutingStageChanged e) {
      Contact c = contacts.get(e.contactId());
      c.stage = e.stage();
      c.preferred = e.preferredAgent();
      c.team = e.team();
    } else if (event instanceof Event.CallbackRequested e) {
      contacts.get(e.contactId()).channel = Channel.CALLBACK;
    } else if (event instanceof Event.OfferMade e) {
      Contact c = contacts.get(e.contactId());
      Agent a = agents.get(e.agentId());
      c.status = ContactStatus.OFFERED;
      c.offerId = e.offerId();
      c.offerAgent = a.id;
      a.offered.add(c.id());
      a.active = c.channel();
      a.readySince = at;
      offers.put(e.offerId(), c.id());
    } else if (event instanceof Event.OfferAccepted e) {
      Contact c = contacts.get(e.contactId());
      Agent a = agents.get(e.agentId());
      a.assigned.add(c.id());
      clearOffer(c, a);
      c.status = ContactStatus.ASSIGNED;
      c.agent = a.id;
    } else if (event instanceof Event.OfferRejected e) {
      returned(e.contactId(), e.agentId());
      contacts.get(e.contactId()).rejectedBy.add(e.agentId());
    } else if (event instanceof Event.OfferTimedOut e) {
      returned(e.contactId(), e.agentId());
    } else if (event instanceof Event.OfferRevoked e) {
      returned(e.contactId(), e.agentId());
    } else if (event instanceof Event.ContactAbandoned e) {
      contacts.get(e.contactId()).status = ContactStatus.ABANDONED;
    } else if (event instanceof Event.ContactTransferred e) {
      Contact c = contacts.get(e.contactId());
      if (c.status == ContactStatus.ASSIGNED) {
        release(agents.get(c.agent), c);
        c.agent = null;
      }
      c.queue = e.toQueue();
      c.target = e.toAgent();
      c.status = ContactStatus.QUEUED;
      c.stage = RouteStage.OPEN;
    } else if (event instanceof Event.SlaThresholdReached e) {
      Contact c = contacts.get(e.contactId());
      if (e.action() == SlaPolicy.Action.RAISE_PRIORITY) {
        c.boost += e.by();
      } else if (e.action() == SlaPolicy.Action.RELAX_SKILLS) {
        c.relax += e.by();
      }
    } else if (event instanceof Event.ContactCompleted e) {
      Contact c = contacts.get(e.contactId());
      release(agents.get(e.agentId()), c);
      c.status = ContactStatus.COMPLETED;
    }
  }

  private void returned(String contactId, String agentId) {
    Contact c = contacts.get(contactId);
    clearOffer(c, agents.get(agentId));
    c.status = ContactStatus.QUEUED;
  }

  private void clearOffer(Contact c, Agent a) {
    offers.remove(c.offerId);
    a.offered.remove(c.id());
    if (a.held() == 0) {
      a.active = null;
    }
    c.offerId = null;
    c.offerAgent = null;
  }

  private static void release(Agent a, Contact c) {
    a.assigned.remove(c.id());
    if (a.held() == 0) {
      a.active = null;
    }
  }

  // ------------------------------------------------------------------ the rules, restated

  /**
   * The compliance gates, restated: licences of the queue it was pushed to (and of the queue it
   * waits in) plus its own, fixed now; held when nobody holds them all valid now, or when it is
   * about a product whose risk level is above the customer's (or the customer is unassessed).
   */
  void screen(Contact c, long at) {
    Set<String> gates = new TreeSet<>(c.spec.requiredLicences());
    String requested = c.spec.attributes().getOrDefault("reviewFrom", c.spec.queue());
    gates.addAll(queues.get(requested).licences());
    String outOfHoursFrom = c.spec.attributes().get("outOfHoursFrom");
    if (outOfHoursFrom != null) {
      gates.addAll(queues.get(outOfHoursFrom).licences());
    }
    boolean servable = gates.isEmpty() || agents.values().stream().anyMatch(a -> gates.stream().allMatch(l ->
        a.profile.licences().stream().anyMatch(x -> x.name().equals(l) && (x.validUntil() == null || at <= x.validUntil()))));
    Product product = c.spec.product();
    Integer risk = c.spec.customer().riskLevel();
    boolean suitable = product == null || risk != null && risk >= product.riskLevel();
    c.gates = gates;
    c.held = !servable || !suitable;
  }

  /** Skills the contact needs: the queue's and its own, the higher level where both name one. */
  Map<String, Integer> requiredSkills(Contact c) {
    if (c.held) {
      // Held for review: the review queue's requirement (and its own skills) at full level, whoever named whom.
      Map<String, Integer> need = new TreeMap<>(queues.get(c.queue).skills());
      c.spec.skills().forEach((s, l) -> need.merge(s, l, Math::max));
      return need;
    }
    if (c.target != null || c.stage == RouteStage.PREFERRED) {
      return Map.of(); // a transfer to a named agent, or a relationship manager's own time, relaxes skills
    }
    Map<String, Integer> need = new TreeMap<>(queues.get(c.queue).skills());
    c.spec.skills().forEach((s, l) -> need.merge(s, l, Math::max));
    need.replaceAll((s, l) -> Math.max(1, l - c.relax)); // SLA escalation relaxes levels, never below 1
    return need;
  }

  Set<String> requiredLicences(Contact c) {
    Set<String> need = new TreeSet<>(queues.get(c.queue).licences());
    if (!c.held) {
      need.addAll(c.gates);
    }
    return need;
  }

  /** Whether the agent's profile qualifies for the contact at {@code now}, whatever its state. */
  boolean qualifies(Agent a, Contact c, long now) {
    AgentProfile p = a.profile;
    if (c.target != null && !c.target.equals(a.id)) {
      return false;
    }
    if (c.target == null && c.stage == RouteStage.PREFERRED && !a.id.equals(c.preferred)) {
      return false;
    }
    if (c.target == null && c.stage == RouteStage.TEAM && !java.util.Objects.equals(c.team, p.team())) {
      return false;
    }
    if (p.capacity().getOrDefault(c.channel(), 0) <= 0) {
      return false;
    }
    String site = c.spec.site() != null ? c.spec.site() : queues.get(c.queue).site();
    if (site != null && !site.equals(p.site())) {
      return false;
    }
    for (Map.Entry<String, Integer> need : requiredSkills(c).entrySet()) {
      if (p.skills().getOrDefault(need.getKey(), 0) < need.getValue()) {
        return false;
      }
    }
    for (String licence : requiredLicences(c)) {
      boolean valid =
          p.licences().stream()
              .anyMatch(l -> l.name().equals(licence) && (l.validUntil() == null || now <= l.validUntil()));
      if (!valid) {
        return false;
      }
    }
    return true;
  }

  /** Whether the agent has a free slot for the channel right now. */
  static boolean hasSlot(Agent a, Channel channel) {
    int capacity = a.profile.capacity().getOrDefault(channel, 0);
    return a.status == AgentStatus.AVAILABLE
        && capacity > 0
        && (a.active == null || a.active == channel)
        && a.held() < capacity;
  }

  /** Whether the contact could be offered to the agent right now. */
  boolean mayTake(Agent a, Contact c, long now) {
    return c.status == ContactStatus.QUEUED
        && hasSlot(a, c.channel())
        && !c.rejectedBy.contains(a.id)
        && qualifies(a, c, now);
  }

  /** Base priority plus aging since the contact arrived, at {@code now}. */
  double priority(Contact c, long now) {
    QueueSpec q = queues.get(c.queue);
    return q.priority() + c.spec.priority() + c.boost + q.agingRate() * (now - c.arrivedAt) / 1000.0;
  }

  int proficiency(Agent a, Contact c) {
    int sum = 0;
    for (String skill : requiredSkills(c).keySet()) {
      sum += a.profile.skills().getOrDefault(skill, 0);
    }
    return sum;
  }

  List<Contact> withStatus(ContactStatus status) {
    List<Contact> found = new ArrayList<>();
    for (Contact c : contacts.values()) {
      if (c.status == status) {
        found.add(c);
      }
    }
    return found;
  }
}
