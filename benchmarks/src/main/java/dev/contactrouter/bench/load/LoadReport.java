package dev.contactrouter.bench.load;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one load-generator run, next to what Erlang C predicts, as Markdown.
 *
 * @param target what was measured: "embedded engine" or the URL
 * @param centre the contact-centre scenario, or null if skipped
 * @param bare the intake schedule against the bare Vert.x endpoint, or null
 * @param engine the intake schedule against the engine, or null
 */
public record LoadReport(
    Instant at,
    Machine machine,
    LoadOptions options,
    String target,
    String command,
    CentreLane.Result centre,
    IntakeLane.Result bare,
    IntakeLane.Result engine) {

  // ------------------------------------------------------------------ centre figures

  public double offeredPerSecond() {
    return centre.created / (double) options.durationSeconds();
  }

  public double acknowledgedPerSecond() {
    return centre.acknowledged / (double) options.durationSeconds();
  }

  public Latency offerLatency() {
    return centre.offerLatency;
  }

  /** Share of acknowledged contacts that had to wait (nobody free on arrival). */
  public double measuredProbabilityOfWaiting() {
    return ratio(centre.queuedAtArrival, centre.acknowledged);
  }

  /** Answered within the target, over every caller who was answered or hung up. */
  public double measuredServiceLevel() {
    long ended = centre.answered + centre.abandoned;
    if (ended == 0) {
      return Double.NaN;
    }
    return centre.waits.fractionAtOrBelow(options.serviceLevelMillis()) * centre.answered / ended;
  }

  public double measuredAverageSpeedOfAnswerMillis() {
    return centre.waits.meanMillis();
  }

  public double abandonRate() {
    return ratio(centre.abandoned, centre.answered + centre.abandoned);
  }

  /** Erlang C per queue at the offered rate, for the configured service time or the measured one. */
  public ErlangC.Prediction erlang(boolean measuredService) {
    double service = measuredService ? centre.serviceTimes.meanMillis() / 1000.0 : options.serviceSeconds();
    double perQueue = offeredPerSecond() / options.queues();
    // Agents are spread round-robin: the first (agents mod queues) queues have one more.
    List<ErlangC.Prediction> each = new ArrayList<>();
    for (int q = 0; q < options.queues(); q++) {
      int staffed = options.agents() / options.queues() + (q < options.agents() % options.queues() ? 1 : 0);
      each.add(ErlangC.predict(perQueue, service, staffed, options.serviceLevelMillis() / 1000.0));
    }
    return average(each);
  }

  private static ErlangC.Prediction average(List<ErlangC.Prediction> each) {
    int k = each.size();
    return new ErlangC.Prediction(sum(each, ErlangC.Prediction::traffic),
        each.stream().mapToInt(ErlangC.Prediction::agents).sum(),
        sum(each, ErlangC.Prediction::occupancy) / k,
        sum(each, ErlangC.Prediction::probabilityOfWaiting) / k,
        sum(each, ErlangC.Prediction::serviceLevel) / k,
        sum(each, ErlangC.Prediction::averageSpeedOfAnswerSeconds) / k);
  }

  /** One figure summed over the queues, in order (a plain sum, as the report has always added them). */
  private static double sum(List<ErlangC.Prediction> each, ToDoubleFunction<ErlangC.Prediction> figure) {
    double total = 0;
    for (ErlangC.Prediction p : each) {
      total += figure.applyAsDouble(p);
    }
    return total;
  }

  // ------------------------------------------------------------------ intake figures

  public double bareAcknowledgedPerSecond() {
    return bare.acknowledged / (double) options.intakeSeconds();
  }

  public double engineAcknowledgedPerSecond() {
    return engine.acknowledged / (double) options.intakeSeconds();
  }

  // ------------------------------------------------------------------ markdown

  public String markdown() {
    StringBuilder s = new StringBuilder();
    s.append("### Load run, ").append(at.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
    s.append("- machine: ").append(machine).append('\n');
    s.append("- target: ").append(target).append('\n');
    if (command != null) {
      s.append("- command: `").append(command).append("`\n");
    }
    s.append('\n');
    if (centre != null) {
      centre(s);
    }
    if (bare != null || engine != null) {
      intake(s);
    }
    goals(s);
    return s.toString();
  }

  private void centre(StringBuilder s) {
    LoadOptions o = options;
    s.append(String.format(Locale.ROOT,
        "#### Contact centre: %d queues, %,d agents, %s contacts/s offered, %d s measured after %d s warm-up%n%n"
            + "Poisson arrivals per queue; agents accept after %d ms, handle for an exponential %,d ms on average, "
            + "wrap up %d s; callers hang up after an exponential %,d ms of patience. Service level target %d ms.%n%n",
        o.queues(), o.agents(), num(o.rate()), o.durationSeconds(), o.warmupSeconds(), o.thinkMillis(), o.handleMillis(),
        o.wrapUpSeconds(), o.patienceMillis(), o.serviceLevelMillis()));
    ErlangC.Prediction configured = erlang(false);
    ErlangC.Prediction measured = erlang(true);
    s.append("| | measured | Erlang C (configured service time) | Erlang C (measured service time) |\n");
    s.append("|---|---:|---:|---:|\n");
    row(s, "contacts offered/s", num(offeredPerSecond()), "", "");
    row(s, "contacts acknowledged/s (201)", num(acknowledgedPerSecond()), "", "");
    row(s, "service time per contact (offer → ready again)",
        Latency.ms(centre.serviceTimes.meanMillis()), Latency.ms(o.serviceSeconds() * 1000), "");
    row(s, "traffic per queue (erlangs) / agents per queue", "",
        String.format(Locale.ROOT, "%.1f / %d", configured.traffic() / o.queues(), configured.agents() / o.queues()),
        String.format(Locale.ROOT, "%.1f / %d", measured.traffic() / o.queues(), measured.agents() / o.queues()));
    row(s, "probability of waiting", pct(measuredProbabilityOfWaiting()),
        pct(configured.probabilityOfWaiting()), pct(measured.probabilityOfWaiting()));
    row(s, "service level (answered ≤ " + o.serviceLevelMillis() + " ms)", pct(measuredServiceLevel()),
        pct(configured.serviceLevel()), pct(measured.serviceLevel()));
    row(s, "average speed of answer", Latency.ms(measuredAverageSpeedOfAnswerMillis()),
        Latency.ms(configured.averageSpeedOfAnswerSeconds() * 1000), Latency.ms(measured.averageSpeedOfAnswerSeconds() * 1000));
    row(s, "abandon rate", pct(abandonRate()), "0 (no abandonment in the model)", "");
    s.append('\n');
    s.append("- offer latency (intended arrival → offer on the agent's WebSocket, contacts offered at once): ")
        .append(centre.offerLatency.summary()).append('\n');
    s.append("- contact acknowledged (intended arrival → 201): ").append(centre.ackLatency.summary()).append('\n');
    s.append("- wait of answered contacts (intended arrival → the offer they accepted): ")
        .append(centre.waits.summary()).append('\n');
    s.append("- generator lateness (intended → actually sent): ").append(centre.sendLag.summary()).append('\n');
    s.append(String.format(Locale.ROOT,
        "- counts: %,d created, %,d acknowledged, %,d offered at once, %,d queued on arrival, %,d answered, "
            + "%,d abandoned, %,d completed, %,d accepts refused (caller gone), %,d missed offers, %,d unexpected responses, "
            + "%,d not settled when the run ended%n",
        centre.created, centre.acknowledged, centre.offeredAtOnce, centre.queuedAtArrival, centre.answered,
        centre.abandoned, centre.completed, centre.acceptRefused, centre.missedOffers, centre.failed, centre.unsettled));
    if (options.mix().services() || options.mix().idempotencyKeys()) {
      s.append(String.format(Locale.ROOT,
          "- service mix: %,d sales, %,d complaint cases opened, %,d case steps taken, %,d cases closed, "
              + "%,d return visits completed; agent calls %s Idempotency-Keys%n",
          centre.sales, centre.complaintsOpened, centre.caseSteps, centre.casesClosed, centre.returnVisits,
          options.mix().idempotencyKeys() ? "with" : "without"));
    }
    if (centre.firstFailure != null) {
      s.append("- first unexpected response: ").append(centre.firstFailure).append('\n');
    }
    s.append('\n');
  }

  private void intake(StringBuilder s) {
    s.append(String.format(Locale.ROOT,
        "#### Intake: the same POST schedule against both (%s requests/s offered, at most %d in flight, "
            + "%d s warm-up, %d s measured, %d lane(s), %d connections each)%n%n",
        num(options.intakeRate()), options.intakeInFlight(), options.intakeWarmupSeconds(), options.intakeSeconds(),
        options.lanes(), options.connections()));
    s.append("| target | acknowledged/s | latency from intended send time | errors | not sent (behind schedule) |\n");
    s.append("|---|---:|---|---:|---:|\n");
    if (bare != null) {
      intakeRow(s, "bare Vert.x POST endpoint", bare);
    }
    if (engine != null) {
      intakeRow(s, "engine POST /v1/contacts", engine);
    }
    if (bare != null && engine != null) {
      if (bareAcknowledgedPerSecond() >= 0.95 * options.intakeRate()) {
        s.append(String.format(Locale.ROOT, "%nThe bare endpoint kept up with the schedule, so this run compares "
            + "latencies at %s requests/s, not capacities.%n", num(options.intakeRate())));
      } else {
        s.append(String.format(Locale.ROOT, "%nThe engine acknowledges %s of what the bare endpoint does.%n",
            pct(engineAcknowledgedPerSecond() / bareAcknowledgedPerSecond())));
      }
    }
    s.append('\n');
    if (engine != null) {
      overload(s, engine);
    }
  }

  /**
   * The engine's intake split by answer: what it acknowledged and how fast, what it refused with
   * 503 and how fast (from when each request actually went out), and whether every acknowledged
   * contact could be read back.
   */
  private void overload(StringBuilder s, IntakeLane.Result r) {
    s.append("#### Engine intake by answer\n\n");
    s.append("| answer | count (measured window) | per second | latency |\n|---|---:|---:|---|\n");
    s.append(String.format(Locale.ROOT, "| 201 acknowledged | %,d | %s | %s from intended send time |%n",
        r.acknowledged, num(r.acknowledged / (double) options.intakeSeconds()), r.acknowledgedLatency.summary()));
    s.append(String.format(Locale.ROOT, "| 503 refused | %,d | %s | %s from actual send (time to refuse) |%n",
        r.refused, num(r.refused / (double) options.intakeSeconds()), r.refusalLatency.summary()));
    s.append(String.format(Locale.ROOT, "| other errors | %,d | | |%n", r.failed - r.refused));
    if (r.readBack >= 0) {
      s.append(String.format(Locale.ROOT, "%nAcknowledged (201) over the whole phase, warm-up included: %,d; read back "
          + "afterwards with GET /v1/contacts/{id}: %,d; **acknowledged but lost: %,d**.%n",
          r.acknowledgedIds.size(), r.readBack, r.lost.size()));
      r.lost.stream().limit(5).forEach(l -> s.append("- not read back: ").append(l).append('\n'));
    }
    s.append('\n');
  }

  private void intakeRow(StringBuilder s, String name, IntakeLane.Result r) {
    s.append("| ").append(name)
        .append(" | ").append(num(r.acknowledged / (double) options.intakeSeconds()))
        .append(" | ").append(r.latency.summary())
        .append(" | ").append(String.format(Locale.ROOT, "%,d", r.failed))
        .append(" | ").append(String.format(Locale.ROOT, "%,d", r.notSent))
        .append(" |\n");
    if (r.firstFailure != null) {
      s.append("| | first error: ").append(r.firstFailure.replace("|", "/")).append(" | | | |\n");
    }
  }

  private void goals(StringBuilder s) {
    List<String> lines = new ArrayList<>();
    if (centre != null && centre.offerLatency.count() > 0) {
      double p99 = centre.offerLatency.percentileMillis(99);
      lines.add(String.format(Locale.ROOT, "offer latency p99 < 5 ms at %s contacts/s offered: %s (p99 %s)",
          num(offeredPerSecond()), p99 < 5 ? "met" : "missed", Latency.ms(p99)));
    }
    if (bare != null && engine != null) {
      double share = engineAcknowledgedPerSecond() / bareAcknowledgedPerSecond();
      if (bareAcknowledgedPerSecond() >= 0.95 * options.intakeRate()) {
        // Both kept up with the schedule: this compares the schedule with itself, not capacities.
        lines.add(String.format(Locale.ROOT, "engine acknowledged/s ≥ half the bare endpoint's: not measured by this run "
            + "(%s/s offered is within the bare endpoint's capacity; offer more with --intake-rate)", num(options.intakeRate())));
      } else {
        lines.add(String.format(Locale.ROOT, "engine acknowledged/s ≥ half the bare endpoint's: %s (%s)",
            share >= 0.5 ? "met" : "missed", pct(share)));
      }
    }
    if (!lines.isEmpty()) {
      s.append("#### Goals (targets, read against the figures above)\n\n");
      lines.forEach(l -> s.append("- ").append(l).append('\n'));
      s.append('\n');
    }
  }

  private static void row(StringBuilder s, String name, String measured, String configured, String fromMeasured) {
    s.append("| ").append(name).append(" | ").append(measured).append(" | ").append(configured)
        .append(" | ").append(fromMeasured).append(" |\n");
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : a / (double) b;
  }

  static String pct(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, v < 0.001 && v > 0 ? "%.3f%%" : "%.1f%%", v * 100);
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
