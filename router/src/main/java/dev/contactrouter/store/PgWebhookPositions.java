package dev.contactrouter.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Webhook positions in PostgreSQL ({@code webhook_positions}, migration V3), beside the journal. */
public final class PgWebhookPositions implements WebhookPositions {
  /** The row of the deliverer's own mark; webhook ids never are empty. */
  private static final String SCANNED = "";

  private static final String LOAD = "SELECT webhook, seq FROM webhook_positions WHERE domain = $1";
  private static final String CLEAR = "DELETE FROM webhook_positions WHERE domain = $1";
  private static final String INSERT = "INSERT INTO webhook_positions (domain, webhook, seq)"
      + " SELECT $1, w, s FROM unnest($2::text[], $3::bigint[]) AS p(w, s)";

  private final Pool pool;

  PgWebhookPositions(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Saved> load(String domain) {
    return pool.preparedQuery(LOAD).execute(Tuple.of(domain)).map(rows -> {
      Long scanned = null;
      Map<String, Long> delivered = new HashMap<>();
      for (Row r : rows) {
        if (SCANNED.equals(r.getString("webhook"))) {
          scanned = r.getLong("seq");
        } else {
          delivered.put(r.getString("webhook"), r.getLong("seq"));
        }
      }
      return new Saved(scanned, delivered);
    });
  }

  @Override
  public Future<Void> save(String domain, long scanned, Map<String, Long> delivered) {
    List<String> ids = new ArrayList<>(delivered.size() + 1);
    List<Long> seqs = new ArrayList<>(delivered.size() + 1);
    ids.add(SCANNED);
    seqs.add(scanned);
    delivered.forEach((id, seq) -> {
      ids.add(id);
      seqs.add(seq);
    });
    return pool.withTransaction(conn -> conn.preparedQuery(CLEAR).execute(Tuple.of(domain))
        .compose(v -> conn.preparedQuery(INSERT)
            .execute(Tuple.of(domain, ids.toArray(new String[0]), seqs.toArray(new Long[0])))))
        .mapEmpty();
  }
}
