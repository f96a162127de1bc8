package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The contact an event is about, as it stood right after the event: the queue it was in and the
 * ids a switch knows it by. The event stream adds these to contact events so a switch can match
 * an {@code offer_accepted} to its call. The domain gives them as it emits each event ({@link
 * Step}); for events read back from the journal {@link #fold} derives the same from the contact's
 * own events, so a resumed stream shows exactly what the live one showed.
 *
 * <p>An event that names a contact before its arrival (the return visit that becomes it) takes
 * the subject of that arrival, which always follows in the same command.
 *
 * @param queue the queue the contact was in (for a transfer, the one it moved to)
 * @param externalId the switch's or channel's id of the contact, or null
 * @param callId the SIP Call-ID of a voice contact, or null
 */
public record EventSubject(String queue, String externalId, String callId) {

  static EventSubject of(ContactState contact) {
    // Most of a contact's events leave its queue and ids as they were: reuse the last subject then.
    EventSubject last = contact.subject;
    String queue = contact.queue;
    String externalId = contact.spec.externalId();
    String callId = contact.spec.callId();
    if (last != null && last.queue == queue && last.externalId == externalId && last.callId == callId) {
      return last;
    }
    EventSubject now = new EventSubject(queue, externalId, callId);
    contact.subject = now;
    return now;
  }

  /**
   * The subject after each of one contact's events, in journal order ({@code events} are those
   * naming {@code contactId}): null where nothing is known (its arrival is not among them).
   */
  public static List<EventSubject> fold(String contactId, List<Event> events) {
    List<EventSubject> out = new ArrayList<>(Collections.nCopies(events.size(), null));
    EventSubject now = null;
    int waiting = 0; // events before the arrival, which take its subject
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (!contactId.equals(e.contactId())) {
        continue;
      }
      if (e instanceof Event.ContactQueued q) {
        ContactSpec spec = q.contact();
        now = new EventSubject(spec.queue(), spec.externalId(), spec.callId());
        for (int j = waiting; j < i; j++) {
          if (contactId.equals(events.get(j).contactId())) {
            out.set(j, now);
          }
        }
      } else if (e instanceof Event.ContactTransferred t && now != null) {
        now = new EventSubject(t.toQueue(), now.externalId(), now.callId());
      }
      if (now == null) {
        continue;
      }
      out.set(i, now);
      waiting = i + 1;
    }
    return out;
  }
}
