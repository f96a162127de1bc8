package dev.contactrouter.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the journal's schema on start, from versioned SQL files on the classpath
 * ({@code db/migration/V<n>__<name>.sql}, listed in {@link #FILES}). Applied versions are recorded
 * in {@code schema_migrations} with a checksum; a start refuses a database whose applied files
 * were changed since, or that is at a version this build does not know (a newer build migrated
 * it). All of it runs in one transaction under an advisory lock, so nodes starting together
 * migrate once and a failed migration leaves nothing half-applied.
 */
public final class SchemaMigrations {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

  /** Every migration, oldest first. Add a file here and under db/migration; never edit an applied one. */
  static final List<String> FILES = List.of("V1__journal.sql", "V2__domain_leases.sql", "V3__webhook_positions.sql",
      "V4__audit_signing_key.sql", "V5__journal_partitions.sql", "V6__report_aggregates.sql", "V7__customer_keys.sql",
      "V8__snapshot_parts.sql");

  /** Advisory lock key: "contact-router schema". */
  private static final long LOCK = 0x636f6e7461637452L;

  private static final String CREATE_TABLE = """
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer     PRIMARY KEY,
        name       text        NOT NULL,
        checksum   text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )""";

  record Migration(int version, String name, String sql, String checksum) {}

  private SchemaMigrations() {}

  /** Brings the schema up to date; completes with the version it is at. */
  public static Future<Integer> migrate(Vertx vertx, Pool pool) {
    return migrate(vertx, pool, Integer.MAX_VALUE);
  }

  /** Brings the schema up to version {@code through} at most: what an older build left, for tests of a migration. */
  static Future<Integer> migrate(Vertx vertx, Pool pool, int through) {
    return vertx.executeBlocking(() -> load().stream().filter(m -> m.version() <= through).toList())
        .compose(migrations -> pool.withTransaction(conn -> conn.query("SET LOCAL client_min_messages = warning")
            .execute()
            .compose(v -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute())
            .compose(v -> conn.query(CREATE_TABLE).execute())
            .compose(v -> conn.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version").execute())
            .compose(rows -> {
              Map<Integer, Row> applied = new HashMap<>();
              rows.forEach(r -> applied.put(r.getInteger("version"), r));
              return apply(conn, migrations, applied);
            })));
  }

  private static Future<Integer> apply(SqlConnection conn, List<Migration> migrations, Map<Integer, Row> applied) {
    int newest = migrations.get(migrations.size() - 1).version();
    for (Integer version : applied.keySet()) {
      if (version > newest) {
        return Future.failedFuture(new IllegalStateException("the database schema is at version " + version
            + ", newer than this build knows (" + newest + "): run a build at least as new"));
      }
    }
    Future<Void> chain = Future.succeededFuture();
    for (Migration m : migrations) {
      Row done = applied.get(m.version());
      if (done != null) {
        if (!done.getString("checksum").equals(m.checksum())) {
          return Future.failedFuture(new IllegalStateException("migration " + m.name()
              + " was changed after it was applied to this database; restore the file and add a new migration instead"));
        }
        continue;
      }
      chain = chain
          .compose(v -> conn.query(m.sql()).execute())
          .compose(v -> conn.preparedQuery("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)")
              .execute(Tuple.of(m.version(), m.name(), m.checksum())))
          .<Void>mapEmpty()
          .onSuccess(v -> LOG.info("applied schema migration {}", m.name()));
    }
    return chain.map(newest);
  }

  static List<Migration> load() throws IOException {
    List<Migration> out = new ArrayList<>();
    for (String file : FILES) {
      if (!file.matches("V\\d+__[a-z0-9_]+\\.sql")) {
        throw new IllegalStateException("migration file name " + file + " is not V<n>__<name>.sql");
      }
      int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
      if (!out.isEmpty() && version != out.get(out.size() - 1).version() + 1) {
        throw new IllegalStateException("migration " + file + " does not follow version " + out.get(out.size() - 1).version());
      }
      try (InputStream in = SchemaMigrations.class.getResourceAsStream("/db/migration/" + file)) {
        if (in == null) {
          throw new IllegalStateException("migration " + file + " is not on the classpath");
        }
        String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        out.add(new Migration(version, file, sql, HashChain.digest(sql)));
      }
    }
    return out;
  }
}
