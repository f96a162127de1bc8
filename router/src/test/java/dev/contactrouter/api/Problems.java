package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** Checks on the problems (RFC 9457) the API answers with, for tests that send blocking requests. */
final class Problems {
  private Problems() {}

  /** The response is an {@code application/problem+json} with {@code status}; its body. */
  static JsonObject problem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    return new JsonObject(r.body());
  }
}
