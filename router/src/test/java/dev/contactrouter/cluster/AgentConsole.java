package dev.contactrouter.cluster;

import dev.contactrouter.RouterProcess;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * An agent's console socket (GET /v1/agents/{id}/ws) on one node: what it was sent first (the
 * engine opens with the agent's {@code state}) and how it was closed.
 */
final class AgentConsole implements AutoCloseable {
  private final WebSocketClient client;
  private final WebSocket ws;
  private final Promise<JsonObject> firstState = Promise.promise();
  private final Promise<String> closed = Promise.promise();

  private AgentConsole(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(text -> {
      JsonObject msg = new JsonObject(text);
      if ("state".equals(msg.getString("type"))) {
        firstState.tryComplete(msg);
      }
    });
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode() == null ? "no close frame" : ws.closeStatusCode().toString()));
    ws.exceptionHandler(err -> closed.tryComplete("failed: " + err));
  }

  static AgentConsole open(ClusterNodes nodes, RouterProcess node, String agent) throws Exception {
    WebSocketClient client = nodes.vertx().createWebSocketClient();
    try {
      WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.httpPort())
          .setURI("/v1/agents/" + agent + "/ws?access_token=" + nodes.agentKey(agent))).await(10, TimeUnit.SECONDS);
      return new AgentConsole(client, ws);
    } catch (Exception e) {
      client.close();
      throw e;
    }
  }

  /** The first {@code state} message, waiting at most {@code seconds}. */
  JsonObject state(long seconds) throws Exception {
    return firstState.future().await(seconds, TimeUnit.SECONDS);
  }

  /** The close code (as text), or how the socket ended without one, waiting at most {@code seconds}. */
  String closedWith(long seconds) throws Exception {
    return closed.future().await(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    client.close();
  }
}
