package dev.contactrouter.engine;

import dev.contactrouter.store.ArchivePolicy;
import dev.contactrouter.store.Journal;
import dev.contactrouter.store.PgArchive;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the PostgreSQL journal bounded: on start and then every period (hourly when archiving is
 * off), creates the coming months' partitions (so an append never lands in the default partition)
 * and, when archiving is on, on the node that holds the lease of the deployment's default domain
 * (one node in a cluster), archives the months past retention ({@link PgArchive}). Everything is asynchronous SQL or worker-thread file I/O; a run
 * that is still going when the next is due is not started twice, and a failed run is logged and
 * tried again next period.
 */
public final class JournalMaintenanceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(JournalMaintenanceVerticle.class);
  /** Months created ahead of the current one. */
  static final int MONTHS_AHEAD = 2;
  /** How often partitions are created ahead when archiving is off. */
  static final long PARTITIONS_EVERY_MILLIS = 3_600_000L;

  /**
   * What to maintain and who archives.
   *
   * @param archiveEveryMillis how often to archive (0: never; the partitions are then looked after hourly)
   * @param leaseDomain the domain whose lease holder archives
   * @param nodeId this node's id ({@code ROUTER_NODE_ID}), as leases name it
   */
  public record Options(ArchivePolicy policy, Path dir, long archiveEveryMillis, String leaseDomain, String nodeId) {}

  private final PgArchive archive;
  private final Journal journal;
  private final Options options;
  private final LongSupplier clock;
  private boolean running;
  private long timer;

  public JournalMaintenanceVerticle(PgArchive archive, Journal journal, Options options, LongSupplier clock) {
    this.archive = archive;
    this.journal = journal;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    long every = options.archiveEveryMillis();
    timer = vertx.setPeriodic(every > 0 ? every : PARTITIONS_EVERY_MILLIS, id -> run());
    // The first run creates the partitions before the node takes work; archiving waits for the period.
    return archive.ensurePartitions(MONTHS_AHEAD).recover(err -> {
      LOG.warn("journal partitions not created ahead yet (tried again later): {}", err.getMessage());
      return Future.succeededFuture();
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** One maintenance round; answers with what archiving did (null when this node does not archive). */
  Future<PgArchive.Outcome> run() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    return archive.ensurePartitions(MONTHS_AHEAD)
        .compose(v -> options.archiveEveryMillis() > 0 && options.policy().active()
            ? archiveIfOwner() : Future.<PgArchive.Outcome>succeededFuture())
        .onSuccess(outcome -> {
          if (outcome != null && !outcome.archived().isEmpty()) {
            LOG.info("journal archived to {}: {}; next: {}", options.dir(), outcome.archived(), outcome.stopped());
          }
        })
        .onFailure(err -> LOG.warn("journal maintenance failed (tried again next round): {}", err.getMessage()))
        .eventually(() -> {
          running = false;
          return Future.succeededFuture();
        });
  }

  private Future<PgArchive.Outcome> archiveIfOwner() {
    return journal.leases().compose(leases -> {
      boolean owner = leases.stream().anyMatch(l -> l.domain().equals(options.leaseDomain()) && l.held()
          && options.nodeId().equals(l.owner()));
      return owner
          ? archive.archiveDue(options.dir(), options.policy(), Instant.ofEpochMilli(clock.getAsLong()))
          : Future.<PgArchive.Outcome>succeededFuture();
    });
  }
}
