package dev.contactrouter.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Network partitions on loopback, with nftables: one table of the test's own ({@code inet
 * cr_test_<random>}) with a chain on the {@code output} and one on the {@code input} hook, whose
 * rules drop packets between two groups of loopback addresses, or to and from one TCP port. It
 * touches no other table; {@link #heal()} empties its chains and {@link #close()} deletes the
 * table, which a JVM shutdown hook also does, so no rule outlives the test even when it fails.
 * 127.0.0.1 is never cut (PostgreSQL, Redis and other processes on the machine use it).
 *
 * <p>Needs {@code nft} (Debian package {@code nftables}, which {@code bash .ci/run} installs) and
 * root; without them the test fails naming what is missing.
 */
final class NetworkCut implements AutoCloseable {
  private static final long NFT_TIMEOUT_SECONDS = 10;

  private final String table = "cr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final Thread cleanup = new Thread(this::deleteTable, "network-cut-cleanup");
  private final List<String> rules = new ArrayList<>();
  private boolean closed;

  private NetworkCut() {}

  /** A table of its own with empty chains (nothing is dropped yet). */
  static NetworkCut create() {
    NetworkCut cut = new NetworkCut();
    nft("--version");
    Runtime.getRuntime().addShutdownHook(cut.cleanup);
    try {
      nft("add", "table", "inet", cut.table);
      for (String hook : List.of("output", "input")) {
        nft("add", "chain", "inet", cut.table, hook, "{ type filter hook " + hook + " priority 0; policy accept; }");
      }
    } catch (RuntimeException | AssertionError e) {
      cut.close();
      throw e;
    }
    return cut;
  }

  String table() {
    return table;
  }

  /** Drops every packet between {@code address} and each of {@code others}, both ways. */
  synchronized void isolate(String address, Collection<String> others) {
    for (String other : others) {
      check(address);
      check(other);
      drop("ip saddr " + address + " ip daddr " + other + " drop");
      drop("ip saddr " + other + " ip daddr " + address + " drop");
    }
  }

  /** Drops every TCP packet to or from loopback port {@code port} (e.g. a node's proxy to PostgreSQL). */
  synchronized void dropPort(int port) {
    drop("tcp dport " + port + " drop");
    drop("tcp sport " + port + " drop");
  }

  /** Removes every rule: traffic flows again. */
  synchronized void heal() {
    for (String hook : List.of("output", "input")) {
      nft("flush", "chain", "inet", table, hook);
    }
    rules.clear();
  }

  /** The rules in force, for messages. */
  synchronized List<String> rules() {
    return List.copyOf(rules);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    deleteTable();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private void drop(String rule) {
    for (String hook : List.of("output", "input")) {
      List<String> args = new ArrayList<>(List.of("add", "rule", "inet", table, hook));
      args.addAll(List.of(rule.split(" ")));
      nft(args.toArray(String[]::new));
    }
    rules.add(rule);
  }

  private static void check(String address) {
    if (!address.startsWith("127.") || address.equals("127.0.0.1")) {
      throw new IllegalArgumentException("only loopback addresses other than 127.0.0.1 are cut, not " + address);
    }
  }

  private void deleteTable() {
    try {
      nft("delete", "table", "inet", table);
    } catch (RuntimeException | AssertionError e) {
      // already gone, or nft missing: nothing of ours is left either way
    }
  }

  private static String nft(String... args) {
    List<String> command = new ArrayList<>();
    command.add("nft");
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(NFT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in " + NFT_TIMEOUT_SECONDS + " s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.trim()
            + " (the partition tests need root and nftables: apt-get install -y nftables, or bash .ci/run)");
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("nft not found: the partition tests need it (apt-get install -y nftables, "
          + "which bash .ci/run does): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + String.join(" ", command), e);
    }
  }
}
