package dev.contactrouter.store;

import static dev.contactrouter.testing.Await.await;

import dev.contactrouter.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestDatabase} of the test class's own, with the Vert.x it is reached through and a
 * small pool for reading or editing it behind the store's back: created before the class's first
 * test, dropped after its last. Register it as a static {@code @RegisterExtension} field.
 */
final class OwnDatabase implements BeforeAllCallback, AfterAllCallback {
  private final String what;
  private Vertx vertx;
  private TestDatabase database;
  private Pool sql;

  /** {@code what} goes into the database's name ({@code router_<what>_<random>}). */
  OwnDatabase(String what) {
    this.what = what;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = TestVertx.create();
    database = TestDatabase.create(vertx, what);
    sql = database.pool();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    await(sql.close());
    database.close();
    await(vertx.close());
  }

  Vertx vertx() {
    return vertx;
  }

  /** The URL the store connects to. */
  String url() {
    return database.url();
  }

  /** The pool for direct SQL. */
  Pool sql() {
    return sql;
  }
}
