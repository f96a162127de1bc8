package dev.contactrouter.telephony;

import java.util.Map;

/** What the call book asks the bridge to do: a command to the switch, or a request to the engine. */
sealed interface Action {

  /** A command to Kamailio over evapi: {@code {"cmd": cmd, "callId": callId, ...fields}}. */
  record ToSwitch(String cmd, String callId, Map<String, Object> fields) implements Action {
    public ToSwitch {
      fields = Map.copyOf(fields);
    }

    static ToSwitch of(String cmd, String callId) {
      return new ToSwitch(cmd, callId, Map.of());
    }
  }

  /** {@code POST /v1/contacts} for a new call. */
  record CreateContact(String callId, String queue, String caller, String dialled) implements Action {
  }

  /** {@code POST /v1/calls/{callId}/<kind>}. */
  record Report(String callId, Kind kind, String offerId, String detail) implements Action {
    enum Kind {
      RINGING("ringing"), ANSWERED("answered"), NOT_ANSWERED("not-answered"), HANGUP("hangup");

      final String path;

      Kind(String path) {
        this.path = path;
      }
    }

    static Report ringing(String callId, String offerId) {
      return new Report(callId, Kind.RINGING, offerId, null);
    }

    static Report answered(String callId, String offerId) {
      return new Report(callId, Kind.ANSWERED, offerId, null);
    }

    /** @param reason no-answer, busy, declined or unavailable */
    static Report notAnswered(String callId, String offerId, String reason) {
      return new Report(callId, Kind.NOT_ANSWERED, offerId, reason);
    }

    /** @param by caller or agent */
    static Report hangup(String callId, String by) {
      return new Report(callId, Kind.HANGUP, null, by);
    }
  }
}
