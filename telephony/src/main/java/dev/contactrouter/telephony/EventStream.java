package dev.contactrouter.telephony;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's event stream ({@code GET /v1/events}, server-sent events) for the types the switch
 * needs. It resumes after a disconnection from the last event id it handed over
 * ({@code Last-Event-ID}), so the engine replays what was missed; it reconnects by itself (500 ms
 * doubling to 5 s), also when the stream goes silent for longer than two heartbeats.
 */
final class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  static final String TYPES = "offer_made,offer_revoked,offer_timed_out,offer_rejected,offer_accepted,"
      + "contact_transferred,contact_abandoned,contact_completed";
  private static final long SILENCE_MILLIS = 40_000;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final Vertx vertx;
  private final HttpClient http;
  private final String authorization;
  private final String path;
  private final Consumer<JsonObject> events;
  private final Runnable onConnected;
  private String lastEventId;
  private HttpClientResponse current;
  private long lastBytes;
  private long backoff = 500;
  private long watchdog = -1;
  private boolean closed;

  EventStream(Vertx vertx, BridgeConfig config, String lastEventId, Consumer<JsonObject> events, Runnable onConnected) {
    this.vertx = vertx;
    URI base = config.engine();
    boolean tls = "https".equals(base.getScheme());
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setDefaultHost(base.getHost()).setDefaultPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80)
        .setSsl(tls).setConnectTimeout(2_000).setIdleTimeout(0));
    this.authorization = "Bearer " + config.telephonyKey();
    this.path = "/v1/events?types=" + TYPES;
    this.events = events;
    this.onConnected = onConnected;
    this.lastEventId = lastEventId;
  }

  /** The id of the last event handed over: where a restarted bridge resumes. */
  String lastEventId() {
    return lastEventId;
  }

  boolean connected() {
    return current != null;
  }

  void start() {
    watchdog = vertx.setPeriodic(5_000, id -> {
      if (current != null && System.currentTimeMillis() - lastBytes > SILENCE_MILLIS) {
        LOG.warn("event stream silent for {} s; reconnecting", SILENCE_MILLIS / 1000);
        current.request().connection().close();
      }
    });
    connect();
  }

  void close() {
    closed = true;
    vertx.cancelTimer(watchdog);
    http.close();
  }

  private void connect() {
    if (closed) {
      return;
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
        .putHeader("Authorization", authorization).putHeader("Accept", "text/event-stream");
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    http.request(options)
        .compose(request -> request.send())
        .onSuccess(response -> {
          if (response.statusCode() != 200) {
            LOG.warn("event stream answered {}; retrying in {} ms", response.statusCode(), backoff);
            response.request().connection().close();
            retry();
            return;
          }
          current = response;
          lastBytes = System.currentTimeMillis();
          backoff = 500;
          LOG.info("event stream open{}", lastEventId == null ? "" : " (resuming after " + lastEventId + ")");
          ServerSentEvents parser = new ServerSentEvents(event -> {
            JsonObject json;
            try {
              json = new JsonObject(event.data());
            } catch (RuntimeException e) {
              LOG.warn("event {} is not JSON; skipped", event.id());
              return;
            }
            events.accept(json);
            if (event.id() != null) {
              lastEventId = event.id();
            }
          });
          response.handler(bytes -> {
            lastBytes = System.currentTimeMillis();
            parser.feed(bytes);
          });
          response.exceptionHandler(e -> LOG.debug("event stream error: {}", e.getMessage()));
          response.endHandler(v -> ended(response));
          response.request().connection().closeHandler(v -> ended(response));
          onConnected.run();
        })
        .onFailure(e -> {
          LOG.warn("event stream not available ({}); retrying in {} ms", e.getMessage(), backoff);
          retry();
        });
  }

  private void ended(HttpClientResponse response) {
    if (current != response) {
      return;
    }
    current = null;
    if (!closed) {
      LOG.warn("event stream closed; resuming after {}", lastEventId);
      retry();
    }
  }

  private void retry() {
    if (closed) {
      return;
    }
    long delay = backoff;
    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
    vertx.setTimer(delay, id -> connect());
  }
}
