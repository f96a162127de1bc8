package dev.contactrouter.telephony;

/**
 * One call as the bridge knows it: where the switch is with it and which of the engine's offers
 * it concerns. Owned by the {@link CallBook}, on the bridge's event loop.
 */
final class Call {
  enum Phase {
    /** The switch holds the INVITE; the engine's contact is being created. */
    NEW,
    /** The switch holds the caller (182 Queued); no phone rings. */
    WAITING,
    /** An agent's phone rings ({@link #ringing}). */
    RINGING,
    /** The ringing phone answered; the switch holds its 200 until the engine accepts the answer. */
    ANSWERING,
    /** Caller and agent are connected. */
    CONNECTED,
    /** The call is over; the hang-up is being reported. */
    ENDED
  }

  final String callId;
  Phase phase = Phase.NEW;
  /** The engine holds a contact for this call (its POST answered 201). */
  boolean contactKnown;
  /** The offer whose phone rings or answered. */
  Offer ringing;
  /** The switch was told to stop ringing {@link #ringing}. */
  boolean stopping;
  /** An offer to ring once the switch holds the caller again. */
  Offer next;
  /** The switch was told to end the call. */
  boolean releasing;
  /** Who hung up (caller or agent), once {@link Phase#ENDED}. */
  String endedBy;
  /** Offers of this call that are over (failed, stopped, refused, or ended by the engine): never rung again. */
  final java.util.Set<String> finished = new java.util.HashSet<>();

  Call(String callId) {
    this.callId = callId;
  }

  @Override
  public String toString() {
    return callId + "[" + phase + (ringing == null ? "" : " " + ringing.offerId()) + (stopping ? " stopping" : "")
        + (next == null ? "" : " next " + next.offerId()) + (releasing ? " releasing" : "") + "]";
  }
}
