package dev.contactrouter.telephony.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Callers: one SIPp UAC placing {@code calls} calls at {@code rate} per second to a hotline
 * number, playing one of the caller scenarios in deploy/telephony/sipp. Its log gives each call's
 * Call-ID and what happened to it ({@code CALLER <Call-ID> <event>}: invite, queued, ringing,
 * answered, hangup, agent-hangup, cancel, cancelled).
 */
public record Callers(String name, ChildProcess sipp, Path log, Path dir) implements AutoCloseable {

  /**
   * @param durationMillis the scenario's -d: how long a caller talks (caller.xml) or waits before
   *     hanging up (caller-cancel.xml)
   * @param timeoutSeconds SIPp ends (and fails) the run after this long
   */
  static Callers start(String name, Path scenario, int sipPort, String number, int calls, double rate,
      int durationMillis, int timeoutSeconds, Path parent) throws IOException {
    Path dir = parent.resolve("callers-" + name);
    Files.createDirectories(dir);
    Path log = dir.resolve("callers-" + name + ".log");
    List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenario.toString(), "-s", number,
        "127.0.0.1:" + sipPort, "-i", "127.0.0.1", "-p", String.valueOf(Ports.free()), "-mp", String.valueOf(Ports.freeBlock()),
        "-m", String.valueOf(calls), "-r", String.valueOf(rate), "-rp", "1000", "-l", "10000",
        "-d", String.valueOf(durationMillis), "-nostdin", "-recv_timeout", String.valueOf(timeoutSeconds * 1000L),
        "-timeout", timeoutSeconds + "s", "-timeout_error",
        "-trace_logs", "-log_file", log.toString(),
        "-trace_err", "-error_file", dir.resolve("callers-" + name + ".err").toString(),
        "-trace_stat", "-stf", dir.resolve("callers-" + name + "-stat.csv").toString(),
        "-trace_rtt", "-rtt_freq", "1"));
    ChildProcess sipp = ChildProcess.start("callers " + name, command, Map.of(), dir.resolve("callers-" + name + ".out"));
    return new Callers(name, sipp, log, dir);
  }

  /** Waits for SIPp to finish: its exit code (0 when every call went as the scenario says). */
  public int await(long seconds) throws InterruptedException {
    Integer code = sipp.awaitExit(seconds * 1000);
    if (code == null) {
      throw new AssertionError("callers " + name + " still running after " + seconds + " s:\n" + sipp.tail(30));
    }
    return code;
  }

  public boolean isRunning() {
    return sipp.isAlive();
  }

  /** Call-ID to the events logged for it, in the order they happened. */
  public Map<String, List<String>> calls() {
    Map<String, List<String>> calls = new LinkedHashMap<>();
    for (String[] e : SippLog.events(log, "CALLER")) {
      calls.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
    }
    return calls;
  }

  public Set<String> callIds() {
    return new LinkedHashSet<>(calls().keySet());
  }

  /**
   * The response times SIPp measured (-trace_rtt, caller.xml's "setup": the INVITE sent to the
   * first 180, i.e. an agent's phone rings), in ms.
   */
  public List<Double> setupDelaysMillis() throws IOException {
    List<Double> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith("_rtt.csv")).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          String[] cols = line.split(";");
          if (cols.length >= 3 && cols[2].trim().equals("setup")) {
            out.add(Double.parseDouble(cols[1]));
          }
        }
      }
    }
    return out;
  }

  public String tail() {
    String err;
    try {
      Path e = dir.resolve("callers-" + name + ".err");
      err = Files.exists(e) ? String.join("\n", Files.readAllLines(e).stream().limit(40).toList()) : "";
    } catch (IOException ex) {
      err = "";
    }
    return sipp.tail(40) + "\nerrors:\n" + err;
  }

  @Override
  public void close() {
    sipp.close();
  }
}
