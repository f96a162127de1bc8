package dev.contactrouter.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An agent as clients see it at one moment. Immutable, collections included: views leave the
 * writer's thread.
 *
 * @param busy available, but with no free slot on any channel
 * @param load contacts held (offered or assigned) per channel
 * @param offers pending offers
 * @param contacts assigned contacts
 * @param missedOffers offers in a row it let ring out since it last accepted one or changed status
 */
public record AgentView(
    AgentProfile profile,
    AgentStatus status,
    String reason,
    long statusSince,
    Long wrapUpUntil,
    boolean busy,
    Map<Channel, Integer> load,
    List<ContactView.Offer> offers,
    List<String> offerContacts,
    List<String> contacts,
    int missedOffers) {

  public AgentView {
    EnumMap<Channel, Integer> byChannel = new EnumMap<>(Channel.class);
    byChannel.putAll(load);
    load = Collections.unmodifiableMap(byChannel);
    offers = List.copyOf(offers);
    offerContacts = List.copyOf(offerContacts);
    contacts = List.copyOf(contacts);
  }

  public String id() {
    return profile.id();
  }

  /** offline, available, busy, not_ready or wrap_up. */
  public String state() {
    return busy ? "busy" : status.wire();
  }
}
