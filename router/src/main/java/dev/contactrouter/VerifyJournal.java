package dev.contactrouter;

import dev.contactrouter.codec.JournalJson;
import dev.contactrouter.store.ArchivedPart;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.PgJournal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar contact-router.jar verify-journal}: checks the hash chain of every domain in
 * the PostgreSQL journal named by {@code ROUTER_PG_URL} (or the config file), prints one line per
 * domain (and its report as JSON), and exits 0 when every chain is intact, 1 when one is broken,
 * 2 when the check could not run. It only reads: no migration, no lock, safe beside a running
 * engine.
 *
 * <p>A journal partly archived ({@code archive-journal}) is verified from where its archived part
 * ends (the anchor recorded when it was archived); with {@code --archive DIR} the archived files in
 * DIR are walked first, so the whole chain from the first event is checked, and a file that is
 * missing or altered is named.
 */
final class VerifyJournal {
  private VerifyJournal() {}

  static void run(Vertx vertx, String configFile, String archiveDir) {
    OfflineCommand.run(vertx, configFile, "verify-journal", config -> OfflineCommand.reading(vertx, config,
        "verifying the journal", journal -> journal.domains()
            .compose(domains -> verifyAll(vertx, journal, domains, archiveDir == null ? null : Path.of(archiveDir)))
            .map(reports -> reports.stream().allMatch(JournalVerifier.Report::intact) ? 0 : 1)));
  }

  private static Future<List<JournalVerifier.Report>> verifyAll(Vertx vertx, PgJournal journal, List<String> domains,
      Path archiveDir) {
    List<JournalVerifier.Report> reports = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String domain : domains) {
      chain = chain.compose(v -> journal.archived(domain)).compose(archived -> (archiveDir == null
              ? JournalVerifier.verify(journal, domain)
              : JournalVerifier.verifyWithArchives(vertx, journal, journal.archive(vertx), domain, archiveDir))
          .map(report -> {
            reports.add(report);
            System.out.println(line(domain, report, archived, archiveDir));
            System.out.println(JournalJson.report(report).encode());
            return null;
          }));
    }
    if (domains.isEmpty()) {
      System.out.println("the journal holds no domain yet");
    }
    return chain.map(v -> reports);
  }

  private static String line(String domain, JournalVerifier.Report report, ArchivedPart archived, Path archiveDir) {
    String scope = archived.seq() == 0 ? ""
        : archiveDir == null
            ? String.format(" (events 1..%d are archived and were not checked: pass --archive DIR)", archived.seq())
            : String.format(" (events 1..%d read from the archive files in %s)", archived.seq(), archiveDir);
    return report.intact()
        ? String.format("domain %s: intact, %d events, head hash %s%s", domain, report.checked(), report.lastHash(), scope)
        : String.format("domain %s: BROKEN at seq %d: %s (the %d events before it are intact)%s",
            domain, report.brokenAt(), report.problem(), report.checked(), scope);
  }
}
