package dev.contactrouter.telephony.lab;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Every event of the engine's domain as a supervisor sees it on {@code GET /v1/events}, recorded
 * by a thread of the test (resuming with Last-Event-ID when the engine restarts), so tests can
 * ask what happened to a call.
 */
public final class EngineEvents implements AutoCloseable {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI uri;
  private final String key;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private volatile boolean closed;
  private volatile String lastId;
  private volatile boolean open;

  EngineEvents(int port, String supervisorKey) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/v1/events");
    this.key = supervisorKey;
    this.reader = new Thread(this::read, "engine-events");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  boolean isOpen() {
    return open;
  }

  private void read() {
    while (!closed) {
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
            .header("Accept", "text/event-stream").GET();
        if (lastId != null) {
          request.header("Last-Event-ID", lastId);
        }
        HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          response.body().close();
          Thread.sleep(500);
          continue;
        }
        open = true;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          String line;
          String id = null;
          while (!closed && (line = lines.readLine()) != null) {
            if (line.startsWith("id:")) {
              id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
              events.add(new JsonObject(line.substring(5).trim()));
              if (id != null) {
                lastId = id;
              }
            }
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // the engine is restarting: try again
      }
      open = false;
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  public List<JsonObject> all() {
    return new ArrayList<>(events);
  }

  /** The events carrying this Call-ID. */
  public List<JsonObject> ofCall(String callId) {
    return events.stream().filter(e -> callId.equals(e.getString("callId"))).toList();
  }

  /** The events of this contact. */
  public List<JsonObject> ofContact(String contactId) {
    return events.stream().filter(e -> contactId.equals(e.getString("contactId"))).toList();
  }

  /** The contact the engine made for this call (from its contact_queued event), or null. */
  public String contactOf(String callId) {
    return ofCall(callId).stream().filter(e -> "contact_queued".equals(e.getString("type")))
        .map(e -> e.getString("contactId")).findFirst().orElse(null);
  }

  /** Waits (bounded) for an event; the first match. */
  public JsonObject await(Predicate<JsonObject> match, long seconds, String what) throws InterruptedException {
    JsonObject e = Polling.first(events, match, seconds, 100);
    if (e == null) {
      throw new AssertionError("no event " + what + " within " + seconds + " s");
    }
    return e;
  }

  @Override
  public void close() {
    closed = true;
    reader.interrupt();
  }
}
