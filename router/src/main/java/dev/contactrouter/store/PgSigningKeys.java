package dev.contactrouter.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The audit signing key in PostgreSQL ({@code audit_signing_key}, migration V4): one key for the
 * whole deployment, made by whichever node asks first. Keys are bytes here (PKCS#8 and X.509); the
 * store neither makes nor checks them.
 */
public final class PgSigningKeys {
  private static final String INSERT = "INSERT INTO audit_signing_key (id, private_key, public_key) VALUES (1, $1, $2)"
      + " ON CONFLICT (id) DO NOTHING";
  private static final String SELECT = "SELECT private_key, public_key FROM audit_signing_key WHERE id = 1";

  /** A stored key's halves: PKCS#8 private key, X.509 public key. */
  public record Encoded(byte[] privateKey, byte[] publicKey) {}

  private final Pool pool;

  PgSigningKeys(Pool pool) {
    this.pool = pool;
  }

  /**
   * The stored key; if there is none yet, {@code candidate} is stored and returned. Two nodes
   * starting together both get the one that was stored first.
   */
  public Future<Encoded> getOrCreate(Encoded candidate) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(Buffer.buffer(candidate.privateKey()), Buffer.buffer(candidate.publicKey())))
        .compose(v -> pool.preparedQuery(SELECT).execute())
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Encoded(r.getBuffer("private_key").getBytes(), r.getBuffer("public_key").getBytes());
        });
  }
}
