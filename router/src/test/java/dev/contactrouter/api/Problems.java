package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** Checks on the problems (RFC 9457) the API answers with, for blocking and for Vert.x clients' responses. */
final class Problems {
  private Problems() {}

  /** The response is an {@code application/problem+json} with {@code status}; its body. */
  static JsonObject problem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    return new JsonObject(r.body());
  }

  /** As {@link #problem(HttpResponse, int)}, for a Vert.x web client's response. */
  static JsonObject problem(io.vertx.ext.web.client.HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
    return r.bodyAsJsonObject();
  }
}
