package dev.contactrouter.api;

import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.engine.DomainClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.HashMap;
import java.util.Map;

/**
 * The HTTP and WebSocket front of the engine. Stateless: several instances may share the port,
 * each turning requests into commands and queries for the domain's writer. Configuration comes
 * as JSON through the deployment options.
 */
public final class ApiVerticle extends VerticleBase {
  public static final String OPENAPI = "openapi.yaml";

  private HttpServer server;

  @Override
  public Future<?> start() {
    RouterConfig config = RouterConfig.from(config());
    ApiKeys keys = new ApiKeys(config.apiKeys());
    DomainClient domains = new DomainClient(vertx, config.requestTimeoutMs());
    String domain = config.domain();

    QueueHandler queues = new QueueHandler(domains, domain);
    AgentHandler agents = new AgentHandler(domains, domain);
    ContactHandler contacts = new ContactHandler(domains, domain);
    AgentSocketHandler sockets = new AgentSocketHandler(vertx, domains, domain);
    EventStreamHandler events = new EventStreamHandler(vertx, domains, domain);
    HealthHandler health = new HealthHandler(domains, domain, config.durable());
    UserTokens tokens = new UserTokens(vertx, config.users(), config.jwtSecret(), config.jwtTtlSeconds(), domain);
    AuthHandler auth = new AuthHandler(tokens);
    AuditHandler audit = new AuditHandler(domains, domain);

    Map<String, Handler<RoutingContext>> handlers = new HashMap<>();
    handlers.put("listQueues", queues::listQueues);
    handlers.put("getQueue", queues::getQueue);
    handlers.put("putQueue", queues::putQueue);
    handlers.put("getQueueStats", queues::getQueueStats);
    handlers.put("listQueueContacts", queues::listQueueContacts);
    handlers.put("listCustomerContacts", contacts::listCustomerContacts);
    handlers.put("listAgents", agents::listAgents);
    handlers.put("getAgent", agents::getAgent);
    handlers.put("putAgent", agents::putAgent);
    handlers.put("putAgentStatus", agents::putAgentStatus);
    handlers.put("agentSocket", sockets::agentSocket);
    handlers.put("createContact", contacts::createContact);
    handlers.put("getContact", contacts::getContact);
    handlers.put("getContactHistory", contacts::getContactHistory);
    handlers.put("exportAudit", audit::exportAudit);
    handlers.put("verifyAudit", audit::verifyAudit);
    handlers.put("abandonContact", contacts::abandonContact);
    handlers.put("transferContact", contacts::transferContact);
    handlers.put("completeContact", contacts::completeContact);
    handlers.put("acceptOffer", contacts::acceptOffer);
    handlers.put("rejectOffer", contacts::rejectOffer);
    handlers.put("eventStream", events::eventStream);
    handlers.put("health", health::health);
    handlers.put("login", auth::login);

    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.httpHost())
        // Port 0: a free port, the same one for every instance in this process (Vert.x shares a
        // random port between the servers that ask for the same negative port).
        .setPort(config.httpPort() == 0 ? -1 : config.httpPort())
        .setMaxHeaderSize(16 * 1024)
        .setMaxInitialLineLength(8 * 1024)
        .setIdleTimeout(120)
        .setMaxWebSocketMessageSize(64 * 1024);
    return OpenAPIContract.from(vertx, OPENAPI)
        .map(contract -> ApiRoutes.build(vertx, contract, keys, tokens, config.bodyLimitBytes(), handlers))
        .compose(router -> vertx.createHttpServer(options).requestHandler(router).listen())
        .onSuccess(s -> server = s);
  }

  /** The port actually bound (useful when configured as 0). */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }
}
