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
final class CalendarHandler extends DomainHandler {
  CalendarHandler(DomainClient domains, String domain) {
    super(domains, domain);
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
    reply(ctx, domains.command(domain, command));
  }

  void getCalendar(RoutingContext ctx) {
    byId(ctx, "calendar", CalendarQuery::new, SpecJson::calendar);
  }

  void listCalendars(RoutingContext ctx) {
    list(ctx, new CalendarsQuery(), SpecJson::calendar);
  }
}
