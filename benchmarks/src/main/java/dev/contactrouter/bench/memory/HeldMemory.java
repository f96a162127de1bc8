package dev.contactrouter.bench.memory;

import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.Decision;
import dev.contactrouter.core.MatcherKind;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.Retention;
import dev.contactrouter.core.RoutingDomain;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Memory per waiting contact (issue 14, goal 6): the heap after garbage collection that a domain's
 * writer holds for N waiting contacts, divided by N.
 *
 * <p>It builds what {@code DomainVerticle} holds: two {@link RoutingDomain}s, the speculative one
 * that decides each command ({@link RoutingDomain#handle}) and the committed one that folds the
 * events each decision recorded ({@link RoutingDomain#apply}). The contacts are the load
 * generator's intake: a voice contact for a queue nobody serves ({@code lg-intake}, configured as
 * the load generator does), with a customer id and tier, each body decoded from its own JSON text
 * and given a random UUID as the API does, so no string is shared that a real request would not
 * share. The SLA timer is what the defaults give. The in-memory journal (embedded mode) is not
 * included: its stored events are a format of their own.
 *
 * <p>Usage: {@code java -Xmx8g -cp benchmarks.jar dev.contactrouter.bench.memory.HeldMemory
 * [--histogram N] [--distinct-customers] [sizes...]}; sizes default to 1,000, 100,000 and
 * 1,000,000. With {@code --histogram N} the top N lines of {@code jcmd <pid> GC.class_histogram} are
 * printed at the largest size. With {@code --distinct-customers} each contact has a customer id of
 * its own ({@code caller-<n>}, as the load generator's centre lane sends), instead of the intake's
 * one {@code intake-caller}.
 */
public final class HeldMemory {
  static final String QUEUE = "lg-intake";
  static final String ACTOR = "telephony/bench";
  static final String BODY =
      "{\"channel\":\"voice\",\"queue\":\"lg-intake\",\"customer\":{\"id\":\"intake-caller\",\"tier\":\"standard\"}}";
  static final long START = 1_800_000_000_000L;

  /** Whether each contact comes from a customer of its own, as the centre lane's callers do. */
  private final boolean distinctCustomers;
  private final RoutingDomain core = new RoutingDomain(MatcherKind.INDEXED, Retention.DEFAULTS);
  private final RoutingDomain committed = new RoutingDomain(MatcherKind.INDEXED, Retention.DEFAULTS);
  private long now = START;

  private HeldMemory(boolean distinctCustomers) {
    this.distinctCustomers = distinctCustomers;
    JsonObject queue = new JsonObject()
        .put("name", "Load generator intake (nobody serves it)")
        .put("channel", "voice")
        .put("skills", new JsonObject().put("lg-nobody", 1));
    decide(new Command.ConfigureQueue(ACTOR, SpecJson.queue(QUEUE, queue)));
  }

  /** Decides a command on the speculative domain and folds what it recorded into the committed one. */
  private void decide(Command command) {
    Decision d = core.handle(command, now);
    if (!(d instanceof Decision.Applied applied)) {
      throw new IllegalStateException("refused: " + command + " -> " + d);
    }
    for (Recorded r : applied.events()) {
      committed.apply(r);
    }
  }

  private void arrive(int count) {
    for (int i = 0; i < count; i++) {
      now++;
      JsonObject body = new JsonObject(BODY);
      if (distinctCustomers) {
        body.getJsonObject("customer").put("id", "caller-" + i);
      }
      decide(new Command.CreateContact(ACTOR, SpecJson.contact(UUID.randomUUID().toString(), body, null, null), null));
    }
    if (core.waitingCount() != count || committed.waitingCount() != count) {
      throw new IllegalStateException("waiting " + core.waitingCount() + " / " + committed.waitingCount()
          + ", wanted " + count);
    }
  }

  /** Heap used after a few full collections. */
  static long heapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  public static void main(String[] args) throws Exception {
    int histogram = 0;
    boolean distinct = false;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--histogram")) {
        histogram = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--distinct-customers")) {
        distinct = true;
      } else {
        sizes.add(Integer.parseInt(args[i].replace("_", "").replace(",", "")));
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(1_000, 100_000, 1_000_000);
    }
    System.out.printf("JVM %s %s, max heap %,d MB, collector(s) %s%n", System.getProperty("java.vm.name"),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
    // Warm the code paths once so the classes and JIT state are in the baseline, not in the figure.
    new HeldMemory(distinct).arrive(1_000);
    int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    System.out.println("| waiting contacts | heap held (MB) | bytes per waiting contact |");
    System.out.println("|---:|---:|---:|");
    for (int n : sizes) {
      long before = heapAfterGc();
      HeldMemory writer = new HeldMemory(distinct);
      writer.arrive(n);
      long after = heapAfterGc();
      System.out.printf("| %,d | %,.1f | %,d |%n", n, (after - before) / 1e6, (after - before) / n);
      if (histogram > 0 && n == largest) {
        printHistogram(histogram);
      }
      // Keep the writer reachable until after the measurement.
      if (writer.core.waitingCount() < 0) {
        throw new AssertionError();
      }
    }
  }

  private static void printHistogram(int lines) throws IOException, InterruptedException {
    long pid = ProcessHandle.current().pid();
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(jcmd.getInputStream(),
        StandardCharsets.UTF_8))) {
      int printed = 0;
      String line;
      while ((line = out.readLine()) != null) {
        if (printed++ < lines + 3) {
          System.out.println(line);
        } else if (line.startsWith("Total")) {
          System.out.println(line);
        }
      }
    }
    jcmd.waitFor();
  }
}
