package dev.contactrouter.telephony.lab;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A test playing the bridge: it connects to Kamailio's evapi socket, records what the switch
 * reports and sends it commands, so the switch's side of the protocol is checked on its own.
 */
public final class EvapiDriver implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final Thread reader;

  public EvapiDriver(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    reader = new Thread(() -> read(in), "evapi-driver");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(InputStream in) {
    StringBuilder length = new StringBuilder();
    try {
      int c;
      while ((c = in.read()) >= 0) {
        if (c != ':') {
          length.append((char) c);
          continue;
        }
        int n = Integer.parseInt(length.toString().trim());
        length.setLength(0);
        byte[] payload = in.readNBytes(n);
        in.read(); // the closing ','
        received.add(new JsonObject(new String(payload, StandardCharsets.UTF_8)));
      }
    } catch (IOException | RuntimeException closed) {
      // the test is over or the switch went away
    }
  }

  public synchronized void send(JsonObject command) throws IOException {
    Buffer b = io.vertx.core.buffer.Buffer.buffer();
    byte[] bytes = command.encode().getBytes(StandardCharsets.UTF_8);
    b.appendString(bytes.length + ":").appendBytes(bytes).appendString(",");
    out.write(b.getBytes());
    out.flush();
  }

  public void send(String cmd, String callId, Object... fields) throws IOException {
    JsonObject json = new JsonObject().put("cmd", cmd).put("callId", callId);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      json.put((String) fields[i], fields[i + 1]);
    }
    send(json);
  }

  public List<JsonObject> received() {
    return new ArrayList<>(received);
  }

  /** The events the switch reported for a call, in order. */
  public List<String> eventsOf(String callId) {
    return received.stream().filter(m -> callId.equals(m.getString("callId"))).map(m -> m.getString("event")).toList();
  }

  /** Waits (bounded) for a message from the switch. */
  public JsonObject await(Predicate<JsonObject> match, long seconds, String what) throws InterruptedException {
    JsonObject m = Polling.first(received, match, seconds, 20);
    if (m == null) {
      throw new AssertionError("the switch did not report " + what + " within " + seconds + " s; it reported " + received);
    }
    return m;
  }

  public JsonObject await(String event, String callId, long seconds) throws InterruptedException {
    return await(m -> event.equals(m.getString("event")) && (callId == null || callId.equals(m.getString("callId"))),
        seconds, event + (callId == null ? "" : " for " + callId));
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
    reader.interrupt();
  }
}
