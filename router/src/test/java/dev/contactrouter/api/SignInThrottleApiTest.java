package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.RouterApp;
import dev.contactrouter.config.Setting;
import dev.contactrouter.testing.Await;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failed sign-ins over HTTP: throttled per user and per address with 429 and Retry-After, a
 * success resetting the user, every refusal in the audit trail and in the metric.
 */
class SignInThrottleApiTest {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded()
      .vertxOptions(RouterApp.vertxOptions())
      // The per-address request rate is not what is tested here.
      .with(Setting.ADDRESS_RATE_LIMIT_PER_SECOND.env(), 10_000);

  @Test
  void guessesAreThrottledPerUserThenPerAddressAndEveryRefusalIsAuditedAndCounted(EngineUnderTest engine) {
    double badBefore = counter(engine, "bad_credentials");
    double throttledBefore = counter(engine, "throttled");
    for (int i = 1; i <= SignInThrottle.USER_FAILURES; i++) {
      assertThat(login(engine, "li", "wrong-" + i).statusCode()).as("failure %d", i).isEqualTo(401);
    }
    // The right password, too soon: refused unchecked.
    HttpResponse<String> throttled = login(engine, "li", "pw-li-123");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(new JsonObject(throttled.body()).getString("type")).endsWith("sign-in-throttled");
    assertThat(throttled.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L)).isBetween(1L, 2L);
    assertThat(login(engine, "zhou", "pw-zhou-123").statusCode()).as("another user from the same address").isEqualTo(200);

    // Once the lock ends the right password gets in, and the user's count starts again.
    // (Waited out rather than polled: every attempt while locked would be one more refusal.)
    long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
    Await.pause(Duration.ofMillis(retryAfter * 1000 + 300));
    assertThat(login(engine, "li", "pw-li-123").statusCode()).isEqualTo(200);
    assertThat(login(engine, "li", "wrong-again").statusCode()).isEqualTo(401);
    assertThat(login(engine, "li", "pw-li-123").statusCode()).as("one failure locks nothing").isEqualTo(200);

    // The audit trail holds each refusal, never a password.
    String audit = engine.send("GET", "/v1/audit", EngineUnderTest.SUPERVISOR, (JsonObject) null).body();
    List<JsonObject> refusals = audit.lines().map(JsonObject::new)
        .filter(e -> "sign_in_refused".equals(e.getString("type"))).toList();
    List<JsonObject> payloads = refusals.stream().map(e -> new JsonObject(e.getString("payload"))).toList();
    assertThat(payloads).extracting(p -> p.getString("reason")).containsExactly("bad_credentials", "bad_credentials",
        "bad_credentials", "bad_credentials", "bad_credentials", "throttled", "bad_credentials");
    assertThat(payloads.get(4).getLong("retryAfterSeconds")).isEqualTo(1L);
    assertThat(payloads).allSatisfy(p -> {
      assertThat(p.getString("username")).isEqualTo("li");
      assertThat(p.getString("address")).isEqualTo("127.0.0.1");
    });
    assertThat(refusals).allSatisfy(e -> assertThat(e.getString("actor")).isEqualTo("anonymous"));
    assertThat(audit).doesNotContain("wrong-").doesNotContain("pw-li-123");
    assertThat(counter(engine, "bad_credentials") - badBefore).isEqualTo(6.0);
    assertThat(counter(engine, "throttled") - throttledBefore).isEqualTo(1.0);

    // One address trying many user names: locked for every user name once it reaches its limit.
    int failures = 0;
    HttpResponse<String> last = null;
    for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES + 1; i++) {
      last = login(engine, "nobody-" + i, "guess");
      if (last.statusCode() != 401) {
        break;
      }
      failures++;
    }
    assertThat(last.statusCode()).as("after %d failures from one address", failures).isEqualTo(429);
    assertThat(failures).isLessThan(SignInThrottle.ADDRESS_FAILURES);
  }

  private static HttpResponse<String> login(EngineUnderTest engine, String user, String password) {
    return engine.send("POST", "/v1/auth/login", null, new JsonObject().put("username", user).put("password", password));
  }

  private static double counter(EngineUnderTest engine, String reason) {
    String metrics = engine.send("GET", "/metrics", null, (JsonObject) null).body();
    Matcher m = Pattern.compile("router_sign_in_refused_total\\{domain=\"default\",reason=\"" + reason + "\"} ([0-9.E]+)")
        .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
