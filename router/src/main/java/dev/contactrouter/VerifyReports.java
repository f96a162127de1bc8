package dev.contactrouter;

import dev.contactrouter.store.PgReportAggregates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * {@code java -jar contact-router.jar verify-reports [--rebuild]}: for every domain in the
 * PostgreSQL journal named by {@code ROUTER_PG_URL}, recomputes the report aggregates from the
 * journal up to their position and compares them with the stored ones (figures per interval, the
 * fold's state, the score weights), printing each difference; exits 0 when they agree, 1 when they
 * differ, 2 when the check could not run. With {@code --rebuild} it first empties each domain's
 * aggregates and folds the whole journal into them again (a running engine's follower may share
 * the work: the position row's lock makes them take turns); reports stay exact meanwhile.
 */
final class VerifyReports {
  private static final int PAGE = 5_000;
  private static final int MOST_LISTED = 100;

  private VerifyReports() {}

  static void run(Vertx vertx, String configFile, boolean rebuild) {
    OfflineCommand.run(vertx, configFile, "verify-reports", config -> OfflineCommand.reading(vertx, config,
        "verifying the report aggregates", journal -> journal.domains()
            .compose(domains -> all(journal.reportAggregates(), domains, rebuild))
            .map(agree -> agree ? 0 : 1)));
  }

  /** Completes with true when every domain's aggregates agree with its journal. */
  static Future<Boolean> all(PgReportAggregates aggregates, List<String> domains, boolean rebuild) {
    Future<Boolean> chain = Future.succeededFuture(true);
    for (String domain : domains) {
      chain = chain.compose(ok -> (rebuild ? rebuild(aggregates, domain) : Future.<Void>succeededFuture())
          .compose(v -> aggregates.position(domain))
          .compose(position -> aggregates.verify(domain, PAGE, MOST_LISTED).map(differences -> {
            if (differences.isEmpty()) {
              System.out.printf("domain %s: aggregates agree with the journal up to event %d%n", domain, position.seq());
              return ok;
            }
            System.out.printf("domain %s: aggregates DIFFER from the journal up to event %d:%n", domain, position.seq());
            differences.forEach(d -> System.out.println("  " + d));
            return false;
          })));
    }
    if (domains.isEmpty()) {
      System.out.println("the journal holds no domain yet");
    }
    return chain;
  }

  private static Future<Void> rebuild(PgReportAggregates aggregates, String domain) {
    return aggregates.reset(domain).compose(v -> catchUp(aggregates, domain, 0))
        .compose(n -> aggregates.analyze().map(n)).map(n -> {
      System.out.printf("domain %s: aggregates rebuilt from %d events%n", domain, n);
      return null;
    });
  }

  private static Future<Long> catchUp(PgReportAggregates aggregates, String domain, long done) {
    return aggregates.catchUp(domain, PAGE)
        .compose(n -> n < PAGE ? Future.succeededFuture(done + n) : catchUp(aggregates, domain, done + n));
  }
}
