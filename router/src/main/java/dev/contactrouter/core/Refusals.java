package dev.contactrouter.core;

/** The refusals every part of {@link RoutingDomain} gives: one per {@link Refusal}, with the detail a client reads. */
final class Refusals {
  private Refusals() {}

  static Decision invalid(String detail, String field) {
    return new Decision.Refused(Refusal.INVALID, detail, field);
  }

  static Decision notFound(String detail) {
    return new Decision.Refused(Refusal.NOT_FOUND, detail, null);
  }

  static Decision conflict(String detail) {
    return new Decision.Refused(Refusal.CONFLICT, detail, null);
  }

  static Decision forbidden(String detail) {
    return new Decision.Refused(Refusal.FORBIDDEN, detail, null);
  }
}
