package dev.contactrouter.api;

import dev.contactrouter.codec.JournalJson;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.ArchivedHeadQuery;
import dev.contactrouter.engine.DomainQuery.AuditPageQuery;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail for auditors: the journal exported for a time range, streamed a page at a time
 * (so any range is exported in bounded memory, and a slow reader slows the export rather than
 * filling memory), and its hash chain verified.
 */
final class AuditHandler extends DomainHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AuditHandler.class);
  static final int PAGE = 1000;
  /** Sent when the range starts in the archived part of the journal: the last archived seq. */
  static final String ARCHIVED_HEADER = "Journal-Archived-Through";
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  AuditHandler(DomainClient domains, String domain) {
    super(domains, domain);
  }

  /** A time range a request asks for: [from, to) in epoch milliseconds. */
  record TimeRange(long from, long to) {
    /** From {@code from} and {@code to} (default the beginning and now); a bad one fails with a 400 naming it. */
    static Future<TimeRange> asked(RoutingContext ctx) {
      try {
        long from = time(ctx.request().getParam("from"), "from", 0);
        long to = time(ctx.request().getParam("to"), "to", System.currentTimeMillis() + 1);
        return to > from
            ? Future.succeededFuture(new TimeRange(from, to))
            : Future.failedFuture(ApiProblem.badRequest("to must be after from", "to"));
      } catch (ApiProblem p) {
        return Future.failedFuture(p);
      }
    }

    /** A download's file name: {@code kind-domain-from-to.extension}, with no colon in it. */
    String fileName(String kind, String domain, String extension) {
      return (kind + "-" + domain + "-" + Instant.ofEpochMilli(from) + "-" + Instant.ofEpochMilli(to)).replace(':', '-')
          + "." + extension;
    }
  }

  void exportAudit(RoutingContext ctx) {
    boolean csv = csv(ctx);
    // The first page is read before the status is sent, so an unreachable journal gets a 503.
    TimeRange.asked(ctx)
        .compose(range -> archivedBefore(range.from()).compose(archived -> domains.ask(domain,
            new AuditPageQuery(range.from(), 0, range.to(), PAGE)).map(first -> {
          HttpServerResponse response = ctx.response()
              .setStatusCode(200)
              .setChunked(true)
              .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
              .putHeader("Content-Disposition",
                  "attachment; filename=\"" + range.fileName("audit", domain, csv ? "csv" : "ndjson") + "\"")
              .putHeader("Cache-Control", "no-store");
          if (archived > 0) {
            response.putHeader(ARCHIVED_HEADER, Long.toString(archived));
          }
          if (csv) {
            response.write(JournalJson.CSV_HEADER);
          }
          new Export(domains, domain, response, range.to(), csv).write(first);
          return null;
        })))
        .onFailure(ctx::fail);
  }

  /**
   * The last archived seq when the range starts before the live journal (its first events are in
   * archive files, not in this export), else 0.
   */
  private Future<Long> archivedBefore(long from) {
    return domains.ask(domain, new ArchivedHeadQuery()).map(archived -> archived.reaches(from) ? archived.seq() : 0L);
  }

  void verifyAudit(RoutingContext ctx) {
    JournalVerifier.verify(domain, domains.journalSource(domain))
        .onSuccess(report -> Requests.json(ctx, 200, JournalJson.report(report)))
        .onFailure(ctx::fail);
  }

  /** One export in progress: writes a page, then asks for the next once the client keeps up. */
  private record Export(DomainClient domains, String domain, HttpServerResponse response, long to, boolean csv) {

    void write(List<StoredEvent> page) {
      if (response.closed()) {
        return;
      }
      Buffer lines = Buffer.buffer();
      page.forEach(e -> lines.appendString(csv ? JournalJson.csvLine(e) : JournalJson.ndjsonLine(e)));
      if (lines.length() > 0) {
        response.write(lines);
      }
      if (page.size() < PAGE) {
        response.end();
        return;
      }
      StoredEvent last = page.get(page.size() - 1);
      Runnable next = () -> domains.ask(domain, new AuditPageQuery(last.at(), last.seq(), to, PAGE))
          .onSuccess(this::write)
          .onFailure(err -> {
            // Too late for a problem response: cut the stream so it is not taken for a whole one.
            LOG.warn("audit export of domain {} cut short after seq {}: {}", domain, last.seq(), err.getMessage());
            response.reset();
          });
      if (response.writeQueueFull()) {
        response.drainHandler(v -> next.run());
      } else {
        next.run();
      }
    }
  }

  private static boolean csv(RoutingContext ctx) {
    String format = ctx.request().getParam("format");
    if (format != null) {
      return "csv".equals(format);
    }
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("text/csv") && !accept.contains("application/x-ndjson");
  }

  private static long time(String value, String field, long absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    Instant t;
    try {
      t = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(field + " must be a date-time such as 2025-01-06T09:00:00Z", field);
    }
    if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
      throw ApiProblem.badRequest(field + " must be between years 1 and 9999", field);
    }
    return t.toEpochMilli();
  }
}
