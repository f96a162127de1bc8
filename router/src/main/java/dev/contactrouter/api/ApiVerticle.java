package dev.contactrouter.api;

import dev.contactrouter.audit.SigningKey;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.engine.Addresses;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.store.PgReportAggregates;
import dev.contactrouter.engine.DomainQuery;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket front of the engine. Several instances share the port, each turning
 * requests into commands and queries for the domain's writer. Configuration comes as JSON
 * through the deployment options. Each instance keeps its own copy of the key ring, refreshed
 * whenever the domain announces a key change.
 */
public final class ApiVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);
  public static final String OPENAPI = "openapi.yaml";

  private HttpServer server;
  /**
   * New work a busy node refuses at its front door, before reading it (see {@link FrontDoor}); the
   * writer's own bound covers every state change ({@code Admission}).
   */
  private static final java.util.Set<String> FRONT_INTAKE =
      java.util.Set.of("createContact", "openComplaint", "openCase", "recordSurvey", "requestCallback");
  /** The least new intake an HTTP event loop always lets in at once, however slow its answers. */
  private static final int FRONT_FLOOR = 8;
  private Gate gate;
  private LoopLag lag;
  private long shutdownMillis = 10_000;
  /** The key that signs audit bundles, the same for every instance (immutable). */
  private final SigningKey auditKey;

  /** The reports' aggregates in PostgreSQL, on a small pool of this instance's own; null when embedded. */
  private PgReportAggregates aggregates;

  public ApiVerticle(SigningKey auditKey) {
    this.auditKey = auditKey;
  }

  @Override
  public Future<?> start() {
    RouterConfig config = RouterConfig.from(config());
    RouterConfig.Guard guard = config.guard();
    shutdownMillis = config.cluster().shutdownMillis();
    DomainClient domains = new DomainClient(vertx, config.requestTimeoutMs());
    String domain = config.domain();
    if (config.durable()) {
      aggregates = PgReportAggregates.connect(vertx, config.pgUrl(), 2, config.journalTimeoutMs());
    }
    UserTokens tokens = new UserTokens(vertx, config.users(), config.jwtSecret(), config.jwtTtlSeconds(), domain);
    int instances = guard.instances();
    gate = new Gate(
        KeyRing.configuredOnly(config.apiKeys()),
        tokens,
        new StreamTickets(vertx),
        // Each instance sees a share of a caller's connections: split the rate between them.
        new RateLimiter(guard.ratePerSecond() / instances, Math.max(1, guard.rateBurst() / instances)),
        new RateLimiter(guard.addressRatePerSecond(), Math.max(1, guard.addressRatePerSecond() * 2)),
        new OpenSockets(vertx),
        guard.allowedOrigins());

    Map<String, Map<String, Handler<RoutingContext>>> byDomain = new HashMap<>();
    for (String d : config.cluster().domains()) {
      byDomain.put(d, handlersFor(d, domains, tokens, config));
    }
    // Each request acts in its caller's domain; routes without a caller (sign-in, health) in the default one.
    Map<String, Handler<RoutingContext>> handlers = new HashMap<>();
    LoopLag lag = new LoopLag(vertx, guard.overloadLagMillis());
    this.lag = lag;
    for (String op : byDomain.get(domain).keySet()) {
      handlers.put(op, ctx -> {
        Principal p = ctx.get(Principal.CONTEXT_KEY);
        String target = p == null ? domain : p.domainOr(domain);
        Map<String, Handler<RoutingContext>> set = byDomain.get(target);
        if (set == null) {
          ctx.fail(ApiProblem.forbidden("this credential's routing domain " + target + " is not served by this deployment"));
          return;
        }
        set.get(op).handle(ctx);
      });
    }
    // This loop's share of the writer's backlog bound (or a generous one when that is off).
    int pendingMax = config.journal().maxPending();
    int ceiling = Math.max(FRONT_FLOOR, (pendingMax == 0 ? 4096 : pendingMax) / instances);
    FrontDoor front = new FrontDoor(new IntakeLimit(guard.overloadFrontMillis(), FRONT_FLOOR, ceiling), lag);

    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.httpHost())
        // RouterApp turns port 0 into one concrete free port before deploying the instances.
        .setPort(config.httpPort())
        .setMaxHeaderSize(16 * 1024)
        .setMaxInitialLineLength(8 * 1024)
        .setMaxFormAttributeSize(8 * 1024)
        // A connection silent for this long is closed; sockets and event streams are pinged more often.
        .setIdleTimeout(guard.idleTimeoutSeconds())
        .setMaxWebSocketMessageSize(64 * 1024)
        .setMaxWebSocketFrameSize(64 * 1024);
    if (guard.tls()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(guard.tlsCert()).setKeyPath(guard.tlsKey()));
    }
    return loadKeys(domains, config)
        .compose(v -> OpenAPIContract.from(vertx, OPENAPI))
        .map(contract -> ApiRoutes.build(vertx, contract, gate, config.bodyLimitBytes(), handlers,
            FRONT_INTAKE, front))
        .compose(router -> vertx.createHttpServer(options)
            .invalidRequestHandler(ApiVerticle::invalidRequest)
            .requestHandler(router)
            .listen())
        .onSuccess(s -> server = s);
  }

  /** One set of handlers per routing domain: each acts on its own domain's writer. */
  private Map<String, Handler<RoutingContext>> handlersFor(String domain, DomainClient domains, UserTokens tokens,
      RouterConfig config) {
    QueueHandler queues = new QueueHandler(domains, domain);
    AgentHandler agents = new AgentHandler(domains, domain);
    CalendarHandler calendars = new CalendarHandler(domains, domain);
    WebhookHandler webhooks = new WebhookHandler(vertx, domains, domain, config.requestTimeoutMs());
    CategoryHandler categories = new CategoryHandler(domains, domain);
    CatalogueHandler catalogues = new CatalogueHandler(domains, domain);
    ContactHandler contacts = new ContactHandler(domains, domain);
    CallHandler calls = new CallHandler(domains, domain);
    long pingMillis = config.guard().pingSeconds() * 1000L;
    AgentSocketHandler sockets = new AgentSocketHandler(vertx, domains, domain, gate, pingMillis);
    EventStreamHandler events = new EventStreamHandler(vertx, domains, domain, gate, pingMillis);
    BoardHandler boards = new BoardHandler(vertx, domains, domain, gate, pingMillis);
    HealthHandler health = new HealthHandler(vertx, domains, domain, config.durable(), config.cluster().nodeId());
    KeyHandler keys = new KeyHandler(domains, domain, config.domain(), () -> gate.ring());
    AuditHandler audit = new AuditHandler(domains, domain);
    BundleHandler bundles = new BundleHandler(domains, domain, auditKey);
    ServiceHandler service = new ServiceHandler(domains, domain);
    ComplaintHandler complaints = new ComplaintHandler(domains, domain);
    CaseHandler cases = new CaseHandler(domains, domain);
    ReportHandler reports = new ReportHandler(domains, domain, aggregates);

    Map<String, Handler<RoutingContext>> handlers = new HashMap<>();
    AuthHandler auth = new AuthHandler(tokens, gate, new SignInThrottle(vertx), domains, domain);
    handlers.put("listQueues", queues::listQueues);
    handlers.put("getQueue", queues::getQueue);
    handlers.put("putQueue", queues::putQueue);
    handlers.put("getQueueStats", queues::getQueueStats);
    handlers.put("listQueueContacts", queues::listQueueContacts);
    handlers.put("listCustomerContacts", contacts::listCustomerContacts);
    handlers.put("listCalendars", calendars::listCalendars);
    handlers.put("getCalendar", calendars::getCalendar);
    handlers.put("putCalendar", calendars::putCalendar);
    handlers.put("listWebhooks", webhooks::listWebhooks);
    handlers.put("getWebhook", webhooks::getWebhook);
    handlers.put("putWebhook", webhooks::putWebhook);
    handlers.put("deleteWebhook", webhooks::deleteWebhook);
    handlers.put("listWebhookDeliveries", webhooks::listDeliveries);
    handlers.put("listCategories", categories::listCategories);
    handlers.put("getCategory", categories::getCategory);
    handlers.put("putCategory", categories::putCategory);
    handlers.put("listCatalogues", catalogues::listCatalogues);
    handlers.put("getCatalogue", catalogues::getCatalogue);
    handlers.put("putCatalogue", catalogues::putCatalogue);
    handlers.put("listAgents", agents::listAgents);
    handlers.put("getAgent", agents::getAgent);
    handlers.put("putAgent", agents::putAgent);
    handlers.put("putAgentStatus", agents::putAgentStatus);
    handlers.put("agentSocket", sockets::agentSocket);
    handlers.put("createContact", contacts::createContact);
    handlers.put("getContact", contacts::getContact);
    handlers.put("getContactHistory", contacts::getContactHistory);
    handlers.put("erasePersonalData", contacts::erasePersonalData);
    handlers.put("exportAudit", audit::exportAudit);
    handlers.put("verifyAudit", audit::verifyAudit);
    handlers.put("exportAuditBundle", bundles::exportAuditBundle);
    handlers.put("getAuditSigningKey", bundles::getAuditSigningKey);
    handlers.put("abandonContact", contacts::abandonContact);
    handlers.put("transferContact", contacts::transferContact);
    handlers.put("completeContact", contacts::completeContact);
    handlers.put("acceptOffer", contacts::acceptOffer);
    handlers.put("rejectOffer", contacts::rejectOffer);
    handlers.put("getCall", calls::getCall);
    handlers.put("callRinging", calls::callRinging);
    handlers.put("callAnswered", calls::callAnswered);
    handlers.put("callNotAnswered", calls::callNotAnswered);
    handlers.put("callHangup", calls::callHangup);
    handlers.put("reconcileCalls", calls::reconcileCalls);
    handlers.put("eventStream", events::eventStream);
    handlers.put("getBoard", boards::getBoard);
    handlers.put("boardStream", boards::boardStream);
    handlers.put("health", health::health);
    handlers.put("healthLive", health::live);
    handlers.put("healthReady", health::ready);
    handlers.put("login", auth::login);
    handlers.put("issueStreamTicket", auth::issueStreamTicket);
    handlers.put("listKeys", keys::listKeys);
    handlers.put("issueKey", keys::issueKey);
    handlers.put("revokeKey", keys::revokeKey);
    handlers.put("rotateKey", keys::rotateKey);
    handlers.put("getRules", service::getRules);
    handlers.put("putRules", service::putRules);
    handlers.put("listFollowUps", service::listFollowUps);
    handlers.put("requestCallback", contacts::requestCallback);
    handlers.put("recordSurvey", contacts::recordSurvey);
    handlers.put("markMajor", contacts::markMajor);
    handlers.put("advanceStage", contacts::advanceStage);
    handlers.put("releaseHold", contacts::releaseHold);
    handlers.put("openComplaint", complaints::openComplaint);
    handlers.put("listComplaints", complaints::listComplaints);
    handlers.put("getComplaint", complaints::getComplaint);
    handlers.put("reopenComplaint", complaints::reopenComplaint);
    handlers.put("advanceComplaint", complaints::advanceComplaint);
    handlers.put("openCase", cases::openCase);
    handlers.put("listCases", cases::listCases);
    handlers.put("getCase", cases::getCase);
    handlers.put("advanceCase", cases::advanceCase);
    handlers.put("getQueueStaffing", queues::getQueueStaffing);
    handlers.put("getReport", reports::getReport);
    handlers.put("getCluster", new ClusterHandler(vertx, config.cluster().nodeId(), config.requestTimeoutMs())::getCluster);

    return handlers;
  }

  /**
   * A graceful stop: agent sockets and event streams are closed with 1012 (service restart, so
   * consoles and telephony clients reconnect, to any node), no new connection is accepted, and
   * requests already in progress get their answers (bounded by the shutdown timeout).
   */
  @Override
  public Future<?> stop() {
    if (lag != null) {
      lag.close(vertx);
    }
    if (gate != null) {
      gate.closeSockets("this node is stopping; reconnect");
    }
    Future<Void> closed = aggregates == null ? Future.succeededFuture() : aggregates.close();
    if (server == null) {
      return closed;
    }
    return server.shutdown(Math.max(1_000, shutdownMillis / 2), TimeUnit.MILLISECONDS).eventually(() -> closed);
  }

  /** The port actually bound (useful when configured as 0). */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  /** Each domain's run-time keys, as last announced. */
  private final Map<String, JsonArray> managedKeys = new HashMap<>();

  /** Takes every domain's run-time keys now, and every change a domain announces later. */
  private Future<Void> loadKeys(DomainClient domains, RouterConfig config) {
    List<Future<Void>> loads = new ArrayList<>();
    for (String domain : config.cluster().domains()) {
      vertx.eventBus().<JsonObject>consumer(Addresses.keys(domain), m -> {
        managedKeys.put(domain, m.body().getJsonArray("keys", new JsonArray()));
        gate.ring(new KeyRing(config.apiKeys(), Map.copyOf(managedKeys)));
      });
      loads.add(domains.ask(domain, new DomainQuery.ApiKeysQuery())
          .map(keys -> {
            managedKeys.putIfAbsent(domain, Requests.array(keys, ViewJson::apiKeyRecord));
            return (Void) null;
          })
          .recover(err -> {
            LOG.warn("run-time API keys of domain {} not loaded yet ({}); configured keys only until it announces them",
                domain, err.getMessage());
            return Future.succeededFuture();
          }));
    }
    return Future.all(loads).map(v -> {
      gate.ring(new KeyRing(config.apiKeys(), Map.copyOf(managedKeys)));
      return (Void) null;
    });
  }

  /**
   * Requests Netty could not even parse (a header or request line too long, a broken request):
   * answered with problem+json like every other error, then the connection is closed.
   */
  private static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpLineException ? 414
        : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    String detail = status == 414 ? "the request line is too long"
        : status == 431 ? "the request headers are too large" : "the request could not be parsed as HTTP";
    JsonObject problem = ProblemHandler.problem(status, status == 400 ? "malformed-request" : "too-large",
        status == 400 ? "Malformed request" : "Request too large", detail, null);
    request.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Connection", "close")
        .end(problem.encode())
        .onComplete(ar -> request.connection().close());
  }
}
