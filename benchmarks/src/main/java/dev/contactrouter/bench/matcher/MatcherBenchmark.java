package dev.contactrouter.bench.matcher;

import dev.contactrouter.bench.ThroughputBenchmark;
import dev.contactrouter.core.Decision;
import dev.contactrouter.core.MatcherKind;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * How many routing decisions per second one core makes, as the waiting line, the agent pool and the
 * number of distinct requirement signatures grow: the engine's indexed matcher against the plain
 * linear scan that applies the same rules ({@code matcher=linear}, the reference).
 *
 * <p>Each invocation is one {@link SteadyCentre#turn}: a contact arrives and waits (decision 1:
 * "which free agent for this contact?", answered "none"), an agent completes its contact and is
 * offered the best waiting one (decision 2: "which contact for this agent?"), and accepts it. That is
 * three commands through {@code RoutingDomain.handle} and two decisions, so
 * {@code @OperationsPerInvocation(2)}: the score is <b>decisions per second</b>, and its inverse is
 * the time per decision including the command work around it. The turn leaves the state as it found
 * it, so the measured sizes hold for the whole run. The state is built once per trial.
 *
 * <p>The default parameters are the goal point (100,000 waiting, 10,000 agents). The sweeps vary
 * one parameter at a time with {@code -p}; see benchmarks/README.md for the exact commands. Do not
 * run the full cross product: the linear scan at a million waiting takes a tenth of a second or
 * more per turn.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class MatcherBenchmark extends ThroughputBenchmark {

  /** Contacts queued throughout the run. */
  @Param({"100000"})
  public int waiting;

  /** Agents, all busy; one is freed per turn, in rotation. */
  @Param({"10000"})
  public int agents;

  /** Distinct requirement signatures (one queue and one skill each). */
  @Param({"10"})
  public int signatures;

  /** {@code indexed}: the engine's matcher; {@code linear}: the scan it is measured against. */
  @Param({"indexed", "linear"})
  public String matcher;

  private SteadyCentre centre;

  @Setup(Level.Trial)
  public void buildCentre() {
    centre = SteadyCentre.build(
        MatcherKind.valueOf(matcher.toUpperCase(Locale.ROOT)), waiting, agents, signatures);
  }

  @Benchmark
  @OperationsPerInvocation(2)
  public Decision route() {
    return centre.turn();
  }
}
