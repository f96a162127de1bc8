package dev.contactrouter.core;

import java.util.HashMap;
import java.util.Map;

/** A queue's configuration, its counters, and the contacts currently waiting or ringing in it. */
final class QueueState {
  QueueSpec spec;
  /** Longest in the queue first: earlier into the queue, then arrival order ({@link QueueLine}). */
  final QueueLine present = new QueueLine();
  int ringing;
  long offered;
  long answered;
  long abandoned;
  long completed;
  long transferredOut;
  long missedOffers;
  long answerWaitMillis;
  long handleMillis;
  /**
   * Slots of agents (not offline) who could take a waiting contact of each requirement seen in
   * this queue, for wait estimates: an agent counts its capacity on the contact's channel (one who
   * takes three chats at once counts three). Cleared when agents change.
   */
  final Map<Requirement, Integer> slots = new HashMap<>();
  /**
   * The times between which {@link #slots} hold: from when the first was counted until the first
   * expiry of a licence one relied on (licences only lapse, so no count can rise meanwhile).
   */
  long slotsSince;
  long slotsUntil;

  /**
   * The gates and requirement signature every ordinary contact of {@code channel} gets in this
   * queue while its configuration is {@code spec} (see {@code Matching.group}); null until one
   * arrives. Derived state: never snapshotted, rebuilt on demand.
   */
  Ordinary ordinary;

  record Ordinary(QueueSpec spec, Channel channel, GateCheck gate, WaitingIndex.GroupKey group) {}

  /** Start of the reporting interval the SLA counters below belong to. */
  long slaInterval = Long.MIN_VALUE;
  /** Contacts whose SLA outcome was decided in the interval: answered, breached or abandoned. */
  long slaDecided;
  long slaMet;
  long slaBreaches;
  long slaBreachesTotal;

  QueueState(QueueSpec spec) {
    this.spec = spec;
  }

  /**
   * Counts one contact's SLA outcome, decided at {@code at}: answered in time ({@code met}),
   * breached, or abandoned before its deadline (neither).
   */
  void slaOutcome(long at, boolean met, boolean breach) {
    long interval = RoutingDomain.intervalStart(at);
    if (interval != slaInterval) {
      slaInterval = interval;
      slaDecided = 0;
      slaMet = 0;
      slaBreaches = 0;
    }
    slaDecided++;
    if (met) {
      slaMet++;
    }
    if (breach) {
      slaBreaches++;
      slaBreachesTotal++;
    }
  }

  double averageHandleSeconds() {
    return completed == 0 ? 0 : handleMillis / 1000.0 / completed;
  }

  /** Handling time to assume for wait estimates: measured once there is enough history. */
  double expectedHandleSeconds() {
    return completed >= 10 ? averageHandleSeconds() : spec.expectedHandleSeconds();
  }
}
