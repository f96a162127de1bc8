package dev.contactrouter.webhook;

import dev.contactrouter.core.WebhookSpec;
import dev.contactrouter.engine.TimeLimit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one attempt of a delivery: the event's bytes with the headers a receiver checks, the
 * whole attempt (connect, send, answer) bounded by the timeout. Completes with the status code;
 * fails on a timeout or a connection error. The answer's body is read and dropped.
 */
final class HttpSender {
  static final String EVENT_ID = "X-Router-Event-Id";
  static final String EVENT_TYPE = "X-Router-Event-Type";
  static final String WEBHOOK = "X-Router-Webhook";
  static final String ATTEMPT = "X-Router-Attempt";
  static final String TIMESTAMP = "X-Router-Timestamp";

  private final Vertx vertx;
  private final HttpClient client;
  private final long timeoutMillis;

  HttpSender(Vertx vertx, HttpClient client, long timeoutMillis) {
    this.vertx = vertx;
    this.client = client;
    this.timeoutMillis = timeoutMillis;
  }

  Future<Integer> post(WebhookSpec spec, Delivery d, long now) {
    String timestamp = Long.toString(now / 1000);
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(spec.url())
        .setFollowRedirects(false)
        .putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", "contact-router-webhooks")
        .putHeader(WEBHOOK, spec.id())
        .putHeader(EVENT_ID, d.eventId)
        .putHeader(EVENT_TYPE, d.type)
        .putHeader(ATTEMPT, Integer.toString(d.attempts))
        .putHeader(TIMESTAMP, timestamp);
    if (spec.signed()) {
      request.putHeader(Signature.HEADER, Signature.sign(spec.secret(), timestamp, d.body.getBytes()));
    }
    HttpClientRequest[] sent = new HttpClientRequest[1];
    return TimeLimit.within(vertx.getOrCreateContext(), timeoutMillis,
        () -> new TimeoutException("no answer within " + timeoutMillis + " ms"),
        () -> {
          if (sent[0] != null) {
            sent[0].reset();
          }
        },
        () -> client.request(request)
            .compose(req -> {
              sent[0] = req;
              return req.send(d.body);
            })
            .compose(response -> response.end().map(v -> response.statusCode())));
  }

  Future<Void> close() {
    return client.close();
  }
}
