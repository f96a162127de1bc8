package dev.contactrouter.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one or more {@code MatcherBenchmark} result files ({@code -rf json}) into a Markdown table
 * (decisions per second, time per decision and the indexed-to-linear ratio at each point) and an
 * SVG plot of the cost per decision against queue depth.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.report.MatcherReport OUT_DIR RESULT.json[:indexed|:linear]...</pre>
 *
 * <p>A {@code :indexed} or {@code :linear} suffix takes only that matcher's results from a file
 * (to combine runs of different builds without touching the raw data).
 */
public final class MatcherReport {
  public static final String TABLE = "matcher-results.md";
  public static final String PLOT = "matcher-cost.svg";

  /** One measured point: decisions per second with JMH's 99.9% error, NaN when not measured. */
  public record Score(double perSecond, double error) {
    static final Score NONE = new Score(Double.NaN, Double.NaN);

    boolean measured() {
      return !Double.isNaN(perSecond);
    }

    double micros() {
      return 1e6 / perSecond;
    }
  }

  public record Point(int waiting, int agents, int signatures) {}

  public record Row(Point point, Score indexed, Score linear) {
    /** How many times more decisions per second the index makes than the scan. */
    public double ratio() {
      return indexed.perSecond() / linear.perSecond();
    }
  }

  public record Summary(List<Row> rows) {}

  private MatcherReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: MatcherReport OUT_DIR RESULT.json [RESULT.json...]");
      System.exit(2);
    }
    List<String> inputs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      inputs.add(args[i]);
    }
    Path out = Path.of(args[0]);
    Summary s = writeSelected(inputs, out);
    System.out.print(Files.readString(out.resolve(TABLE)));
    System.out.println("wrote " + out.resolve(TABLE) + " and " + out.resolve(PLOT) + " (" + s.rows().size() + " points)");
  }

  public static Summary write(Path input, Path outDir) throws IOException {
    return writeSelected(List.of(input.toString()), outDir);
  }

  public static Summary write(List<Path> inputs, Path outDir) throws IOException {
    return writeSelected(inputs.stream().map(Path::toString).toList(), outDir);
  }

  /**
   * Reads the results and writes both files. Where several files measured the same point (repeated
   * runs on a shared, noisy machine), the best score of each matcher is kept: interference only
   * ever slows a run down, so the fastest run is the closest to what the code costs. Files with
   * the same name (say {@code run1/matcher-waiting.json} and {@code run2/matcher-waiting.json}) are
   * one sweep, and each sweep gets its own table.
   */
  public static Summary writeSelected(List<String> inputs, Path outDir) throws IOException {
    Map<Point, Score[]> byPoint = new TreeMap<>(
        Comparator.comparingInt(Point::agents).thenComparingInt(Point::signatures).thenComparingInt(Point::waiting));
    Map<String, List<Point>> sweeps = new LinkedHashMap<>();
    Map<String, int[]> filesPerSweep = new HashMap<>();
    for (String spec : inputs) {
      String only = null;
      String file = spec;
      for (String m : List.of("indexed", "linear")) {
        if (spec.endsWith(":" + m)) {
          only = m;
          file = spec.substring(0, spec.length() - m.length() - 1);
        }
      }
      Path input = Path.of(file);
      int[] files = filesPerSweep.computeIfAbsent(input.getFileName().toString(), k -> new int[2]);
      if (!"linear".equals(only)) {
        files[0]++;
      }
      if (!"indexed".equals(only)) {
        files[1]++;
      }
      JsonArray results = new JsonArray(Files.readString(input, StandardCharsets.UTF_8));
      List<Point> sweep = sweeps.computeIfAbsent(input.getFileName().toString(), k -> new ArrayList<>());
      for (Object o : results) {
        JsonObject r = (JsonObject) o;
        if (!r.getString("benchmark", "").endsWith("MatcherBenchmark.route")) {
          continue;
        }
        JsonObject params = r.getJsonObject("params");
        if (only != null && !only.equals(params.getString("matcher"))) {
          continue;
        }
        JsonObject metric = r.getJsonObject("primaryMetric");
        if (!"ops/s".equals(metric.getString("scoreUnit"))) {
          throw new IllegalArgumentException(input + ": expected throughput in ops/s, got " + metric.getString("scoreUnit"));
        }
        Point p = new Point(
            Integer.parseInt(params.getString("waiting")),
            Integer.parseInt(params.getString("agents")),
            Integer.parseInt(params.getString("signatures")));
        int side = "linear".equals(params.getString("matcher")) ? 1 : 0;
        Score score = new Score(metric.getDouble("score"), errorOf(metric));
        Score[] both = byPoint.computeIfAbsent(p, k -> new Score[] {Score.NONE, Score.NONE});
        if (!both[side].measured() || score.perSecond() > both[side].perSecond()) {
          both[side] = score;
        }
        if (!sweep.contains(p)) {
          sweep.add(p);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    byPoint.forEach((p, s) -> rows.add(new Row(p, s[0], s[1])));
    StringBuilder tables = new StringBuilder();
    sweeps.forEach((name, points) -> {
      List<Row> sweepRows = rows.stream().filter(r -> points.contains(r.point()))
          .sorted(Comparator.comparingInt((Row r) -> r.point().waiting())
              .thenComparingInt(r -> r.point().agents()).thenComparingInt(r -> r.point().signatures()))
          .toList();
      if (!sweepRows.isEmpty()) {
        int[] files = filesPerSweep.get(name);
        tables.append(heading(name, sweepRows, Math.min(files[0], files[1]))).append("\n\n").append(table(sweepRows)).append('\n');
      }
    });
    Files.createDirectories(outDir);
    Files.writeString(outDir.resolve(TABLE), tables.toString(), StandardCharsets.UTF_8);
    Files.writeString(outDir.resolve(PLOT), plot(rows), StandardCharsets.UTF_8);
    return new Summary(rows);
  }

  /** "Waiting sweep (agents 10,000, signatures 10; best of 2 runs)", from what varies in the rows. */
  private static String heading(String file, List<Row> rows, int most) {
    boolean w = rows.stream().map(r -> r.point().waiting()).distinct().count() > 1;
    boolean a = rows.stream().map(r -> r.point().agents()).distinct().count() > 1;
    boolean g = rows.stream().map(r -> r.point().signatures()).distinct().count() > 1;
    Point first = rows.get(0).point();
    List<String> fixed = new ArrayList<>();
    String varying = "";
    if (w) {
      varying = "waiting";
    } else {
      fixed.add(count(first.waiting()) + " waiting");
    }
    if (a) {
      varying = varying.isEmpty() ? "agents" : varying + " and agents";
    } else {
      fixed.add(count(first.agents()) + " agents");
    }
    if (g) {
      varying = varying.isEmpty() ? "signatures" : varying + " and signatures";
    } else {
      fixed.add(count(first.signatures()) + " signatures");
    }
    String title = varying.isEmpty() ? "One point" : "Sweep of " + varying;
    return "#### " + title + " (" + String.join(", ", fixed) + (most > 1 ? "; best of " + most + " runs of each matcher" : "")
        + ") — " + file;
  }

  private static double errorOf(JsonObject metric) {
    Object e = metric.getValue("scoreError");
    return e instanceof Number n ? n.doubleValue() : Double.NaN; // "NaN" (a string) with one iteration
  }

  // ------------------------------------------------------------------ table

  static String table(List<Row> rows) {
    StringBuilder s = new StringBuilder();
    s.append("| waiting | agents | signatures | indexed decisions/s | indexed µs/decision "
        + "| linear decisions/s | linear µs/decision | indexed ÷ linear |\n");
    s.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      s.append("| ").append(count(r.point().waiting()))
          .append(" | ").append(count(r.point().agents()))
          .append(" | ").append(count(r.point().signatures()))
          .append(" | ").append(rate(r.indexed()))
          .append(" | ").append(micros(r.indexed()))
          .append(" | ").append(rate(r.linear()))
          .append(" | ").append(micros(r.linear()))
          .append(" | ").append(r.indexed().measured() && r.linear().measured() ? ratio(r.ratio()) : "–")
          .append(" |\n");
    }
    return s.toString();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String rate(Score s) {
    if (!s.measured()) {
      return "–";
    }
    String v = s.perSecond() >= 100 ? count(Math.round(s.perSecond())) : sig3(s.perSecond());
    return Double.isNaN(s.error()) ? v : v + " ± " + (s.error() >= 100 ? count(Math.round(s.error())) : sig3(s.error()));
  }

  private static String micros(Score s) {
    return s.measured() ? sig3(s.micros()) : "–";
  }

  private static String ratio(double r) {
    return r >= 100 ? count(Math.round(r)) + "×" : sig3(r) + "×";
  }

  /** Three significant figures, without exponent notation. */
  static String sig3(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    int digits = (int) Math.floor(Math.log10(Math.abs(v)));
    int decimals = Math.max(0, 2 - digits);
    return decimals == 0 ? count(Math.round(v)) : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  // ------------------------------------------------------------------ plot

  private static final int W = 760;
  private static final int H = 460;
  private static final int LEFT = 80;
  private static final int RIGHT = 190;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  /**
   * Cost per decision (µs, log scale) against contacts waiting (log scale), for the agents and
   * signatures that were measured at the most queue depths.
   */
  static String plot(List<Row> rows) {
    Map<String, List<Row>> sweeps = new LinkedHashMap<>();
    for (Row r : rows) {
      sweeps.computeIfAbsent(r.point().agents() + "/" + r.point().signatures(), k -> new ArrayList<>()).add(r);
    }
    List<Row> sweep = sweeps.values().stream()
        .max(Comparator.comparingInt((List<Row> l) -> l.size()).thenComparingInt(l -> l.get(0).point().agents()))
        .orElse(List.of());
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"12\">\n", W, H, W, H));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    if (sweep.isEmpty()) {
      return svg.append("<text x=\"20\" y=\"40\">no MatcherBenchmark results</text>\n</svg>\n").toString();
    }
    Point first = sweep.get(0).point();
    svg.append(text(W / 2.0, 24, "middle", 15, String.format(Locale.ROOT,
        "Cost per routing decision vs contacts waiting (%s agents, %s signatures)",
        count(first.agents()), count(first.signatures()))));

    double xMin = Math.floor(Math.log10(Math.max(1, sweep.get(0).point().waiting())));
    double xMax = Math.ceil(Math.log10(Math.max(10, sweep.get(sweep.size() - 1).point().waiting())));
    if (xMax <= xMin) {
      xMax = xMin + 1;
    }
    double yLo = Double.MAX_VALUE;
    double yHi = -Double.MAX_VALUE;
    for (Row r : sweep) {
      for (Score s : new Score[] {r.indexed(), r.linear()}) {
        if (s.measured()) {
          yLo = Math.min(yLo, Math.log10(s.micros()));
          yHi = Math.max(yHi, Math.log10(s.micros()));
        }
      }
    }
    double yMin = Math.min(Math.floor(yLo), -1.0); // keep the 1 µs goal line in view, above the axis
    double yMax = Math.ceil(Math.max(yHi, yMin + 1));
    Axis x = new Axis(xMin, xMax, LEFT, W - RIGHT);
    Axis y = new Axis(yMin, yMax, H - BOTTOM, TOP);

    // grid and decade labels
    for (int d = (int) xMin; d <= xMax; d++) {
      double px = x.at(d);
      svg.append(line(px, y.at(yMin), px, y.at(yMax), "#ddd", 1, null));
      svg.append(text(px, H - BOTTOM + 18, "middle", 12, count((long) Math.pow(10, d))));
    }
    for (int d = (int) yMin; d <= yMax; d++) {
      double py = y.at(d);
      svg.append(line(x.at(xMin), py, x.at(xMax), py, "#ddd", 1, null));
      svg.append(text(LEFT - 8, py + 4, "end", 12, decadeMicros(d)));
    }
    svg.append(line(x.at(xMin), y.at(yMin), x.at(xMax), y.at(yMin), "#333", 1, null));
    svg.append(line(x.at(xMin), y.at(yMin), x.at(xMin), y.at(yMax), "#333", 1, null));
    svg.append(text((x.at(xMin) + x.at(xMax)) / 2, H - 18, "middle", 13, "contacts waiting (log scale)"));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 18 %.1f)\">"
            + "time per decision (log scale)</text>\n", (y.at(yMin) + y.at(yMax)) / 2, (y.at(yMin) + y.at(yMax)) / 2));

    // goal: one million decisions per second is one microsecond per decision
    svg.append(line(x.at(xMin), y.at(0), x.at(xMax), y.at(0), "#2a7", 1.5, "6 4"));
    svg.append(text(x.at(xMax) + 6, y.at(0) + 4, "start", 11, "goal: 1 µs (10⁶/s)"));

    series(svg, sweep, true, x, y, "#1f5fbf", "indexed (engine)");
    series(svg, sweep, false, x, y, "#d2462d", "linear scan (reference)");
    return svg.append("</svg>\n").toString();
  }

  private static void series(StringBuilder svg, List<Row> sweep, boolean indexed, Axis x, Axis y, String colour, String label) {
    StringBuilder points = new StringBuilder();
    StringBuilder marks = new StringBuilder();
    Score last = null;
    double lastX = 0;
    for (Row r : sweep) {
      Score s = indexed ? r.indexed() : r.linear();
      if (!s.measured()) {
        continue;
      }
      double px = x.at(Math.log10(r.point().waiting()));
      double py = y.at(Math.log10(s.micros()));
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
      marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n", px, py, colour));
      if (!Double.isNaN(s.error()) && s.error() > 0 && s.error() < s.perSecond()) {
        double hi = y.at(Math.log10(1e6 / (s.perSecond() - s.error())));
        double lo = y.at(Math.log10(1e6 / (s.perSecond() + s.error())));
        marks.append(line(px, lo, px, hi, colour, 1, null));
      }
      last = s;
      lastX = px;
    }
    if (last == null) {
      return;
    }
    svg.append(String.format(Locale.ROOT,
        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", points.toString().trim(), colour));
    svg.append(marks);
    double ly = y.at(Math.log10(last.micros()));
    svg.append(text(lastX + 8, ly + 4, "start", 12, label, colour));
  }

  private static String decadeMicros(int d) {
    double us = Math.pow(10, d);
    if (us >= 1e6) {
      return count((long) (us / 1e6)) + " s";
    }
    if (us >= 1e3) {
      return count((long) (us / 1e3)) + " ms";
    }
    if (us >= 1) {
      return count((long) us) + " µs";
    }
    return count(Math.round(us * 1000)) + " ns";
  }

  private record Axis(double min, double max, double from, double to) {
    double at(double v) {
      return from + (v - min) / (max - min) * (to - from);
    }
  }

  private static String line(double x1, double y1, double x2, double y2, String colour, double width, String dash) {
    return String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n",
        x1, y1, x2, y2, colour, width, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String text(double x, double y, String anchor, int size, String body) {
    return text(x, y, anchor, size, body, "#222");
  }

  private static String text(double x, double y, String anchor, int size, String body, String colour) {
    return String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\">%s</text>\n",
        x, y, anchor, size, colour, body.replace("&", "&amp;").replace("<", "&lt;"));
  }
}
