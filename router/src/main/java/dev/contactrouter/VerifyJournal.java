package dev.contactrouter;

import dev.contactrouter.codec.JournalJson;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.PgJournal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar contact-router.jar verify-journal}: checks the hash chain of every domain in
 * the PostgreSQL journal named by {@code ROUTER_PG_URL} (or the config file), prints one line per
 * domain (and its report as JSON), and exits 0 when every chain is intact, 1 when one is broken,
 * 2 when the check could not run. It only reads: no migration, no lock, safe beside a running
 * engine.
 */
final class VerifyJournal {
  private VerifyJournal() {}

  static void run(Vertx vertx, String configFile) {
    RouterConfig.load(vertx, configFile)
        .compose(config -> {
          if (!config.durable()) {
            return Future.failedFuture(new IllegalStateException("ROUTER_PG_URL is not set: nothing to verify"));
          }
          System.out.println("verifying the journal at " + PgJournal.describe(config.pgUrl()));
          PgJournal journal = PgJournal.reader(vertx, config.pgUrl(), config.journalTimeoutMs());
          return journal.domains()
              .compose(domains -> verifyAll(journal, domains))
              .eventually(journal::close);
        })
        .onComplete(ar -> {
          int status;
          if (ar.failed()) {
            System.err.println("verify-journal: " + ar.cause().getMessage());
            status = 2;
          } else {
            status = ar.result().stream().allMatch(JournalVerifier.Report::intact) ? 0 : 1;
          }
          vertx.close().onComplete(v -> System.exit(status));
        });
  }

  private static Future<List<JournalVerifier.Report>> verifyAll(PgJournal journal, List<String> domains) {
    List<JournalVerifier.Report> reports = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String domain : domains) {
      chain = chain.compose(v -> JournalVerifier.verify(journal, domain)).map(report -> {
        reports.add(report);
        System.out.println(report.intact()
            ? String.format("domain %s: intact, %d events, head hash %s", domain, report.checked(), report.lastHash())
            : String.format("domain %s: BROKEN at seq %d: %s (the %d events before it are intact)",
                domain, report.brokenAt(), report.problem(), report.checked()));
        System.out.println(JournalJson.report(report).encode());
        return null;
      });
    }
    if (domains.isEmpty()) {
      System.out.println("the journal holds no domain yet");
    }
    return chain.map(v -> reports);
  }
}
