package dev.contactrouter;

import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.store.PgArchive;
import dev.contactrouter.store.PgJournal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code java -jar contact-router.jar archive-journal}: once, now, does what the engine's journal
 * maintenance does on its timer: creates the coming months' partitions of the PostgreSQL journal
 * named by {@code ROUTER_PG_URL} (migrating its schema first, as a start does) and archives every
 * month past {@code ROUTER_JOURNAL_RETENTION_DAYS} (and its per-domain overrides) into {@code
 * ROUTER_ARCHIVE_DIR}, then drops it. Prints what it archived and why it stopped where it did;
 * exits 0 when it ran, 2 when it could not. Safe beside a running engine: a month is only detached
 * under an advisory lock, and only when every domain in it may drop it.
 */
final class ArchiveJournal {
  private ArchiveJournal() {}

  static void run(Vertx vertx, String configFile) {
    OfflineCommand.run(vertx, configFile, "archive-journal", config -> {
      RouterConfig.Archiving a = config.archiving();
      if (!a.policy().active()) {
        return Future.failedFuture(new IllegalStateException(
            "no retention is set (ROUTER_JOURNAL_RETENTION_DAYS, ROUTER_JOURNAL_RETENTION_BY_DOMAIN): nothing to archive"));
      }
      System.out.println("archiving the journal at " + PgJournal.describe(config.pgUrl()) + " into " + a.dir());
      return PgJournal.connect(vertx, config.pgUrl(), 2, config.journalTimeoutMs())
          .compose(journal -> {
            PgArchive archive = journal.archive(vertx);
            return archive.ensurePartitions(2)
                .compose(v -> archive.archiveDue(Path.of(a.dir()), a.policy(), Instant.now()))
                .eventually(journal::close);
          })
          .map(o -> {
            System.out.println(o.archived().isEmpty() ? "nothing archived" : "archived and dropped: "
                + String.join(", ", o.archived()));
            System.out.println("stopped: " + o.stopped());
            return 0;
          });
    });
  }
}
