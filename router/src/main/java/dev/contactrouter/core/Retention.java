package dev.contactrouter.core;

/**
 * How much finished work a {@link RoutingDomain} keeps in memory for reads: the newest {@code
 * endedContacts} completed or abandoned contacts and the newest {@code closedCases} closed
 * complaint cases; older ones are dropped, oldest first. Work still in progress (waiting, offered
 * and assigned contacts, open cases, return visits not yet due) is never dropped. The journal
 * keeps everything.
 *
 * <p>Retention is a function of the events and these two numbers only (never of a clock read
 * here), so replaying a journal or restoring a snapshot with the same retention gives the same
 * state. Contacts end in journal order; closed cases are ranked by the time their close was
 * recorded, then by id, which a snapshot carries, so a restored domain drops the same ones next.
 *
 * @param endedContacts completed or abandoned contacts kept, at least 1
 * @param closedCases closed complaint cases kept, at least 1
 */
public record Retention(int endedContacts, int closedCases) {
  /** What a domain keeps unless configured otherwise. */
  public static final Retention DEFAULTS = new Retention(100_000, 10_000);

  public Retention {
    if (endedContacts < 1 || closedCases < 1) {
      throw new IllegalArgumentException("retention must keep at least one ended contact and one closed case, not "
          + endedContacts + " and " + closedCases);
    }
  }
}
