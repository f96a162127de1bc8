package dev.contactrouter.demo;

import dev.contactrouter.config.ApiKey;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A securities contact centre in motion, for trying the engine out. It is an ordinary client:
 * it configures queues and agents with an admin key, pushes contacts with a telephony key, and
 * plays each agent through that agent's own key and WebSocket, exactly as real clients do.
 * Nothing in the engine knows it exists. A robot steps back while a person has the same agent's
 * console open (the engine tells each agent's sockets how many consoles it has open) and takes
 * the agent back, available, when that console closes.
 */
public final class DemoVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DemoVerticle.class);
  private static final String ADMIN = "admin";
  private static final String TELEPHONY = "telephony";
  private static final String SUPERVISOR = "supervisor";

  private final int port;
  private final Map<String, String> keysByRole = new HashMap<>();
  private final double ratePerSecond;
  private final Random random = new Random();
  private WebClient http;
  private WebSocketClient sockets;
  private final List<WebSocket> open = new ArrayList<>();
  /** Consoles each agent has open, the robot's own included, as the engine last told it. */
  private final Map<String, Integer> consoles = new HashMap<>();
  private int contactsPushed;

  public DemoVerticle(int port, List<ApiKey> keys, double ratePerSecond) {
    this.port = port;
    this.ratePerSecond = ratePerSecond;
    for (ApiKey k : keys) {
      keysByRole.putIfAbsent(k.roleSpec(), k.key());
    }
  }

  /** Keys the demo needs: an admin, a telephony system, a supervisor, its branch's board, and each simulated agent. */
  public static List<ApiKey> keys(Supplier<String> newKey) {
    List<ApiKey> keys = new ArrayList<>();
    keys.add(ApiKey.parse(newKey.get() + "=" + ADMIN));
    keys.add(ApiKey.parse(newKey.get() + "=" + TELEPHONY));
    keys.add(ApiKey.parse(newKey.get() + "=" + SUPERVISOR));
    keys.add(ApiKey.parse(newKey.get() + "=board:" + DemoCentre.BRANCH_SITE));
    for (DemoCentre.AgentDef a : DemoCentre.AGENTS) {
      keys.add(ApiKey.parse(newKey.get() + "=agent:" + a.id()));
    }
    return keys;
  }

  /** The simulated agents' ids, for the demo's console users. */
  public static List<String> agentIds() {
    return DemoCentre.AGENTS.stream().map(DemoCentre.AgentDef::id).toList();
  }

  @Override
  public Future<?> start() {
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    sockets = vertx.createWebSocketClient();
    return configure()
        .compose(v -> Future.all(DemoCentre.AGENTS.stream().map(this::playAgent).toList()))
        .onSuccess(v -> {
          LOG.info("demo: {} queues, {} agents, about {} contacts/s", DemoCentre.QUEUES.size(),
              DemoCentre.AGENTS.size(), ratePerSecond);
          scheduleNextContact();
          vertx.setPeriodic(30_000, id -> report());
        });
  }

  @Override
  public Future<?> stop() {
    open.forEach(ws -> ws.close());
    return Future.succeededFuture();
  }

  private Future<Void> configure() {
    List<Future<?>> puts = new ArrayList<>();
    for (DemoCentre.QueueDef q : DemoCentre.QUEUES) {
      puts.add(call(HttpMethod.PUT, "/v1/queues/" + q.id(), ADMIN, q.body()));
    }
    for (DemoCentre.QueueDef q : DemoCentre.SERVICE_QUEUES) {
      puts.add(call(HttpMethod.PUT, "/v1/queues/" + q.id(), ADMIN, q.body()));
    }
    for (DemoCentre.AgentDef a : DemoCentre.AGENTS) {
      puts.add(call(HttpMethod.PUT, "/v1/agents/" + a.id(), ADMIN, a.body()));
    }
    puts.add(call(HttpMethod.PUT, "/v1/catalogues/not-ready-reasons", ADMIN, DemoCentre.notReadyReasons()));
    puts.add(call(HttpMethod.PUT, "/v1/catalogues/dispositions", ADMIN, DemoCentre.dispositions()));
    return Future.all(puts).compose(v -> call(HttpMethod.PUT, "/v1/rules", ADMIN, DemoCentre.rules())).mapEmpty();
  }

  // ------------------------------------------------------------ traffic

  private void scheduleNextContact() {
    if (ratePerSecond <= 0) {
      return;
    }
    long gap = Math.max(1, (long) (exponential(1.0 / ratePerSecond) * 1000));
    vertx.setTimer(gap, id -> {
      pushContact();
      scheduleNextContact();
    });
  }

  private void pushContact() {
    DemoCentre.QueueDef queue = pickQueue();
    int n = ++contactsPushed;
    JsonObject customer = DemoCentre.customer(n, random.nextDouble(), random.nextDouble());
    String channel = queue.body().getString("channel", random.nextDouble() < 0.55 ? "voice" : "chat");
    JsonObject contact = new JsonObject()
        .put("channel", channel)
        .put("queue", queue.id())
        .put("skills", new JsonObject().put(DemoCentre.language(random.nextDouble()), 3))
        .put("priority", DemoCentre.tierPriority(customer.getString("tier")))
        .put("customer", customer)
        // A branch customer holds a ticket number, which the branch board calls.
        .put("externalId", "branch".equals(channel) ? "A" + (100 + n) : "demo-" + n)
        .put("attributes", new JsonObject().put("source", "demo"));
    if (queue.body().containsKey("site")) {
      contact.put("site", queue.body().getString("site"));
    }
    if (queue.id().equals("funds") && random.nextDouble() < 0.4) {
      // A product query: only investment advisers answer it, and only if the product suits the customer.
      contact.put("product", DemoCentre.PRODUCTS.get(random.nextInt(DemoCentre.PRODUCTS.size())))
          .put("requiredLicences", new io.vertx.core.json.JsonArray().add("investment_adviser"));
    }
    call(HttpMethod.POST, "/v1/contacts", TELEPHONY, contact).onSuccess(created -> {
      // A caller who is still waiting after their patience runs out hangs up.
      long patience = (long) (exponential(90) * 1000);
      String id = created.getString("id");
      vertx.setTimer(Math.max(1000, patience), t -> call(HttpMethod.POST, "/v1/contacts/" + id + "/abandon", TELEPHONY, null)
          .onFailure(err -> { /* answered by then: nothing to abandon */ }));
    });
  }

  private DemoCentre.QueueDef pickQueue() {
    double u = random.nextDouble();
    for (DemoCentre.QueueDef q : DemoCentre.QUEUES) {
      u -= q.share();
      if (u <= 0) {
        return q;
      }
    }
    return DemoCentre.QUEUES.get(0);
  }

  // ------------------------------------------------------------ agents

  private Future<Void> playAgent(DemoCentre.AgentDef agent) {
    String role = "agent:" + agent.id();
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port)
        .setURI("/v1/agents/" + agent.id() + "/ws")
        .addHeader("Authorization", "Bearer " + keysByRole.get(role));
    return sockets.connect(options).compose(ws -> {
      open.add(ws);
      ws.textMessageHandler(text -> onAgentMessage(agent.id(), role, new JsonObject(text)));
      return call(HttpMethod.PUT, "/v1/agents/" + agent.id() + "/status", role,
          new JsonObject().put("status", "available")).mapEmpty();
    });
  }

  /**
   * Whether a person has the agent's console open besides the robot: then the robot leaves every
   * offer, contact and status of that agent to them.
   */
  private boolean personAt(String agentId) {
    return consoles.getOrDefault(agentId, 1) > 1;
  }

  private void onAgentMessage(String agentId, String role, JsonObject msg) {
    String type = msg.getString("type", "");
    if ("consoles".equals(type)) {
      boolean wasPerson = personAt(agentId);
      consoles.put(agentId, msg.getInteger("open", 1));
      if (wasPerson != personAt(agentId)) {
        LOG.info("demo: agent {} is {}", agentId, wasPerson
            ? "back with the robot (its console closed)" : "worked from a console: the robot steps back");
      }
      if (wasPerson && !personAt(agentId)) {
        // The person left: the robot takes the agent back, ready for work.
        call(HttpMethod.PUT, "/v1/agents/" + agentId + "/status", role, new JsonObject().put("status", "available"))
            .onFailure(err -> { });
      }
      return;
    }
    if (personAt(agentId)) {
      return;
    }
    switch (type) {
      case "offer" -> {
        String offerId = msg.getString("offerId");
        double u = random.nextDouble();
        long think = 500 + (long) (random.nextDouble() * 2500);
        if (u < 0.92) {
          later(agentId, think, () -> call(HttpMethod.POST, "/v1/offers/" + offerId + "/accept", role, null)
              .onFailure(err -> { /* the caller hung up meanwhile */ }));
        } else if (u < 0.97) {
          later(agentId, think, () -> call(HttpMethod.POST, "/v1/offers/" + offerId + "/reject", role,
              new JsonObject().put("reason", "busy-with-follow-up")).onFailure(err -> { }));
        }
        // else: the agent misses it; the offer times out and the agent goes not ready
      }
      case "assigned" -> {
        JsonObject contact = msg.getJsonObject("contact");
        double mean = DemoCentre.QUEUES.stream().filter(q -> q.id().equals(contact.getString("queue")))
            .findFirst().map(DemoCentre.QueueDef::meanHandleSeconds).orElse(30.0);
        long handle = Math.max(2000, (long) (exponential(mean) * 1000));
        String caseId = contact.getJsonObject("attributes", new JsonObject()).getString("caseId");
        if (caseId != null) {
          later(agentId, handle, () -> workCase(role, caseId, contact.getJsonObject("attributes").getString("caseStage")));
          return;
        }
        if ("stocks".equals(contact.getString("queue")) && random.nextDouble() < 0.05) {
          // An occasional complaint, opened by the agent from the call it holds.
          call(HttpMethod.POST, "/v1/complaints", role, new JsonObject().put("contactId", contact.getString("id"))
              .put("summary", "order executed at a worse price than quoted").put("class", "trade_exception"))
              .onFailure(err -> { });
        }
        boolean held = contact.getJsonObject("routing", new JsonObject()).getBoolean("held", false);
        boolean sale = contact.containsKey("product") && !held && random.nextDouble() < 0.5;
        later(agentId, handle, () -> call(HttpMethod.POST, "/v1/contacts/" + contact.getString("id") + "/complete", role,
            new JsonObject().put("disposition", sale ? "sale" : random.nextDouble() < 0.85 ? "resolved" : "follow-up")
                .put("notes", "demo call handled by " + agentId))
            .onSuccess(done -> survey(contact.getString("id")))
            .onFailure(err -> { }));
      }
      case "state" -> {
        JsonObject agent = msg.getJsonObject("agent");
        if ("not_ready".equals(agent.getString("status")) && "missed-offer".equals(agent.getString("reason"))) {
          later(agentId, 5000, () -> call(HttpMethod.PUT, "/v1/agents/" + agentId + "/status", role,
              new JsonObject().put("status", "available")).onFailure(err -> { }));
        }
      }
      default -> { }
    }
  }

  /** Runs the robot's move after {@code millis}, unless a person has taken the agent's console meanwhile. */
  private void later(String agentId, long millis, Runnable move) {
    vertx.setTimer(millis, t -> {
      if (!personAt(agentId)) {
        move.run();
      }
    });
  }

  /** An agent takes the next step of the complaint case whose work item it holds. */
  private void workCase(String role, String caseId, String stage) {
    JsonObject body;
    String step;
    switch (stage) {
      case "intake" -> {
        step = "classify";
        body = new JsonObject().put("class", random.nextDouble() < 0.5 ? "trade_exception" : "service_attitude")
            .put("note", "acknowledged and classified");
      }
      case "investigation" -> {
        step = "investigate";
        body = new JsonObject().put("note", "order log checked; price slippage within the rules");
      }
      case "result" -> {
        step = "result";
        body = new JsonObject().put("note", "explained the execution and the fee refund");
      }
      default -> {
        step = "feedback";
        body = new JsonObject().put("satisfied", random.nextDouble() < 0.8).put("note", "customer reached by phone");
      }
    }
    call(HttpMethod.POST, "/v1/complaints/" + caseId + "/" + step, role, body)
        .compose(k -> "feedback".equals(step)
            ? call(HttpMethod.POST, "/v1/complaints/" + caseId + "/close", role, new JsonObject())
            : Future.succeededFuture(k))
        .onFailure(err -> LOG.debug("demo case {}: {}", caseId, err.getMessage()));
  }

  /** About a third of customers answer the post-contact survey. */
  private void survey(String contactId) {
    if (random.nextDouble() >= 0.35) {
      return;
    }
    int csat = random.nextDouble() < 0.85 ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
    int nps = Math.min(10, Math.max(0, csat * 2 + random.nextInt(3) - 1));
    call(HttpMethod.POST, "/v1/contacts/" + contactId + "/survey", SUPERVISOR,
        new JsonObject().put("csat", csat).put("nps", nps)).onFailure(err -> { });
  }

  private void report() {
    for (DemoCentre.QueueDef q : DemoCentre.QUEUES) {
      call(HttpMethod.GET, "/v1/queues/" + q.id() + "/stats", ADMIN, null).onSuccess(s ->
          LOG.info("demo {}: waiting {} ringing {} answered {} abandoned {} longest wait {}s", q.id(),
              s.getInteger("waiting"), s.getInteger("ringing"), s.getLong("answered"), s.getLong("abandoned"),
              s.getDouble("longestWaitSeconds")));
    }
  }

  // ------------------------------------------------------------ helpers

  private Future<JsonObject> call(HttpMethod method, String path, String role, JsonObject body) {
    var request = http.request(method, path).putHeader("Authorization", "Bearer " + keysByRole.get(role));
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent.compose(r -> r.statusCode() < 300
        ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture(method + " " + path + " -> " + r.statusCode() + " " + r.bodyAsString()));
  }

  private double exponential(double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }
}
