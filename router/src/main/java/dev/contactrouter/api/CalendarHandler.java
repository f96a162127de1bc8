package dev.contactrouter.api;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.CalendarSpec;
import dev.contactrouter.core.Command;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.CalendarQuery;
import dev.contactrouter.engine.DomainQuery.CalendarsQuery;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;

/** Business-hours calendars: an administrator sets them, queues and SLA policies refer to them. */
final class CalendarHandler {
  private final DomainClient domains;
  private final String domain;

  CalendarHandler(DomainClient domains, String domain) {
    this.domains = domains;
    this.domain = domain;
  }

  void putCalendar(RoutingContext ctx) {
    CalendarSpec calendar;
    try {
      calendar = SpecJson.calendar(ctx.pathParam("id"), Requests.body(ctx));
    } catch (DateTimeException e) {
      // The schema checks the shape of dates; a date like 2025-02-30 only shows when parsed.
      ctx.fail(ApiProblem.badRequest("not a calendar date: " + e.getMessage(), "/holidays"));
      return;
    }
    Command command = new Command.ConfigureCalendar(Requests.principal(ctx).actor(), calendar);
    domains.command(domain, command)
        .map(Requests::reply)
        .onSuccess(reply -> Requests.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  void getCalendar(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    domains.ask(domain, new CalendarQuery(id))
        .onSuccess(found -> found.ifPresentOrElse(
            c -> Requests.json(ctx, 200, SpecJson.calendar(c)),
            () -> ctx.fail(ApiProblem.notFound("no calendar '" + id + "'"))))
        .onFailure(ctx::fail);
  }

  void listCalendars(RoutingContext ctx) {
    domains.ask(domain, new CalendarsQuery())
        .onSuccess(calendars -> Requests.json(ctx, 200, Requests.array(calendars, SpecJson::calendar)))
        .onFailure(ctx::fail);
  }
}
