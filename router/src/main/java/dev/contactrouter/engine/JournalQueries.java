package dev.contactrouter.engine;

import dev.contactrouter.core.ContactRecord;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.EventSubject;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.store.Journal;
import dev.contactrouter.store.JournalEntry;
import dev.contactrouter.store.ArchivedPart;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The questions a domain's writer answers from its journal rather than its state: a contact's
 * history, a customer's contacts, the committed events for a resumed stream or a report, and
 * pages of the audit trail for export and verification. Pages are bounded, so an export or a
 * verification of any length moves through the event bus a page at a time and the hashing and
 * formatting happen in the API verticles, not on the writer's thread. A journal that cannot be
 * read answers 503.
 */
final class JournalQueries {
  private static final Logger LOG = LoggerFactory.getLogger(JournalQueries.class);
  /** The most events a contact's history returns. */
  static final int HISTORY_LIMIT = 10_000;
  /** The largest page of the audit trail one request may ask for. */
  static final int PAGE_LIMIT = 5_000;
  /** The largest page of committed events one request may ask for. */
  static final int EVENTS_PAGE_LIMIT = 10_000;
  /** The most contacts a customer's history lists, newest first. */
  static final int CUSTOMER_CONTACTS_LIMIT = 1_000;
  private static final int CUSTOMER_EVENTS_LIMIT = 100_000;
  /** The most events of a resumed page's contacts read to know them as each event left them. */
  private static final int SUBJECT_EVENTS_LIMIT = 100_000;
  private static final int RETRY_AFTER_SECONDS = 2;

  private final String domain;
  private final Journal journal;

  JournalQueries(String domain, Journal journal) {
    this.domain = domain;
    this.journal = journal;
  }

  boolean durable() {
    return journal.durable();
  }

  Future<Optional<ContactHistory>> history(String contactId) {
    return unavailableIfFailed("history", journal.contactEvents(domain, List.of(contactId), HISTORY_LIMIT)
        .compose(events -> journal.keysFor(domain, events).map(keys -> events.isEmpty()
            ? Optional.empty()
            : Optional.of(new ContactHistory(contactId, domain, events, decoded(events, keys),
                events.size() < HISTORY_LIMIT)))));
  }

  Future<List<StoredEvent>> auditPage(long afterAt, long afterSeq, long toMillis, int limit) {
    return unavailableIfFailed("auditPage",
        journal.range(domain, afterAt, afterSeq, toMillis, bounded(limit, PAGE_LIMIT)).map(List::copyOf));
  }

  Future<List<StoredEvent>> storedPage(long afterSeq, int limit) {
    return unavailableIfFailed("storedPage",
        journal.stored(domain, afterSeq, bounded(limit, PAGE_LIMIT)).map(List::copyOf));
  }

  Future<JournalHead> head() {
    return unavailableIfFailed("journalHead", journal.head(domain));
  }

  Future<ArchivedPart> archived() {
    return unavailableIfFailed("archivedHead", journal.archived(domain));
  }

  /** Committed events after a sequence number, for streams that resume after a reconnect. */
  Future<List<JournalEntry>> page(long afterSeq, int limit) {
    return unavailableIfFailed("journal",
        journal.read(domain, afterSeq, bounded(limit, EVENTS_PAGE_LIMIT)).map(List::copyOf));
  }

  /**
   * Committed events after a sequence number for a stream that resumes, each with its contact as
   * it stood right after it, folded from the contact's own events ({@link EventSubject#fold}), so
   * the resumed stream shows what the live one showed.
   */
  Future<StreamPage> streamPage(long afterSeq, int limit) {
    int bounded = bounded(limit, EVENTS_PAGE_LIMIT);
    return unavailableIfFailed("streamPage", journal.read(domain, afterSeq, bounded)
        .compose(page -> withSubjects(page, page.size() == bounded)));
  }

  private Future<StreamPage> withSubjects(List<JournalEntry> page, boolean full) {
    Set<String> ids = new LinkedHashSet<>();
    page.forEach(e -> {
      String id = e.recorded().event().contactId();
      if (id != null) {
        ids.add(id);
      }
    });
    if (ids.isEmpty()) {
      List<StreamPage.Streamed> out = new ArrayList<>(page.size());
      page.forEach(e -> out.add(new StreamPage.Streamed(e, null)));
      return Future.succeededFuture(new StreamPage(out, full));
    }
    return journal.contactEvents(domain, ids, SUBJECT_EVENTS_LIMIT).compose(events -> journal.keysFor(domain, events)
        .map(keys -> {
      Map<String, List<StoredEvent>> byContact = new HashMap<>();
      events.forEach(e -> byContact.computeIfAbsent(e.contactId(), k -> new ArrayList<>()).add(e));
      Map<Long, EventSubject> bySeq = new HashMap<>();
      byContact.forEach((id, own) -> {
        List<Event> folded = new ArrayList<>(own.size());
        own.forEach(e -> folded.add(e.recorded(keys).event()));
        List<EventSubject> subjects = EventSubject.fold(id, folded);
        for (int i = 0; i < own.size(); i++) {
          bySeq.put(own.get(i).seq(), subjects.get(i));
        }
      });
      // Cut short, the contacts' events are known up to the last one read: serve the page up to
      // there (and say more follows), never an event whose contact is only partly known.
      boolean cut = events.size() >= SUBJECT_EVENTS_LIMIT;
      long known = cut ? events.get(events.size() - 1).seq() : Long.MAX_VALUE;
      List<StreamPage.Streamed> out = new ArrayList<>(page.size());
      for (JournalEntry e : page) {
        if (e.seq() > known && !out.isEmpty()) {
          return new StreamPage(out, true);
        }
        out.add(new StreamPage.Streamed(e, bySeq.get(e.seq())));
      }
      return new StreamPage(out, full);
    }));
  }

  /**
   * A customer's contacts across every channel, newest first, from the journal: contacts the
   * domain still holds as they are now, older ones folded from their own events. If the journal
   * cannot be read, what memory holds.
   */
  Future<List<ContactView>> customerContacts(String customerId, RoutingDomain committed, long now) {
    return journal.customerContacts(domain, customerId, CUSTOMER_CONTACTS_LIMIT)
        .compose(ids -> {
          List<String> forgotten = new ArrayList<>();
          ids.forEach(id -> {
            if (committed.contact(id, now).isEmpty()) {
              forgotten.add(id);
            }
          });
          Future<List<StoredEvent>> older = forgotten.isEmpty()
              ? Future.succeededFuture(List.of())
              : journal.contactEvents(domain, forgotten, CUSTOMER_EVENTS_LIMIT);
          return older.compose(events -> journal.keysFor(domain, events)
              .map(keys -> customerContacts(ids, decoded(events, keys), events, committed, now)));
        })
        .recover(err -> {
          LOG.warn("domain {}: customer history from memory only, the journal cannot be read: {}", domain,
              err.getMessage());
          return Future.succeededFuture(List.copyOf(committed.customerContacts(customerId, now)));
        });
  }

  private static List<ContactView> customerContacts(List<String> newestFirst, List<Recorded> older,
      List<StoredEvent> olderEvents, RoutingDomain committed, long now) {
    Map<String, List<Recorded>> byContact = new HashMap<>();
    for (int i = 0; i < older.size(); i++) {
      byContact.computeIfAbsent(olderEvents.get(i).contactId(), k -> new ArrayList<>()).add(older.get(i));
    }
    List<ContactView> out = new ArrayList<>();
    for (String id : newestFirst) {
      committed.contact(id, now)
          .or(() -> ContactRecord.view(byContact.getOrDefault(id, List.of())))
          .ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  /** Stored events decoded, their sealed personal fields opened with {@code keys}. */
  private static List<Recorded> decoded(List<StoredEvent> events, Function<String, byte[]> keys) {
    List<Recorded> out = new ArrayList<>(events.size());
    events.forEach(e -> out.add(e.recorded(keys)));
    return out;
  }

  private static int bounded(int limit, int most) {
    return Math.min(Math.max(limit, 1), most);
  }

  private <T> Future<T> unavailableIfFailed(String query, Future<T> answer) {
    return answer.recover(err -> {
      LOG.warn("domain {}: journal query {} failed: {}", domain, query, err.getMessage());
      return Future.failedFuture(new DomainUnavailable("the journal cannot be read right now", RETRY_AFTER_SECONDS));
    });
  }
}
