package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static org.assertj.core.api.Assertions.assertThat;

import static dev.contactrouter.testing.Await.await;

import dev.contactrouter.audit.BundleVerifier;
import dev.contactrouter.audit.SigningKey;
import dev.contactrouter.testing.AuditBundles;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit bundle's routes with the embedded engine: a bad time range is a 400 naming the field,
 * agents get 403, the bundle comes as a named zip attachment, and the signing key an auditor pins
 * is served with a fingerprint that is the SHA-256 of the key it serves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditBundleApiTest {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded();

  @Test
  void badRangesAreRefusedNamingTheField(EngineUnderTest engine) {
    assertThat(Problems.problem(engine.send("GET", "/v1/audit/bundle?from=yesterday", SUPERVISOR, null), 400)
        .getString("field")).isEqualTo("from");
    assertThat(Problems.problem(engine.send("GET", "/v1/audit/bundle?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z",
        SUPERVISOR, null), 400).getString("field")).isEqualTo("to");
    assertThat(Problems.problem(engine.send("GET", "/v1/audit/bundle?to=2025-13-01T00:00:00Z", SUPERVISOR, null), 400)
        .getString("detail")).contains("to must be a date-time");
    Problems.problem(engine.send("GET", "/v1/audit/bundle", A1, null), 403);
    Problems.problem(engine.send("GET", "/v1/audit/signing-key", A1, null), 403);
  }

  @Test
  void theBundleIsANamedZipAndTheKeyIsServedWithItsFingerprint(EngineUnderTest engine, @TempDir Path dir) {
    AuditBundles.activity(engine, 1);
    var response = AuditBundles.download(engine, "?from=2020-01-01T00:00:00%2B08:00", ADMIN, dir.resolve("b.zip"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
        .startsWith("attachment; filename=\"audit-bundle-default-2019-12-31T16-00-00Z-").endsWith(".zip\""));
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");

    JsonObject key = AuditBundles.signingKey(engine, SUPERVISOR);
    assertThat(key.getString("algorithm")).isEqualTo("Ed25519");
    assertThat(key.getString("origin")).isEqualTo("this run only (embedded)");
    assertThat(key.getString("fingerprint"))
        .isEqualTo(SigningKey.fingerprint(SigningKey.publicKeyFromPem(key.getString("publicKeyPem"))))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void aRangeOfMoreThanAPageIsCoveredWholeAndVerifies(EngineUnderTest engine, @TempDir Path dir) throws Exception {
    int agents = BundleHandler.PAGE + 120;
    for (int batch = 0; batch < agents; batch += 100) {
      List<Future<JsonObject>> puts = new ArrayList<>();
      for (int i = batch; i < Math.min(batch + 100, agents); i++) {
        puts.add(engine.ok(HttpMethod.PUT, "/v1/agents/p" + i, ADMIN, new JsonObject().put("name", "Agent " + i)));
      }
      await("agents from " + batch, Future.all(puts));
    }
    Path bundle = dir.resolve("long.zip");
    assertThat(AuditBundles.download(engine, "", SUPERVISOR, bundle).statusCode()).isEqualTo(200);
    BundleVerifier.Verdict verdict = BundleVerifier.verify(bundle, null);
    assertThat(verdict.problems()).isEmpty();
    JsonObject covers = verdict.manifest().getJsonObject("covers");
    assertThat(covers.getLong("firstSeq")).isEqualTo(1);
    assertThat(covers.getLong("lastSeq")).isEqualTo(agents);
    assertThat(covers.getLong("events")).isEqualTo(agents);
    String events = new String(AuditBundles.files(bundle).get("events.ndjson"), StandardCharsets.UTF_8);
    assertThat(events.split("\n")).hasSize(agents);
  }
}
