package dev.contactrouter.api;

import dev.contactrouter.codec.ReportJson;
import dev.contactrouter.core.CodeReport;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.Reports;
import dev.contactrouter.core.StageReport;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.StoredPageQuery;
import dev.contactrouter.store.PgReportAggregates;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports folded from the domain's journal (its committed events as stored, read page by page
 * through the writer's journal query and decoded in their stored format) by the core's {@link
 * Reports}, {@link StageReport} and {@link CodeReport}, here on the API's event loop rather than
 * on the writer's: queues per interval, agents, complaints, the headline figures, the service
 * stages, and not-ready time and completed contacts by reason and disposition, as JSON or CSV.
 *
 * <p>With PostgreSQL, queue, agent, complaint, account and headline reports are summed from the aggregates
 * ({@link PgReportAggregates}: per 15-minute interval, kept up by the report follower) and only the
 * journal after the aggregates' position is folded, so a year answers as fast as a day; the numbers
 * are the fold's to the digit. A period that does not start on a 15-minute edge, a threshold the
 * aggregates do not count, the stage and code reports and the embedded mode
 * fold the whole journal as before.
 */
final class ReportHandler extends DomainHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReportHandler.class);
  static final int PAGE = 5_000;
  private static final long DAY = 24 * 3600_000L;

  /** Says where a report came from: {@code aggregates;seq=N} (summed up to event N, the rest folded) or {@code journal}. */
  static final String SOURCE_HEADER = "X-Report-Source";

  private final PgReportAggregates aggregates;

  /** @param aggregates the reports' aggregates in PostgreSQL, or null (embedded: every report folds the journal) */
  ReportHandler(DomainClient domains, String domain, PgReportAggregates aggregates) {
    super(domains, domain);
    this.aggregates = aggregates;
  }

  void getReport(RoutingContext ctx) {
    Supplier<Reports> reports;
    StageReport stages;
    CodeReport codes;
    Optional<PgReportAggregates.Period> period;
    String kind = ctx.pathParam("kind");
    try {
      long now = System.currentTimeMillis();
      // Up to and including now (the period's end is exclusive): an event decided in this very
      // millisecond, just before the request, is in, as in the audit export.
      long to = instant(ctx, "to", now + 1);
      // By default the last 24 hours, from the 15-minute edge at or before: a period the
      // aggregates answer (the console asks for this one).
      long from = instant(ctx, "from", Math.floorDiv(to - DAY, PgReportAggregates.INTERVAL_MILLIS)
          * PgReportAggregates.INTERVAL_MILLIS);
      if (from >= to) {
        throw ApiProblem.badRequest("from must be before to", "from");
      }
      Reports.Interval interval = Reports.Interval.fromWire(param(ctx, "interval", "hour")).orElseThrow();
      ZoneId zone;
      try {
        zone = ZoneId.of(param(ctx, "timeZone", "UTC"));
      } catch (DateTimeException e) {
        throw ApiProblem.badRequest("unknown time zone", "timeZone");
      }
      int slaSeconds = Integer.parseInt(param(ctx, "slaSeconds", "20"));
      reports = () -> new Reports(from, to, interval, zone, slaSeconds, now, null);
      period = aggregates == null ? Optional.empty()
          : PgReportAggregates.period(reports.get(), from, to, slaSeconds);
      stages = new StageReport(from, to, now);
      codes = new CodeReport(from, to, now);
    } catch (ApiProblem e) {
      ctx.fail(e);
      return;
    }
    boolean csv = "csv".equals(param(ctx, "format", "json"));
    if ("stages".equals(kind)) {
      fold(stages::accept, 0)
          .onSuccess(v -> send(ctx, csv, ReportJson.stages(stages.rows()), csv ? ReportJson.stagesCsv(stages.rows()) : null))
          .onFailure(ctx::fail);
      return;
    }
    if ("codes".equals(kind)) {
      fold(codes::accept, 0)
          .onSuccess(v -> {
            JsonObject json = ReportJson.codes(codes.report());
            send(ctx, csv, json, csv ? ReportJson.codesCsv(codes.report()) : null);
          })
          .onFailure(ctx::fail);
      return;
    }
    period.map(p -> aggregated(reports, p))
        .orElseGet(() -> folded(reports))
        .onSuccess(r -> {
          ctx.response().putHeader(SOURCE_HEADER, r.source());
          respond(ctx, kind, r.reports(), csv);
        })
        .onFailure(ctx::fail);
  }

  private record Answer(Reports reports, String source) {}

  /**
   * The period's figures summed from the aggregates, then the journal after their position folded
   * in; if the period ends inside an interval the aggregates already counted past its end, or they
   * cannot be read, the whole journal folded.
   */
  private Future<Answer> aggregated(Supplier<Reports> fresh, PgReportAggregates.Period period) {
    Reports r = fresh.get();
    return aggregates.read(domain, period, r)
        .compose(position -> {
          if (!period.answeredAt(position)) {
            return folded(fresh);
          }
          return fold(r::accept, position.seq()).map(v -> new Answer(r, "aggregates;seq=" + position.seq()));
        }, err -> {
          LOG.warn("domain {}: report aggregates cannot be read, folding the journal: {}", domain, err.getMessage());
          return folded(fresh);
        });
  }

  private Future<Answer> folded(Supplier<Reports> fresh) {
    Reports r = fresh.get();
    return fold(r::accept, 0).map(v -> new Answer(r, "journal"));
  }

  /** Reads the journal after {@code after} page by page into the fold. */
  private Future<Void> fold(Consumer<Recorded> fold, long after) {
    // Stored text, decoded here on the API's event loop rather than on the writer's.
    return domains.ask(domain, new StoredPageQuery(after, PAGE)).compose(page -> {
      long last = after;
      for (StoredEvent e : page) {
        fold.accept(e.recorded());
        last = e.seq();
      }
      return page.size() < PAGE ? Future.succeededFuture() : fold(fold, last);
    });
  }

  private static void respond(RoutingContext ctx, String kind, Reports r, boolean csv) {
    switch (kind) {
      case "queues" -> send(ctx, csv, ReportJson.queues(r.queues()), csv ? ReportJson.queuesCsv(r.queues()) : null);
      case "agents" -> send(ctx, csv, ReportJson.agents(r.agents()), csv ? ReportJson.agentsCsv(r.agents()) : null);
      case "complaints" -> {
        JsonObject json = ReportJson.complaints(r.complaints());
        send(ctx, csv, json, csv ? ReportJson.objectCsv(json) : null);
      }
      case "accounts" -> {
        JsonObject json = ReportJson.accounts(r.accounts());
        send(ctx, csv, json, csv ? ReportJson.objectCsv(json) : null);
      }
      default -> {
        JsonObject json = ReportJson.headline(r);
        send(ctx, csv, json, csv ? ReportJson.objectCsv(json) : null);
      }
    }
  }

  private static void send(RoutingContext ctx, boolean csv, Object json, String text) {
    if (csv) {
      ctx.response().setStatusCode(200).putHeader("Content-Type", "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"report-" + ctx.pathParam("kind") + ".csv\"")
          .end(text);
    } else if (json instanceof JsonArray array) {
      Requests.json(ctx, 200, array);
    } else {
      Requests.json(ctx, 200, (JsonObject) json);
    }
  }

  private static String param(RoutingContext ctx, String name, String otherwise) {
    String v = ctx.queryParams().get(name);
    return v == null || v.isEmpty() ? otherwise : v;
  }

  private static long instant(RoutingContext ctx, String name, long otherwise) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isEmpty()) {
      return otherwise;
    }
    try {
      return Instant.parse(v).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest("not an instant (e.g. 2025-01-06T00:00:00Z)", name);
    }
  }
}
