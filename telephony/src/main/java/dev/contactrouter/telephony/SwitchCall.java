package dev.contactrouter.telephony;

import java.util.Map;

/**
 * One call as the switch keeps it (Kamailio's htable "calls", one entry per field), from a sync.
 *
 * @param fields state (new, waiting, ringing, stopping, answering, connecting, connected, ended),
 *     caller, dialled, queueHeader, offer, device, failed ("offerId code cause"), by, ...
 */
record SwitchCall(String callId, Map<String, String> fields) {
  /** The last agent leg that failed, as the switch recorded it. */
  record Failure(String offerId, int code, String cause) {
  }

  SwitchCall {
    fields = Map.copyOf(fields);
  }

  String state() {
    return fields.getOrDefault("state", "");
  }

  String get(String field) {
    return fields.get(field);
  }

  Failure failure() {
    String failed = fields.get("failed");
    if (failed == null) {
      return null;
    }
    String[] parts = failed.trim().split(" ");
    if (parts.length != 3) {
      return null;
    }
    try {
      return new Failure(parts[0], Integer.parseInt(parts[1]), parts[2]);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
