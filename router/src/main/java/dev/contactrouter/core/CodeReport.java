package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where agents' not-ready time went, by reason, and how completed contacts ended, by disposition,
 * folded from a domain's journal like {@link Reports}: feed it every {@link Recorded} event in
 * order ({@link #accept}) and read {@link #report()}.
 *
 * <p>Definitions. Not-ready time: every stretch an agent spent not ready, cut to the period [{@code
 * from}, {@code to}) and to {@code asOf} (a stretch still running counts up to then), summed per
 * reason as the status change gave it ({@code unspecified} when none was given, and the engine's
 * own, such as {@code missed-offer}). Completed: contacts completed in the period, per disposition
 * (null: none given); an ended call's outcome recorded afterwards ({@code disposition_recorded})
 * replaces the {@code hangup} it was completed with. Labels come from the catalogues as the journal
 * last configured them; a code no catalogue lists has none.
 */
public final class CodeReport {
  /**
   * One not-ready reason.
   *
   * @param labels the catalogue's labels by language, empty when it lists none for the reason
   * @param share of all not-ready time in the period, in percent
   * @param byAgent seconds per agent, by agent id
   */
  public record ReasonRow(String reason, Map<String, String> labels, double seconds, Double share,
      Map<String, Double> byAgent) {}

  /**
   * One disposition.
   *
   * @param disposition the code, or null for contacts completed without one
   * @param share of the contacts completed in the period, in percent
   */
  public record DispositionRow(String disposition, Map<String, String> labels, long contacts, Double share) {}

  public record Report(double notReadySeconds, List<ReasonRow> notReady, long completed,
      List<DispositionRow> dispositions) {}

  private record Stretch(String reason, long since) {}

  private final long from;
  private final long to;
  private final long asOf;
  private final Map<String, Stretch> notReadyNow = new HashMap<>();
  /** Reason → agent → millis. */
  private final Map<String, Map<String, Long>> notReadyMillis = new TreeMap<>();
  /** Contacts completed in the period → their disposition now (null: none). */
  private final Map<String, String> completedIn = new HashMap<>();
  private final Map<Catalogue.Kind, Catalogue> catalogues = new EnumMap<>(Catalogue.Kind.class);

  /**
   * @param from start of the period (epoch millis, inclusive)
   * @param to end of the period (exclusive)
   * @param asOf the time the report is made: a not-ready stretch still running counts up to it
   */
  public CodeReport(long from, long to, long asOf) {
    this.from = from;
    this.to = to;
    this.asOf = asOf;
  }

  /** Folds one event, in journal order. */
  public void accept(Recorded r) {
    Event event = r.event();
    if (event instanceof Event.AgentStatusChanged e) {
      Stretch open = notReadyNow.remove(e.agentId());
      if (open != null) {
        count(notReadyMillis, e.agentId(), open, r.at());
      }
      if (e.status() == AgentStatus.NOT_READY) {
        notReadyNow.put(e.agentId(), new Stretch(e.reason() == null ? "unspecified" : e.reason(), r.at()));
      }
    } else if (event instanceof Event.ContactCompleted e) {
      if (r.at() >= from && r.at() < to) {
        completedIn.put(e.contactId(), e.disposition());
      }
    } else if (event instanceof Event.DispositionRecorded e) {
      if (completedIn.containsKey(e.contactId())) {
        completedIn.put(e.contactId(), e.disposition());
      }
    } else if (event instanceof Event.CatalogueConfigured e) {
      catalogues.put(e.catalogue().kind(), e.catalogue());
    }
  }

  /** Adds the part of a not-ready stretch ending at {@code until} that falls in the period to {@code into}. */
  private void count(Map<String, Map<String, Long>> into, String agentId, Stretch stretch, long until) {
    long start = Math.max(stretch.since(), from);
    long end = Math.min(until, Math.min(to, asOf));
    if (end > start) {
      into.computeIfAbsent(stretch.reason(), k -> new TreeMap<>()).merge(agentId, end - start, Long::sum);
    }
  }

  /** The report over what was folded so far; stretches still running count up to {@code asOf}. */
  public Report report() {
    Map<String, Map<String, Long>> withOpen = new TreeMap<>();
    notReadyMillis.forEach((reason, agents) -> withOpen.put(reason, new TreeMap<>(agents)));
    notReadyNow.forEach((agent, stretch) -> count(withOpen, agent, stretch, asOf));

    long total = withOpen.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    List<ReasonRow> reasons = new ArrayList<>();
    withOpen.forEach((reason, agents) -> {
      long sum = agents.values().stream().mapToLong(Long::longValue).sum();
      Map<String, Double> byAgent = new TreeMap<>();
      agents.forEach((agent, ms) -> byAgent.put(agent, Reports.round(ms / 1000.0)));
      reasons.add(new ReasonRow(reason, labels(Catalogue.Kind.NOT_READY_REASONS, reason), Reports.round(sum / 1000.0),
          share(sum, total), Collections.unmodifiableMap(byAgent)));
    });
    reasons.sort(Comparator.comparingDouble(ReasonRow::seconds).reversed().thenComparing(ReasonRow::reason));

    Map<String, Long> counts = new HashMap<>();
    completedIn.values().forEach(d -> counts.merge(d == null ? "" : d, 1L, Long::sum));
    List<DispositionRow> dispositions = new ArrayList<>();
    counts.forEach((d, n) -> {
      String code = d.isEmpty() ? null : d;
      dispositions.add(new DispositionRow(code, labels(Catalogue.Kind.DISPOSITIONS, code), n,
          share(n, completedIn.size())));
    });
    dispositions.sort(Comparator.comparingLong(DispositionRow::contacts).reversed()
        .thenComparing((DispositionRow row) -> row.disposition() == null ? "" : row.disposition()));
    return new Report(Reports.round(total / 1000.0), List.copyOf(reasons), completedIn.size(), List.copyOf(dispositions));
  }

  private Map<String, String> labels(Catalogue.Kind kind, String code) {
    Catalogue catalogue = catalogues.get(kind);
    if (catalogue == null || code == null) {
      return Map.of();
    }
    return catalogue.entry(code).map(Catalogue.Entry::labels).orElse(Map.of());
  }

  private static Double share(long part, long whole) {
    return whole == 0 ? null : Reports.round(100.0 * part / whole);
  }
}
