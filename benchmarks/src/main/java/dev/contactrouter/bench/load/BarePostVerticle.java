package dev.contactrouter.bench.load;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The bare platform: the least a Vert.x Web service does for {@code POST /v1/contacts}: route the
 * request, read the body, parse it as JSON and answer 201 with a small JSON object. No
 * authentication, validation, event bus, core or journal. The engine's HTTP path is measured as a
 * fraction of what this does on the same machine, with the same client and the same schedule.
 */
public final class BarePostVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private HttpServer server;
  private long created;

  public BarePostVerticle(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.post("/v1/contacts").handler(BodyHandler.create(false).setBodyLimit(65_536)).handler(this::createContact);
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(router)
        .listen()
        .onSuccess(s -> server = s);
  }

  private void createContact(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    JsonObject reply = new JsonObject()
        .put("id", "bare-" + (++created))
        .put("status", "queued")
        .put("queue", body.getString("queue"));
    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(reply.encode());
  }

  public int port() {
    return server == null ? -1 : server.actualPort();
  }
}
