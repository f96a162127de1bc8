package dev.contactrouter.telephony.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A process the test bed started, with its output in a log file. Closing it (or the JVM exiting)
 * ends it and every process it started (Kamailio forks its workers), so no process or port
 * outlives the test, also when the test fails.
 */
public record ChildProcess(String name, Process process, Path log) implements AutoCloseable {
  private static final List<ChildProcess> RUNNING = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ChildProcess::kill), "kill-test-processes"));
  }

  /**
   * Starts {@code command} with {@code env} added to a copy of this JVM's environment (less its
   * ROUTER_ and TELEPHONY_ variables), in the log's directory.
   */
  public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(command).directory(log.toAbsolutePath().getParent().toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("ROUTER_") || k.startsWith("TELEPHONY_"));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    ChildProcess child = new ChildProcess(name, pb.start(), log);
    RUNNING.add(child);
    return child;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits up to {@code millis} for the process to end: its exit code, or null if it still runs. */
  public Integer awaitExit(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  /** SIGTERM, then SIGKILL for it and its descendants if it has not ended within 10 s. */
  public void terminate() {
    List<ProcessHandle> family = family();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    family.forEach(ProcessHandle::destroyForcibly);
    RUNNING.remove(this);
  }

  /** SIGKILL for the process and every process it started, then waits (bounded) for them. */
  public void kill() {
    List<ProcessHandle> family = family();
    family.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : family) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception stillThere) {
        // reported by the caller's checks if it matters
      }
    }
    RUNNING.remove(this);
  }

  private List<ProcessHandle> family() {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(process.toHandle());
    process.toHandle().descendants().forEach(all::add);
    return all;
  }

  /** The last lines of the log, for failure messages. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return name + " (" + log + "):\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return name + ": no log (" + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
    RUNNING.remove(this);
  }
}
