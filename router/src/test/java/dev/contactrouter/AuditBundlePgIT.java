package dev.contactrouter;

import static dev.contactrouter.VerifyBundleTest.verifyBundle;
import static dev.contactrouter.testing.Await.await;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.VerifyBundleTest.Run;
import dev.contactrouter.audit.SigningKey;
import dev.contactrouter.testing.AuditBundles;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit bundle of a durable engine (a real PostgreSQL journal): it verifies under the key the
 * deployment keeps in the database, the same key after a restart; an event edited in the journal
 * behind the engine's back shows in the next bundle as a broken chain at its seq; and a configured
 * key file takes the database's place.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuditBundlePgIT {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.onPostgres().startedByTest();

  @TempDir
  Path dir;

  @Test
  void aDurableEngineSignsWithTheKeyKeptInTheDatabaseAcrossRestarts() {
    EngineUnderTest first = engines.start(new JsonObject());
    AuditBundles.activity(first, 2);
    JsonObject key = AuditBundles.signingKey(first, SUPERVISOR);
    assertThat(key.getString("origin")).isEqualTo("database");
    Path before = dir.resolve("before.zip");
    assertThat(AuditBundles.download(first, "", SUPERVISOR, before).statusCode()).isEqualTo(200);
    await(first.stop());

    EngineUnderTest second = engines.start(new JsonObject());
    assertThat(AuditBundles.signingKey(second, SUPERVISOR).getString("fingerprint")).isEqualTo(key.getString("fingerprint"));
    await(second.newContact(new JsonObject().put("externalId", "after-restart")));
    Path after = dir.resolve("after.zip");
    assertThat(AuditBundles.download(second, "", SUPERVISOR, after).statusCode()).isEqualTo(200);
    for (Path bundle : new Path[] {before, after}) {
      Run run = verifyBundle(bundle.toString(), "--fingerprint", key.getString("fingerprint"));
      assertThat(run.status()).as(run.out() + run.err()).isZero();
    }
    Pool sql = engines.database().pool();
    try {
      assertThat(await(sql.query("SELECT count(*) AS n FROM audit_signing_key").execute()).iterator().next()
          .getLong("n")).isEqualTo(1);
    } finally {
      await(sql.close());
    }
  }

  @Test
  void anEventEditedInTheJournalShowsInTheBundleAtItsSeq() {
    // A domain of its own: the class's tests share the database, and this one breaks its chain.
    EngineUnderTest engine = engines.start(new JsonObject().put("ROUTER_DOMAIN", "tampered"));
    AuditBundles.activity(engine, 2);
    Pool sql = engines.database().pool();
    try {
      Row queued = await(sql.query("SELECT seq, payload FROM journal_events WHERE domain = 'tampered'"
          + " AND type = 'contact_queued' ORDER BY seq LIMIT 1").execute()).iterator().next();
      long seq = queued.getLong("seq");
      String edited = queued.getString("payload").replace("\"queue\":\"stocks\"", "\"queue\":\"bonds\"");
      assertThat(edited).isNotEqualTo(queued.getString("payload"));
      // As someone with the database's owner rights would: past the trigger that keeps it append-only.
      await(sql.withTransaction(conn -> conn.query("ALTER TABLE journal_events DISABLE TRIGGER journal_events_no_change")
          .execute()
          .compose(v -> conn.preparedQuery("UPDATE journal_events SET payload = $2 WHERE domain = 'tampered' AND seq = $1")
              .execute(Tuple.of(seq, edited)))
          .compose(v -> conn.query("ALTER TABLE journal_events ENABLE TRIGGER journal_events_no_change").execute())));
      Path bundle = dir.resolve("edited.zip");
      assertThat(AuditBundles.download(engine, "", SUPERVISOR, bundle).statusCode()).isEqualTo(200);
      Run run = verifyBundle(bundle.toString());
      assertThat(run.status()).isEqualTo(1);
      assertThat(run.out()).contains("the chain breaks at seq " + seq + ": its content does not match its hash");
    } finally {
      await(sql.close());
    }
  }

  @Test
  void aConfiguredKeyFileSignsInsteadOfTheDatabasesAndABadOneStopsTheStart() throws Exception {
    SigningKey own = SigningKey.generate("test");
    String privatePem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(own.privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    Path file = Files.writeString(dir.resolve("audit-key.pem"), privatePem + own.publicKeyPem());
    EngineUnderTest engine = engines.start(new JsonObject().put("ROUTER_AUDIT_SIGNING_KEY", file.toString()));
    JsonObject key = AuditBundles.signingKey(engine, SUPERVISOR);
    assertThat(key.getString("fingerprint")).isEqualTo(own.fingerprint());
    assertThat(key.getString("origin")).isEqualTo("configured file");
    AuditBundles.activity(engine, 1);
    Path bundle = dir.resolve("own-key.zip");
    AuditBundles.download(engine, "", SUPERVISOR, bundle);
    Path pinned = Files.writeString(dir.resolve("pinned.pem"), own.publicKeyPem(), StandardCharsets.US_ASCII);
    assertThat(verifyBundle(bundle.toString(), "--public-key", pinned.toString()).status()).isZero();
    await(engine.stop());

    Path half = Files.writeString(dir.resolve("private-only.pem"), privatePem);
    assertThatThrownBy(() -> engines.start(new JsonObject().put("ROUTER_AUDIT_SIGNING_KEY", half.toString())))
        .hasStackTraceContaining("ROUTER_AUDIT_SIGNING_KEY").hasStackTraceContaining("PUBLIC KEY");
  }
}
