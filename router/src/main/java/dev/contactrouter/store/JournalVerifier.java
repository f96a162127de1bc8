package dev.contactrouter.store;

import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.store.format.EventFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Walks a domain's journal from its first event and reports the first broken link, if any: a
 * missing or repeated sequence number, an event whose text or hash was changed after it was
 * written, an event whose lookup columns no longer match its text, or a head (the last sequence
 * number and hash recorded beside the events) that the events do not reach, as when the newest
 * events were deleted.
 *
 * <p>It reads a page at a time, so a journal of any length is checked in bounded memory. The chain
 * proves the events are the ones written unless someone rewrote every hash from the edit onwards
 * and the head too; publishing the head hash elsewhere from time to time (it is in every verify
 * report) closes that gap.
 */
public final class JournalVerifier {
  public static final int PAGE = 1000;

  private JournalVerifier() {}

  /**
   * What a verification found.
   *
   * @param checked events whose links were checked
   * @param lastSeq sequence number of the last intact event
   * @param lastHash hash of the last intact event
   * @param brokenAt the first sequence number that breaks the chain, or null when intact
   * @param problem what is wrong there, or null when intact
   */
  public record Report(
      String domain, boolean intact, long checked, long lastSeq, String lastHash, Long brokenAt, String problem) {}

  /** Where the events come from: the journal itself, or the domain's writer over the event bus. */
  public interface Source {
    Future<List<StoredEvent>> page(long afterSeq, int limit);

    Future<JournalHead> head();

    /**
     * Where the live events start: the last archived event's seq and hash (recorded when it was
     * archived), or {@link ArchivedPart#none} when nothing was archived.
     */
    default Future<ArchivedPart> archived() {
      return head().map(h -> ArchivedPart.none(h.domain()));
    }
  }

  public static Source source(Journal journal, String domain) {
    return new Source() {
      @Override
      public Future<List<StoredEvent>> page(long afterSeq, int limit) {
        return journal.stored(domain, afterSeq, limit);
      }

      @Override
      public Future<JournalHead> head() {
        return journal.head(domain);
      }

      @Override
      public Future<ArchivedPart> archived() {
        return journal.archived(domain);
      }
    };
  }

  public static Future<Report> verify(Journal journal, String domain) {
    return verify(domain, source(journal, domain));
  }

  /**
   * Verifies the live events, starting after the archived part (whose anchor the journal recorded
   * when it archived them), so a journal that was partly archived verifies without the files.
   */
  public static Future<Report> verify(String domain, Source source) {
    return source.archived().compose(start -> next(new Check(domain, start.seq(), start.hash()), source));
  }

  /**
   * Verifies the whole chain: the archived files the journal recorded (in {@code dir}), oldest
   * first, then the live events, as one chain from the domain's first event. A recorded file that is
   * missing, whose bytes changed, or whose events do not chain is named in the report's problem.
   */
  public static Future<Report> verifyWithArchives(Vertx vertx, Journal journal, PgArchive archive, String domain,
      Path dir) {
    return archive.archives(domain).compose(files -> vertx.executeBlocking(() -> {
      Check check = new Check(domain);
      for (PgArchive.Archived a : files) {
        Report broken = walk(check, dir, a);
        if (broken != null) {
          return broken;
        }
      }
      return check;
    })).compose(walked -> walked instanceof Report broken
        ? Future.succeededFuture(broken)
        : next((Check) walked, source(journal, domain)));
  }

  /**
   * Walks one archived file through the check (blocking file I/O: call it from a worker); returns
   * the report of what is wrong with it, or null when it is intact and ends where it was recorded to.
   */
  static Report walk(Check check, Path dir, PgArchive.Archived a) {
    Path file = dir.resolve(a.file());
    String named = "archive file " + file;
    if (!Files.isRegularFile(file)) {
      return check.broken(a.firstSeq(), named + " is missing (it held events " + a.firstSeq() + ".." + a.lastSeq() + ")");
    }
    try {
      if (!ArchiveFile.sha256(file).equals(a.sha256())) {
        return check.broken(a.firstSeq(), named + " was altered: its SHA-256 is not the one recorded when it was written");
      }
      try (ArchiveFile.Reader in = new ArchiveFile.Reader(file)) {
        ArchiveFile.Header h = in.header();
        if (!h.domain().equals(a.domain()) || h.firstSeq() != a.firstSeq() || h.lastSeq() != a.lastSeq()
            || !h.prevHash().equals(a.prevHash()) || !h.lastHash().equals(a.lastHash())) {
          return check.broken(a.firstSeq(), named + ": its header does not match the archive record");
        }
        for (StoredEvent e = in.next(); e != null; e = in.next()) {
          Report broken = check.accept(e);
          if (broken != null) {
            return check.broken(broken.brokenAt(), "in " + named + ": " + broken.problem());
          }
        }
      }
    } catch (IOException e) {
      return check.broken(a.firstSeq(), named + " cannot be read: " + e.getMessage());
    }
    if (check.lastSeq() != a.lastSeq() || !check.lastHash().equals(a.lastHash())) {
      return check.broken(check.lastSeq() + 1, named + " ends at seq " + check.lastSeq()
          + ", not at the recorded " + a.lastSeq() + " with its hash");
    }
    return null;
  }

  private static Future<Report> next(Check check, Source source) {
    return source.page(check.lastSeq, PAGE).compose(page -> {
      for (StoredEvent e : page) {
        Report broken = check.accept(e);
        if (broken != null) {
          return Future.succeededFuture(broken);
        }
      }
      return page.size() < PAGE ? source.head().map(check::finish) : next(check, source);
    });
  }

  /** The chain as checked so far. */
  public static final class Check {
    private final String domain;
    private long lastSeq;
    private String lastHash;
    private long checked;

    Check(String domain) {
      this(domain, 0, HashChain.GENESIS);
    }

    /**
     * A check of a stretch of the chain that starts after event {@code afterSeq}, whose hash is
     * {@code afterHash} (0 and {@link HashChain#GENESIS} for the start of the journal): what an
     * exported part of the journal is verified from.
     */
    public Check(String domain, long afterSeq, String afterHash) {
      this.domain = domain;
      this.lastSeq = afterSeq;
      this.lastHash = afterHash;
    }

    long lastSeq() {
      return lastSeq;
    }

    String lastHash() {
      return lastHash;
    }

    /** Checks the next event; returns the report of the first broken link, or null. */
    public Report accept(StoredEvent e) {
      long expected = lastSeq + 1;
      if (!domain.equals(e.domain())) {
        return broken(e.seq(), "event belongs to domain " + e.domain());
      }
      if (e.seq() != expected) {
        return broken(expected, e.seq() > expected
            ? "event " + expected + " is missing (the next stored event is " + e.seq() + ")"
            : "event " + e.seq() + " appears twice");
      }
      if (!lastHash.equals(e.prevHash())) {
        return broken(e.seq(), "its link to the event before does not match that event's hash");
      }
      if (!e.expectedHash().equals(e.hash())) {
        return broken(e.seq(), "its content does not match its hash: it was changed after it was written");
      }
      String derived = derivedMismatch(e);
      if (derived != null) {
        return broken(e.seq(), derived);
      }
      lastSeq = e.seq();
      lastHash = e.hash();
      checked++;
      return null;
    }

    /** The result once every stored event was accepted: the head must be where the events end. */
    Report finish(JournalHead head) {
      if (head.seq() > lastSeq) {
        return broken(lastSeq + 1, "the head says the journal reaches event " + head.seq()
            + " but the events stop at " + lastSeq + " (events were removed)");
      }
      if (head.seq() < lastSeq) {
        return broken(head.seq() + 1, "events after the head (" + head.seq() + ") were added outside the journal");
      }
      if (!head.hash().equals(lastHash)) {
        return broken(lastSeq, "the head's hash does not match the last event");
      }
      return new Report(domain, true, checked, lastSeq, lastHash, null, null);
    }

    Report broken(long seq, String problem) {
      return new Report(domain, false, checked, lastSeq, lastHash, seq, problem);
    }

    private static String derivedMismatch(StoredEvent e) {
      Recorded recorded;
      try {
        recorded = e.recorded();
      } catch (RuntimeException bad) {
        return "its text is not a valid event";
      }
      // Derived from the stored text as it is (sealed fields need no key for this).
      Event event = recorded.event();
      if (!EventFormat.type(event).equals(e.type())
          || !Objects.equals(event.contactId(), e.contactId())
          || !Objects.equals(event.agentId(), e.agentId())
          || !Objects.equals(StoredEvent.customerColumn(event, e.payload()), e.customerId())) {
        return "its lookup columns (type, contact, agent, customer) do not match its text";
      }
      return null;
    }
  }
}
