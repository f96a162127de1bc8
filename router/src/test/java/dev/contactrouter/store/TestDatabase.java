package dev.contactrouter.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A database of its own on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust auth;
 * {@code ROUTER_TEST_PG_URL} names another server), created with a random name for one test class
 * and dropped afterwards, so runs never collide with each other or with other builds. The server
 * itself is never stopped or reconfigured.
 */
public record TestDatabase(Vertx vertx, String name, PgConnectOptions options) implements AutoCloseable {
  static final String ADMIN_URL = System.getenv().getOrDefault(
      "ROUTER_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres");
  private static final long WAIT_SECONDS = 30;

  /** Creates an empty database named {@code router_<what>_<random>}. */
  public static TestDatabase create(Vertx vertx, String what) {
    String name = ("router_" + what + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
        .toLowerCase(Locale.ROOT);
    admin(vertx, "CREATE DATABASE " + name);
    PgConnectOptions options = PgConnectOptions.fromUri(ADMIN_URL);
    options.setDatabase(name);
    return new TestDatabase(vertx, name, options);
  }

  /** The URL the engine is given: {@code postgresql://user[:password]@host:port/name}. */
  public String url() {
    String password = options.getPassword() == null || options.getPassword().isEmpty() ? "" : ":" + options.getPassword();
    return "postgresql://" + options.getUser() + password + "@" + options.getHost() + ":" + options.getPort() + "/" + name;
  }

  /** A small pool on this database, for tests that read or edit it directly. */
  public Pool pool() {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options).using(vertx).build();
  }

  @Override
  public void close() {
    admin(vertx, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(Vertx vertx, String sql) {
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
        .connectingTo(PgConnectOptions.fromUri(ADMIN_URL)).using(vertx).build();
    try {
      pool.query(sql).execute().await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("PostgreSQL did not answer " + sql + " in " + WAIT_SECONDS + " s", e);
    } finally {
      pool.close();
    }
  }
}
