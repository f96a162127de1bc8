package dev.contactrouter.bench.store;

import dev.contactrouter.bench.ThroughputBenchmark;
import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.Decision;
import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.MatcherKind;
import dev.contactrouter.core.Retention;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.store.format.SnapshotFormat;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What a durable writer's routine snapshot costs per contact held: the state text of a domain of
 * {@code contacts} waiting contacts (the load generator's intake: a voice contact with a customer
 * id and tier, for a queue nobody serves, each with its SLA clock), written by {@link
 * SnapshotFormat#parts} as the snapshot worker writes it, without its pauses. A snapshot is due
 * once as many events followed the last one as it held contacts, so at intake every event pays
 * for about one contact's encoding: divide the score (snapshots per second) into one second and
 * by {@code contacts} for the time per contact. One thread; no I/O.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SnapshotBenchmark extends ThroughputBenchmark {
  private static final String ACTOR = "telephony/bench";
  private static final String BODY =
      "{\"channel\":\"voice\",\"queue\":\"lg-intake\",\"customer\":{\"id\":\"intake-caller\",\"tier\":\"standard\"}}";

  @Param({"10000"})
  public int contacts;

  private DomainSnapshot state;

  @Setup
  public void setUp() {
    RoutingDomain domain = new RoutingDomain(MatcherKind.INDEXED, Retention.DEFAULTS);
    long now = 1_800_000_000_000L;
    JsonObject queue = new JsonObject().put("name", "Load generator intake (nobody serves it)")
        .put("channel", "voice").put("skills", new JsonObject().put("lg-nobody", 1));
    accept(domain.handle(new Command.ConfigureQueue(ACTOR, SpecJson.queue("lg-intake", queue)), now));
    for (int i = 0; i < contacts; i++) {
      accept(domain.handle(new Command.CreateContact(ACTOR,
          SpecJson.contact(UUID.randomUUID().toString(), new JsonObject(BODY), null, null), null), ++now));
    }
    state = domain.snapshot();
    if (state.contacts().size() != contacts) {
      throw new IllegalStateException("held " + state.contacts().size() + " contacts, wanted " + contacts);
    }
  }

  private static void accept(Decision d) {
    if (!(d instanceof Decision.Applied)) {
      throw new IllegalStateException("refused: " + d);
    }
  }

  /** The whole state text, in the parts the journal stores. */
  @Benchmark
  public List<String> encode() {
    return SnapshotFormat.parts(state, () -> { });
  }
}
