package dev.contactrouter.report;

import dev.contactrouter.store.PgReportAggregates;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the reports' aggregates in PostgreSQL up with the journal: every {@link #PERIOD_MILLIS}
 * it folds each domain's committed events after the aggregates' position, {@link #BATCH} at a
 * time, until none are left ({@link PgReportAggregates#catchUp}: figures, fold state and position
 * in one transaction). It runs on every node of a durable deployment and off the writers' threads;
 * the lock on each domain's position row makes nodes take turns, so an event is never counted
 * twice, and a restart carries on from the stored position. A failed round (the database away) is
 * logged and tried again next period: reports stay exact meanwhile, since they fold the journal
 * after the position.
 */
public final class ReportAggregatesVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ReportAggregatesVerticle.class);
  static final long PERIOD_MILLIS = 1_000;
  static final int BATCH = 2_000;

  private final PgReportAggregates aggregates;
  private final List<String> domains;
  private long timer = -1;
  private boolean stopped;

  public ReportAggregatesVerticle(PgReportAggregates aggregates, List<String> domains) {
    this.aggregates = aggregates;
    this.domains = List.copyOf(domains);
  }

  @Override
  public Future<?> start() {
    schedule();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void schedule() {
    if (!stopped) {
      timer = vertx.setTimer(PERIOD_MILLIS, id -> round());
    }
  }

  private void round() {
    Future<Void> chain = Future.succeededFuture();
    for (String domain : domains) {
      chain = chain.compose(v -> follow(domain).recover(err -> {
        LOG.warn("domain {}: report aggregates not brought up to date, trying again: {}", domain, err.getMessage());
        return Future.succeededFuture();
      }));
    }
    chain.onComplete(ar -> schedule());
  }

  /** Folds batches until the domain's aggregates reach the journal's head (or the verticle stops). */
  private Future<Void> follow(String domain) {
    return aggregates.catchUp(domain, BATCH)
        .compose(n -> n == BATCH && !stopped ? follow(domain) : Future.succeededFuture());
  }
}
