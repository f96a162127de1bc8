package dev.contactrouter;

import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.store.PgJournal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;

/**
 * What the offline commands against the PostgreSQL journal share ({@code verify-journal},
 * {@code verify-reports}, {@code archive-journal}): the configuration read as the engine reads it,
 * a refusal without {@code ROUTER_PG_URL}, and the exit status: the one the work completes with
 * (0 all well, 1 something found wrong), or 2 with the reason when it could not run.
 */
final class OfflineCommand {
  private OfflineCommand() {}

  /** Runs {@code work} with the configuration, then exits the process with its status. */
  static void run(Vertx vertx, String configFile, String command, Function<RouterConfig, Future<Integer>> work) {
    RouterConfig.load(vertx, configFile)
        .compose(config -> config.durable() ? work.apply(config) : Future.failedFuture(
            new IllegalStateException("ROUTER_PG_URL is not set: " + command + " works on the PostgreSQL journal")))
        .onComplete(ar -> {
          if (ar.failed()) {
            System.err.println(command + ": " + ar.cause().getMessage());
          }
          int status = ar.succeeded() ? ar.result() : 2;
          vertx.close().onComplete(v -> System.exit(status));
        });
  }

  /** Runs {@code work} on a read-only connection to the configured journal, closed after it; says what it does first. */
  static <T> Future<T> reading(Vertx vertx, RouterConfig config, String doing, Function<PgJournal, Future<T>> work) {
    System.out.println(doing + " at " + PgJournal.describe(config.pgUrl()));
    PgJournal journal = PgJournal.reader(vertx, config.pgUrl(), config.journalTimeoutMs());
    return work.apply(journal).eventually(journal::close);
  }
}
