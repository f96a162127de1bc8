package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.AgingBound;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ErlangC;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.QueueStats;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.QueueAgingQuery;
import dev.contactrouter.engine.DomainQuery.QueueContactsQuery;
import dev.contactrouter.engine.DomainQuery.QueueQuery;
import dev.contactrouter.engine.DomainQuery.QueueStatsQuery;
import dev.contactrouter.engine.DomainQuery.QueuesQuery;
import dev.contactrouter.engine.DomainQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Queues: an administrator's policy, a supervisor's figures. */
final class QueueHandler extends DomainHandler {
  QueueHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  void putQueue(RoutingContext ctx) {
    put(ctx, (actor, id, body) -> new Command.ConfigureQueue(actor, SpecJson.queue(id, strictPriorityChosen(body))));
  }

  /**
   * A queue without aging lets its lowest priorities wait forever while higher ones keep
   * arriving, so an aging rate of 0 is taken only from an administrator who says so.
   */
  private static JsonObject strictPriorityChosen(JsonObject body) {
    Number rate = body.getNumber("agingRate");
    if (rate != null && rate.doubleValue() == 0 && !body.getBoolean("strictPriority", false)) {
      throw ApiProblem.badRequest("agingRate 0 removes the starvation bound: a low-priority contact may wait forever "
          + "while higher-priority ones keep arriving; send \"strictPriority\": true to accept that, or a rate above 0 "
          + "(the default 0.5 lets no contact be passed over by one arriving more than 300 s after it)", "/agingRate");
    }
    if (body.getBoolean("strictPriority", false) && rate != null && rate.doubleValue() != 0) {
      throw ApiProblem.badRequest("strictPriority means agingRate 0; this queue sends agingRate " + rate, "/strictPriority");
    }
    return body;
  }

  /** The queue's policy with the starvation bound its aging rate gives (read-only: a PUT ignores it). */
  void getQueue(RoutingContext ctx) {
    withSpec(ctx, QueueAgingQuery::new, (queue, aging) -> withAging(SpecJson.queue(queue), aging));
  }

  /**
   * GET of the path's queue with a second answer about it: 200 with both rendered, or 404 when
   * either is missing (the queue is gone).
   */
  private <T> void withSpec(RoutingContext ctx, Function<String, DomainQuery<Optional<T>>> second,
      BiFunction<QueueSpec, T, JsonObject> render) {
    String id = ctx.pathParam("id");
    Future<Optional<QueueSpec>> queue = domains.ask(domain, new QueueQuery(id));
    Future<Optional<T>> other = domains.ask(domain, second.apply(id));
    Future.all(queue, other)
        .onSuccess(all -> {
          if (queue.result().isEmpty() || other.result().isEmpty()) {
            ctx.fail(ApiProblem.notFound("no queue '" + id + "'"));
            return;
          }
          Requests.json(ctx, 200, render.apply(queue.result().get(), other.result().get()));
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject withAging(JsonObject queue, AgingBound bound) {
    JsonObject aging = new JsonObject()
        .put("ratePerSecond", bound.agingRate())
        .put("largestPriorityGap", bound.largestPriorityGap());
    if (bound.passedOverSeconds() != null) {
      aging.put("passedOverAtMostSeconds", (long) Math.ceil(bound.passedOverSeconds()))
          .put("guarantee", "no contact arriving more than " + (long) Math.ceil(bound.passedOverSeconds())
              + " s after another in this queue is offered before it");
    } else {
      queue.put("strictPriority", true);
      aging.put("guarantee", "none: strict priority, a low-priority contact may wait as long as higher ones keep arriving");
    }
    return queue.put("aging", aging);
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
    withSpec(ctx, QueueStatsQuery::new,
        (queue, stats) -> staffing(ctx, SpecJson.queue(queue), ViewJson.queueStats(stats)));
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
