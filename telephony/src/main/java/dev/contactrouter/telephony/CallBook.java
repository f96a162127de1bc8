package dev.contactrouter.telephony;

import dev.contactrouter.telephony.Action.CreateContact;
import dev.contactrouter.telephony.Action.Report;
import dev.contactrouter.telephony.Action.ToSwitch;
import dev.contactrouter.telephony.Call.Phase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's decisions, without I/O: what the switch reports about calls, what the engine says
 * about contacts and offers, and the engine's answers to the bridge's requests go in; commands for
 * the switch and requests for the engine come out. One instance, on one thread.
 *
 * <p>The rules it keeps: a call rings only the device of an offer the engine made for it, one
 * phone at a time; a phone's answer is relayed to the caller only after the engine accepted it;
 * every ringing, answer, no-answer and hang-up is reported to the engine; a call the engine no
 * longer knows is released.
 */
final class CallBook {
  private static final Logger LOG = LoggerFactory.getLogger(CallBook.class);
  /** An offer with less ringing time left than this is not rung (it is about to expire). */
  static final long MIN_RING_MILLIS = 1_000;

  private final BridgeConfig config;
  private final Map<String, Call> calls = new HashMap<>();

  CallBook(BridgeConfig config) {
    this.config = config;
  }

  Call call(String callId) {
    return calls.get(callId);
  }

  int size() {
    return calls.size();
  }

  // ---- what the switch reports

  List<Action> invite(String callId, String caller, String dialled, String queueHeader) {
    if (calls.containsKey(callId)) {
      return List.of();
    }
    Call call = new Call(callId);
    calls.put(callId, call);
    return List.of(new CreateContact(callId, config.queueFor(dialled, queueHeader), caller, dialled));
  }

  List<Action> ringing(String callId, String offerId) {
    Call call = calls.get(callId);
    if (call == null || call.phase != Phase.RINGING || !offerId.equals(call.ringing.offerId())) {
      return List.of();
    }
    return List.of(Report.ringing(callId, offerId));
  }

  /** The ringing phone answered; the switch holds its 200 until the engine says yes or no. */
  List<Action> answered(String callId, String offerId) {
    Call call = calls.get(callId);
    if (call == null) {
      // a call the bridge does not know (it restarted and has not synced yet): the sync asks again
      return List.of();
    }
    if (call.phase != Phase.RINGING || !offerId.equals(call.ringing.offerId())) {
      LOG.warn("call {}: answer for offer {} while {}: refused", callId, offerId, call);
      return List.of(ToSwitch.of("refuse", callId));
    }
    call.phase = Phase.ANSWERING;
    return List.of(Report.answered(callId, offerId));
  }

  /** The agent's phone did not connect: no answer, busy, stopped, or refused; the caller waits again. */
  List<Action> agentFailed(String callId, String offerId, int code, String cause, long now) {
    Call call = calls.get(callId);
    if (call == null || call.phase == Phase.ENDED) {
      return List.of();
    }
    List<Action> out = new ArrayList<>();
    Offer rung = call.ringing;
    call.finished.add(offerId);
    call.phase = Phase.WAITING;
    call.ringing = null;
    call.stopping = false;
    if ("failed".equals(cause) && rung != null && rung.offerId().equals(offerId)) {
      out.add(Report.notAnswered(callId, offerId, reason(code)));
    }
    if (!call.releasing && call.next != null) {
      Offer next = call.next;
      call.next = null;
      out.addAll(ring(call, next, now));
    }
    return out;
  }

  List<Action> connected(String callId) {
    Call call = calls.get(callId);
    if (call == null || call.phase == Phase.ENDED) {
      return List.of();
    }
    call.phase = Phase.CONNECTED;
    call.next = null;
    call.stopping = false;
    return List.of();
  }

  /** The call is over (caller or agent hung up, or the switch ended it). */
  List<Action> ended(String callId, String by) {
    Call call = calls.get(callId);
    if (call == null) {
      // never known to this bridge (or already forgotten): nothing to report, let the switch forget it
      return List.of(ToSwitch.of("forget", callId));
    }
    if (call.phase == Phase.ENDED) {
      return List.of();
    }
    call.phase = Phase.ENDED;
    call.endedBy = "agent".equals(by) ? "agent" : "caller";
    call.next = null;
    return List.of(Report.hangup(callId, call.endedBy));
  }

  /**
   * The switch's calls after the bridge (re)connected to it. Calls it no longer has are dropped
   * (the switch restarted: the engine closes them once they are missing from a reconciliation);
   * calls this bridge did not know (it restarted) are taken up where the switch is with them.
   */
  List<Action> synced(Collection<SwitchCall> switchCalls, long now) {
    List<Action> out = new ArrayList<>();
    Set<String> present = new LinkedHashSet<>();
    for (SwitchCall sc : switchCalls) {
      present.add(sc.callId());
      Call call = calls.get(sc.callId());
      out.addAll(call == null ? adopt(sc) : catchUp(call, sc, now));
    }
    calls.keySet().removeIf(id -> {
      if (!present.contains(id)) {
        LOG.warn("call {} is gone from the switch (it restarted?); the engine closes it on reconciliation", id);
        return true;
      }
      return false;
    });
    return out;
  }

  private List<Action> adopt(SwitchCall sc) {
    String id = sc.callId();
    Call call = new Call(id);
    switch (sc.state()) {
      case "new" -> {
        calls.put(id, call);
        return List.of(new CreateContact(id, config.queueFor(sc.get("dialled"), sc.get("queueHeader")),
            sc.get("caller"), sc.get("dialled")));
      }
      case "waiting" -> {
        call.phase = Phase.WAITING;
        call.contactKnown = true;
        calls.put(id, call);
        SwitchCall.Failure failed = sc.failure();
        if (failed != null) {
          call.finished.add(failed.offerId());
        }
        return failed != null && failed.cause().equals("failed")
            ? List.of(Report.notAnswered(id, failed.offerId(), reason(failed.code())))
            : List.of();
      }
      case "ringing", "stopping" -> {
        call.phase = Phase.RINGING;
        call.contactKnown = true;
        call.ringing = new Offer(sc.get("offer"), null, sc.get("device"), 0);
        call.stopping = sc.state().equals("stopping");
        calls.put(id, call);
        return List.of();
      }
      case "answering" -> {
        call.phase = Phase.ANSWERING;
        call.contactKnown = true;
        call.ringing = new Offer(sc.get("offer"), null, sc.get("device"), 0);
        calls.put(id, call);
        return List.of(Report.answered(id, sc.get("offer")));
      }
      case "connecting", "connected" -> {
        call.phase = Phase.CONNECTED;
        call.contactKnown = true;
        calls.put(id, call);
        return List.of();
      }
      case "ended" -> {
        call.contactKnown = true;
        calls.put(id, call);
        return ended(id, sc.get("by"));
      }
      default -> {
        LOG.warn("call {} in unknown switch state {}: ignored", id, sc.state());
        return List.of();
      }
    }
  }

  /** A call both know: apply what the switch did while the bridge was away from it. */
  private List<Action> catchUp(Call call, SwitchCall sc, long now) {
    String state = sc.state();
    if (state.equals("ended") && call.phase != Phase.ENDED) {
      return ended(call.callId, sc.get("by"));
    }
    if ((state.equals("connected") || state.equals("connecting")) && call.phase == Phase.ANSWERING) {
      return connected(call.callId);
    }
    if (state.equals("answering") && call.phase == Phase.RINGING && call.ringing.offerId().equals(sc.get("offer"))) {
      // the phone answered while the bridge was away from the switch: the 200 is still held
      return answered(call.callId, call.ringing.offerId());
    }
    if (state.equals("waiting") && (call.phase == Phase.RINGING || call.phase == Phase.ANSWERING)) {
      SwitchCall.Failure failed = sc.failure();
      if (failed != null && call.ringing != null && failed.offerId().equals(call.ringing.offerId())) {
        return agentFailed(call.callId, failed.offerId(), failed.code(), failed.cause(), now);
      }
      // the ring command never reached the switch: ring that offer again if it is still good
      Offer lost = call.ringing;
      call.phase = Phase.WAITING;
      call.ringing = null;
      call.stopping = false;
      if (call.next == null && lost != null && lost.expiresAt() > 0) {
        call.next = lost;
      }
      return agentFailed(call.callId, "", 0, "stopped", now);
    }
    return List.of();
  }

  // ---- what the engine says (its event stream)

  List<Action> offerMade(String callId, Offer offer, long now) {
    Call call = calls.get(callId);
    if (call == null || call.phase == Phase.ENDED || call.releasing) {
      return List.of();
    }
    if (isSame(call.ringing, offer) || isSame(call.next, offer) || call.finished.contains(offer.offerId())) {
      // a replay of an offer this call has already rung, or one that is over
      return List.of();
    }
    if (offer.device() == null || offer.device().isBlank()) {
      LOG.warn("call {}: agent {} has no SIP device; the offer {} is reported unavailable", callId, offer.agentId(), offer.offerId());
      return List.of(Report.notAnswered(callId, offer.offerId(), "unavailable"));
    }
    switch (call.phase) {
      case NEW, WAITING -> {
        return ring(call, offer, now);
      }
      case RINGING -> {
        // the engine moved on (the end of the previous offer is on its way): stop, then ring this one
        call.next = offer;
        return stop(call);
      }
      case ANSWERING -> {
        call.next = offer;
        return List.of();
      }
      default -> {
        return List.of();
      }
    }
  }

  /** The offer was revoked, timed out or rejected. */
  List<Action> offerEnded(String callId, String offerId) {
    Call call = calls.get(callId);
    if (call == null) {
      return List.of();
    }
    call.finished.add(offerId);
    if (call.next != null && call.next.offerId().equals(offerId)) {
      call.next = null;
    }
    if (call.phase == Phase.RINGING && call.ringing.offerId().equals(offerId)) {
      return stop(call);
    }
    return List.of();
  }

  /** The engine closed the contact (abandoned or completed). A caller still waiting is released. */
  List<Action> contactEnded(String callId) {
    Call call = calls.get(callId);
    if (call == null || call.releasing) {
      return List.of();
    }
    return switch (call.phase) {
      case NEW, WAITING, RINGING, ANSWERING -> release(call, 480, "Contact closed by the routing engine");
      default -> List.of();
    };
  }

  // ---- the engine's answers to the bridge's requests

  List<Action> contactCreated(String callId) {
    Call call = calls.get(callId);
    if (call == null) {
      return List.of();
    }
    call.contactKnown = true;
    if (call.phase == Phase.NEW && !call.releasing) {
      call.phase = Phase.WAITING;
      return List.of(ToSwitch.of("queue", callId));
    }
    return List.of();
  }

  /** The engine refused the contact: the caller hears {@code sipCode}. */
  List<Action> contactRefused(String callId, int sipCode, String reason) {
    Call call = calls.get(callId);
    if (call == null || call.phase == Phase.ENDED) {
      return List.of();
    }
    return release(call, sipCode, reason);
  }

  List<Action> answerAccepted(String callId, String offerId) {
    Call call = calls.get(callId);
    if (call == null || call.phase != Phase.ANSWERING || !call.ringing.offerId().equals(offerId)) {
      return List.of();
    }
    return List.of(ToSwitch.of("connect", callId));
  }

  /** The engine did not accept the answer (the offer ended): the switch hangs that phone up. */
  List<Action> answerRefused(String callId, String offerId) {
    Call call = calls.get(callId);
    if (call == null || call.phase != Phase.ANSWERING || !call.ringing.offerId().equals(offerId)) {
      return List.of();
    }
    return List.of(ToSwitch.of("refuse", callId));
  }

  /** The hang-up is recorded (or the engine never knew the call): the switch forgets it. */
  List<Action> hangupReported(String callId) {
    Call call = calls.remove(callId);
    return call == null ? List.of() : List.of(ToSwitch.of("forget", callId));
  }

  /** Every call the switch has, for {@code POST /v1/calls/reconcile}. */
  List<String> alive() {
    return List.copyOf(calls.keySet());
  }

  /** Calls the engine holds no open contact for: released (an ended one is just forgotten). */
  List<Action> reconciled(Collection<String> unknown) {
    List<Action> out = new ArrayList<>();
    for (String id : unknown) {
      Call call = calls.get(id);
      if (call == null || !call.contactKnown || call.releasing) {
        continue;
      }
      if (call.phase == Phase.ENDED) {
        out.addAll(hangupReported(id));
      } else {
        LOG.warn("call {} is not known to the engine: released", call);
        out.addAll(release(call, 480, "Not known to the routing engine"));
      }
    }
    return out;
  }

  // ---- helpers

  private List<Action> ring(Call call, Offer offer, long now) {
    long ringMillis = offer.expiresAt() - now - config.ringMargin().toMillis();
    if (ringMillis < MIN_RING_MILLIS) {
      LOG.info("call {}: offer {} expires too soon to ring ({} ms left)", call.callId, offer.offerId(), ringMillis);
      return List.of();
    }
    call.phase = Phase.RINGING;
    call.ringing = offer;
    call.stopping = false;
    return List.of(new ToSwitch("ring", call.callId,
        Map.of("offerId", offer.offerId(), "device", offer.device(), "ringMillis", ringMillis)));
  }

  private static List<Action> stop(Call call) {
    if (call.stopping) {
      return List.of();
    }
    call.stopping = true;
    return List.of(ToSwitch.of("stop", call.callId));
  }

  private static List<Action> release(Call call, int code, String reason) {
    call.releasing = true;
    call.next = null;
    return List.of(new ToSwitch("release", call.callId, Map.of("code", code, "reason", reason)));
  }

  private static boolean isSame(Offer a, Offer b) {
    return a != null && b != null && a.offerId().equals(b.offerId());
  }

  /** The contract's no-answer reason for the SIP final response of the agent's leg. */
  static String reason(int code) {
    return switch (code) {
      case 408, 480, 487 -> "no-answer";
      case 486, 600 -> "busy";
      case 603 -> "declined";
      default -> "unavailable";
    };
  }
}
