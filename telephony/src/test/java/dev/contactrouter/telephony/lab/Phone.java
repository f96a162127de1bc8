package dev.contactrouter.telephony.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An agent's phone: a SIPp UAS on its own loopback port, playing one of the scenarios in
 * deploy/telephony/sipp. What happened to each call it saw is read back from its log
 * ({@code PHONE <Call-ID> <event>} lines: invite, cancel, answer, connected, bye, busy, hangup).
 */
public record Phone(String agentId, int port, ChildProcess sipp, Path log) implements AutoCloseable {

  /**
   * Starts the phone and waits until it listens. A SIPp that exits before it binds (a port taken
   * by another process between being picked and being bound) is started again on fresh ports, at
   * most three times in all; the failure names SIPp's own error output.
   */
  static Phone start(String agentId, Path scenario, int answerDelayMillis, Path dir) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      int port = Ports.free();
      String name = agentId + (attempt == 1 ? "" : "-try" + attempt);
      Path log = dir.resolve("phone-" + agentId + ".log");
      Path errors = dir.resolve("phone-" + name + ".err");
      List<String> command = List.of("sipp", "-sf", scenario.toString(), "-i", "127.0.0.1", "-p", String.valueOf(port),
          "-mp", String.valueOf(Ports.freeBlock()), "-d", String.valueOf(answerDelayMillis), "-nostdin",
          "-trace_logs", "-log_file", log.toString(), "-trace_err", "-error_file", errors.toString());
      ChildProcess sipp = ChildProcess.start("phone " + name, command, Map.of(), dir.resolve("phone-" + name + ".out"));
      Phone phone = new Phone(agentId, port, sipp, log);
      try {
        phone.awaitListening(errors);
        return phone;
      } catch (IOException e) {
        boolean stillRunning = sipp.isAlive();
        phone.close();
        last = e;
        if (stillRunning) {
          break;
        }
      }
    }
    throw last;
  }

  /**
   * Waits (at most 10 s) until SIPp has bound its SIP port: an INVITE sent before that is refused
   * by the host, and the switch would count the phone as not answering. Read from the kernel's
   * table of UDP sockets (this lab runs on Linux), so the check never takes the port itself.
   */
  private void awaitListening(Path errors) throws IOException {
    String local = String.format(":%04X ", port);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && sipp.isAlive()) {
      for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
        Path file = Path.of(table);
        if (Files.exists(file) && Files.readAllLines(file).stream().anyMatch(l -> l.contains(local))) {
          return;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while phone " + agentId + " started", e);
      }
    }
    String why = Files.exists(errors) ? Files.readString(errors, StandardCharsets.UTF_8).strip() : "";
    throw new IOException("phone " + agentId + " (sipp on port " + port + ") did not bind its port within 10 s"
        + (sipp.isAlive() ? "" : ", sipp exited") + (why.isEmpty() ? "" : ": " + why) + "\n" + sipp.tail(20));
  }

  /** The SIP URI the engine has for this agent. */
  public String device() {
    return "sip:" + agentId + "@127.0.0.1:" + port;
  }

  public boolean isAlive() {
    return sipp.isAlive();
  }

  /** Every (Call-ID, event) this phone logged, in order. */
  public List<String[]> events() {
    return SippLog.events(log, "PHONE");
  }

  /** The calls that reached this phone with {@code event}. */
  public Set<String> calls(String event) {
    Set<String> ids = new LinkedHashSet<>();
    for (String[] e : events()) {
      if (e[1].equals(event)) {
        ids.add(e[0]);
      }
    }
    return ids;
  }

  public boolean saw(String callId, String event) {
    return events().stream().anyMatch(e -> e[0].equals(callId) && e[1].equals(event));
  }

  public String tail() {
    return sipp.tail(20) + "\n" + String.join("\n", events().stream().map(e -> e[0] + " " + e[1]).toList());
  }

  @Override
  public void close() {
    sipp.close();
  }
}
