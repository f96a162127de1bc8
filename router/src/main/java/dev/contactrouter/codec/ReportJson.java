package dev.contactrouter.codec;

import static dev.contactrouter.codec.SpecJson.instant;

import dev.contactrouter.core.AccountOpeningReport;
import dev.contactrouter.core.CodeReport;
import dev.contactrouter.core.Reports;
import dev.contactrouter.core.StageReport;
import dev.contactrouter.core.Targets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reports as JSON and as CSV (one header line, then one line per row; RFC 4180 quoting). */
public final class ReportJson {
  private ReportJson() {}

  public static final List<String> QUEUE_COLUMNS = List.of("queue", "intervalStart", "intervalEnd", "offered",
      "answered", "abandoned", "transferredOut", "answeredWithinTarget", "serviceLevel", "averageSpeedOfAnswerSeconds",
      "averageHandleSeconds", "longestWaitSeconds", "surveys", "csatAverage", "nps");

  public static final List<String> AGENT_COLUMNS = List.of("agentId", "handled", "handleSeconds",
      "averageHandleSeconds", "offers", "accepted", "averageResponseSeconds", "answerRate", "surveys", "csatAverage",
      "nps", "satisfaction", "responseSpeed", "volume", "answerRateScore", "score");

  public static final List<String> STAGE_COLUMNS = List.of("stage", "entered", "left", "averageSeconds", "p90Seconds",
      "current", "oldestContactId", "oldestEnteredAt", "oldestSeconds");

  public static JsonArray queues(List<Reports.QueueRow> rows) {
    JsonArray out = new JsonArray();
    for (Reports.QueueRow r : rows) {
      out.add(new JsonObject().put("queue", r.queue()).put("intervalStart", instant(r.intervalStart()))
          .put("intervalEnd", instant(r.intervalEnd())).put("offered", r.offered()).put("answered", r.answered())
          .put("abandoned", r.abandoned()).put("transferredOut", r.transferredOut())
          .put("answeredWithinTarget", r.answeredWithinTarget()).put("serviceLevel", r.serviceLevel())
          .put("averageSpeedOfAnswerSeconds", r.averageSpeedOfAnswerSeconds())
          .put("averageHandleSeconds", r.averageHandleSeconds()).put("longestWaitSeconds", r.longestWaitSeconds())
          .put("surveys", r.surveys()).put("csatAverage", r.csatAverage()).put("nps", r.nps()));
    }
    return out;
  }

  public static JsonArray agents(List<Reports.AgentRow> rows) {
    JsonArray out = new JsonArray();
    for (Reports.AgentRow r : rows) {
      JsonObject components = new JsonObject();
      r.components().forEach(components::put);
      out.add(new JsonObject().put("agentId", r.agentId()).put("handled", r.handled())
          .put("handleSeconds", r.handleSeconds()).put("averageHandleSeconds", r.averageHandleSeconds())
          .put("offers", r.offers()).put("accepted", r.accepted())
          .put("averageResponseSeconds", r.averageResponseSeconds()).put("answerRate", r.answerRate())
          .put("surveys", r.surveys()).put("csatAverage", r.csatAverage()).put("nps", r.nps())
          .put("components", components).put("score", r.score()));
    }
    return out;
  }

  public static JsonObject complaints(Reports.ComplaintSummary c) {
    JsonObject byClass = new JsonObject();
    c.byClass().forEach(byClass::put);
    JsonObject bySeverity = new JsonObject();
    c.bySeverity().forEach(bySeverity::put);
    return new JsonObject().put("opened", c.opened()).put("closed", c.closed()).put("open", c.open())
        .put("byClass", byClass).put("bySeverity", bySeverity).put("withResult", c.withResult())
        .put("averageHandlingHours", c.averageHandlingHours()).put("averageClosureHours", c.averageClosureHours())
        .put("withinDeadline", c.withinDeadline()).put("withinDeadlinePercent", c.withinDeadlinePercent())
        .put("breachedOpen", c.breachedOpen()).put("handling", handling(c.handling())).put("reopened", c.reopened());
  }

  private static JsonObject handling(Reports.Handling h) {
    return new JsonObject().put("cases", h.cases()).put("within48h", h.within48h()).put("share", h.share())
        .put("averageHours", h.averageHours()).put("p90Hours", h.p90Hours())
        .put("overdueWithoutResult", h.overdueWithoutResult());
  }

  /** {@code GET /v1/reports/accounts}: account-opening cases received in the period. */
  public static JsonObject accounts(AccountOpeningReport.Summary a) {
    return new JsonObject().put("opened", a.opened()).put("active", a.active()).put("open", a.open())
        .put("averageWorkingDays", a.averageWorkingDays()).put("withinLimit", a.withinLimit())
        .put("withinLimitPercent", a.withinLimitPercent()).put("overdueOpen", a.overdueOpen())
        .put("limitWorkingDays", a.limitWorkingDays()).put("currentAverageDays", a.currentAverageDays());
  }

  /** The headline figures, with account opening's, and the manual's targets beside them. */
  public static JsonObject headline(Reports r) {
    AccountOpeningReport.Summary a = r.accounts();
    JsonArray targets = new JsonArray();
    for (Targets.Target t : Targets.of(r)) {
      JsonObject json = new JsonObject().put("name", t.name()).put("target", t.target())
          .put("comparison", t.atLeast() ? "at_least" : "at_most").put("unit", t.unit()).put("actual", t.actual())
          .put("met", t.met());
      if (t.baseline() != null) {
        json.put("baseline", t.baseline());
      }
      targets.add(json);
    }
    return headline(r.headline()).put("accountsOpened", a.opened())
        .put("accountOpeningWorkingDays", a.averageWorkingDays()).put("targets", targets);
  }

  public static JsonObject headline(Reports.Headline h) {
    return new JsonObject().put("offered", h.offered()).put("answered", h.answered()).put("abandoned", h.abandoned())
        .put("serviceLevel", h.serviceLevel()).put("surveys", h.surveys())
        .put("satisfactionIndex", h.satisfactionIndex()).put("csatAverage", h.csatAverage()).put("nps", h.nps())
        .put("averageResponseSeconds", h.averageResponseSeconds())
        .put("averageHandleSeconds", h.averageHandleSeconds()).put("complaintsOpened", h.complaintsOpened())
        .put("complaintHandlingHours", h.complaintHandlingHours());
  }

  /** CSV of the queue rows. */
  /** Time in each service stage and where contacts stall: one object per stage, in the manual's order. */
  public static JsonArray stages(List<StageReport.Row> rows) {
    JsonArray out = new JsonArray();
    for (StageReport.Row r : rows) {
      out.add(new JsonObject().put("stage", r.stage().wire()).put("entered", r.entered()).put("left", r.left())
          .put("averageSeconds", r.averageSeconds()).put("p90Seconds", r.p90Seconds()).put("current", r.current())
          .put("oldestContactId", r.oldestContactId()).put("oldestEnteredAt", instant(r.oldestEnteredAt()))
          .put("oldestSeconds", r.oldestSeconds()));
    }
    return out;
  }

  public static String stagesCsv(List<StageReport.Row> rows) {
    return arrayCsv(STAGE_COLUMNS, stages(rows));
  }

  public static String queuesCsv(List<Reports.QueueRow> rows) {
    return arrayCsv(QUEUE_COLUMNS, queues(rows));
  }

  /** One line per object of {@code rows}, its {@code columns} in order. */
  private static String arrayCsv(List<String> columns, JsonArray rows) {
    StringBuilder out = line(new StringBuilder(), new ArrayList<>(columns));
    for (JsonObject r : rows.stream().map(o -> (JsonObject) o).toList()) {
      List<Object> cells = new ArrayList<>();
      columns.forEach(c -> cells.add(r.getValue(c)));
      line(out, cells);
    }
    return out.toString();
  }

  public static String agentsCsv(List<Reports.AgentRow> rows) {
    StringBuilder out = line(new StringBuilder(), new ArrayList<>(AGENT_COLUMNS));
    for (Reports.AgentRow r : rows) {
      Map<String, Double> c = r.components();
      line(out, List.of(r.agentId(), r.handled(), r.handleSeconds(), nz(r.averageHandleSeconds()), r.offers(),
          r.accepted(), nz(r.averageResponseSeconds()), nz(r.answerRate()), r.surveys(), nz(r.csatAverage()),
          nz(r.nps()), nz(c.get("satisfaction")), nz(c.get("responseSpeed")), nz(c.get("volume")),
          nz(c.get("answerRate")), nz(r.score())));
    }
    return out.toString();
  }

  /** Columns of the not-ready and disposition report's CSV: one line per reason, then one per disposition. */
  public static final List<String> CODE_COLUMNS = List.of("kind", "code", "en", "zh-CN", "seconds", "contacts", "share");

  /** Not-ready time by reason and completed contacts by disposition, with the catalogues' labels. */
  public static JsonObject codes(CodeReport.Report r) {
    JsonArray reasons = new JsonArray();
    for (CodeReport.ReasonRow row : r.notReady()) {
      reasons.add(new JsonObject().put("reason", row.reason()).put("labels", new JsonObject(new LinkedHashMap<>(row.labels())))
          .put("seconds", row.seconds()).put("share", row.share())
          .put("byAgent", new JsonObject(new LinkedHashMap<>(row.byAgent()))));
    }
    JsonArray dispositions = new JsonArray();
    for (CodeReport.DispositionRow row : r.dispositions()) {
      dispositions.add(new JsonObject().put("disposition", row.disposition())
          .put("labels", new JsonObject(new LinkedHashMap<>(row.labels())))
          .put("contacts", row.contacts()).put("share", row.share()));
    }
    return new JsonObject().put("notReadySeconds", r.notReadySeconds()).put("notReady", reasons)
        .put("completed", r.completed()).put("dispositions", dispositions);
  }

  public static String codesCsv(CodeReport.Report r) {
    StringBuilder out = line(new StringBuilder(), CODE_COLUMNS);
    for (CodeReport.ReasonRow row : r.notReady()) {
      line(out, Arrays.asList("not_ready", row.reason(), row.labels().get("en"), row.labels().get("zh-CN"),
          row.seconds(), null, row.share()));
    }
    for (CodeReport.DispositionRow row : r.dispositions()) {
      line(out, Arrays.asList("disposition", row.disposition(), row.labels().get("en"),
          row.labels().get("zh-CN"), null, row.contacts(), row.share()));
    }
    return out.toString();
  }

  /** A one-object report as two columns: figure, value. */
  public static String objectCsv(JsonObject json) {
    StringBuilder out = line(new StringBuilder(), List.of("figure", "value"));
    for (String key : json.fieldNames()) {
      Object v = json.getValue(key);
      if (v instanceof JsonObject nested) {
        nested.forEach(e -> line(out, List.of(key + "." + e.getKey(), e.getValue() == null ? "" : e.getValue())));
      } else if (v instanceof JsonArray named) {
        // Named entries (the headline's targets): one line per entry's figure, e.g. targets.satisfaction.actual.
        for (Object o : named) {
          JsonObject entry = (JsonObject) o;
          entry.forEach(e -> {
            if (!"name".equals(e.getKey())) {
              line(out, List.of(key + "." + entry.getString("name") + "." + e.getKey(), nz(e.getValue())));
            }
          });
        }
      } else {
        line(out, List.of(key, v == null ? "" : v));
      }
    }
    return out.toString();
  }

  private static Object nz(Object v) {
    return v == null ? "" : v;
  }

  private static StringBuilder line(StringBuilder out, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    return out.append("\r\n");
  }

  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    String s = v instanceof Double d ? String.format(Locale.ROOT, "%s", d) : String.valueOf(v);
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    // A cell starting like a formula is quoted with a leading apostrophe, so spreadsheets show it as text.
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) {
      return "'" + s;
    }
    return s;
  }
}
