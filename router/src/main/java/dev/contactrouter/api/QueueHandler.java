package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ErlangC;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.QueueStats;
import io.vertx.core.Future;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.QueueContactsQuery;
import dev.contactrouter.engine.DomainQuery.QueueQuery;
import dev.contactrouter.engine.DomainQuery.QueueStatsQuery;
import dev.contactrouter.engine.DomainQuery.QueuesQuery;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import io.vertx.ext.web.RoutingContext;

/** Queues: an administrator's policy, a supervisor's figures. */
final class QueueHandler extends DomainHandler {
  QueueHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  void putQueue(RoutingContext ctx) {
    put(ctx, (actor, id, body) -> new Command.ConfigureQueue(actor, SpecJson.queue(id, body)));
  }

  void getQueue(RoutingContext ctx) {
    byId(ctx, "queue", QueueQuery::new, SpecJson::queue);
  }

  void listQueues(RoutingContext ctx) {
    list(ctx, new QueuesQuery(), SpecJson::queue);
  }

  void listQueueContacts(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    one(ctx, new QueueContactsQuery(id), "no queue '" + id + "'",
        list -> Requests.array(list.value(), c -> ViewJson.contact(c, list.now())));
  }

  void getQueueStats(RoutingContext ctx) {
    byId(ctx, "queue", QueueStatsQuery::new, ViewJson::queueStats);
  }

  /**
   * Staffing for a queue: with a forecast ({@code arrivalsPerHour}, optionally {@code
   * handleSeconds}), the Erlang C estimate of agents needed for the queue's service-level target
   * and how the agents logged in now would do; always, the live queue's predicted wait for the
   * next arrival (its place in line times the handling time, over the agents logged in).
   */
  void getQueueStaffing(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Future<Optional<QueueSpec>> queue = domains.ask(domain, new QueueQuery(id));
    Future<Optional<QueueStats>> stats = domains.ask(domain, new QueueStatsQuery(id));
    Future.all(queue, stats)
        .onSuccess(all -> {
          if (queue.result().isEmpty() || stats.result().isEmpty()) {
            ctx.fail(ApiProblem.notFound("no queue '" + id + "'"));
            return;
          }
          Requests.json(ctx, 200, staffing(ctx, SpecJson.queue(queue.result().get()),
              ViewJson.queueStats(stats.result().get())));
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject staffing(RoutingContext ctx, JsonObject queue, JsonObject stats) {
    JsonObject sla = queue.getJsonObject("sla");
    double target = number(ctx, "targetPercent", sla == null ? 80 : sla.getInteger("targetPercent", 80));
    double within = number(ctx, "answerWithinSeconds", sla == null ? 20 : sla.getInteger("answerWithinSeconds", 20));
    double measured = stats.getLong("completed", 0L) >= 10 ? stats.getDouble("averageHandleSeconds", 0.0) : 0;
    double handle = number(ctx, "handleSeconds", measured > 0 ? measured : queue.getInteger("expectedHandleSeconds", 180));
    JsonObject agents = stats.getJsonObject("agents", new JsonObject());
    int staffed = 0;
    for (String state : agents.fieldNames()) {
      if (!"offline".equals(state)) {
        staffed += agents.getInteger(state, 0);
      }
    }
    int waiting = stats.getInteger("waiting", 0);
    JsonObject live = new JsonObject().put("waiting", waiting).put("staffed", staffed)
        .put("handleSeconds", round(handle))
        .put("predictedWaitSeconds", staffed == 0 ? null : (int) Math.ceil((waiting + 1) * handle / staffed));
    JsonObject out = new JsonObject().put("queue", queue.getString("id"))
        .put("targetPercent", target).put("answerWithinSeconds", within).put("handleSeconds", round(handle))
        .put("live", live);
    String rate = ctx.queryParams().get("arrivalsPerHour");
    if (rate == null) {
      return out;
    }
    double arrivals = Double.parseDouble(rate);
    double traffic = ErlangC.traffic(arrivals, handle);
    int needed = ErlangC.agentsFor(traffic, handle, target / 100.0, within);
    JsonObject forecast = new JsonObject().put("arrivalsPerHour", arrivals).put("trafficErlangs", round(traffic))
        .put("agentsNeeded", needed)
        .put("serviceLevel", round(100 * ErlangC.serviceLevel(needed, traffic, handle, within)))
        .put("averageSpeedOfAnswerSeconds", finite(ErlangC.averageSpeedOfAnswer(needed, traffic, handle)))
        .put("occupancyPercent", needed == 0 ? 0 : round(100 * traffic / needed));
    JsonObject now = new JsonObject().put("agents", staffed)
        .put("probabilityOfWaiting", round(ErlangC.probabilityOfWaiting(staffed, traffic)))
        .put("serviceLevel", round(100 * ErlangC.serviceLevel(staffed, traffic, handle, within)))
        .put("averageSpeedOfAnswerSeconds", finite(ErlangC.averageSpeedOfAnswer(staffed, traffic, handle)))
        .put("shortBy", Math.max(0, needed - staffed));
    return out.put("forecast", forecast).put("withStaffedNow", now);
  }

  private static double number(RoutingContext ctx, String name, double otherwise) {
    String v = ctx.queryParams().get(name);
    return v == null || v.isEmpty() ? otherwise : Double.parseDouble(v);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? round(v) : null;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
