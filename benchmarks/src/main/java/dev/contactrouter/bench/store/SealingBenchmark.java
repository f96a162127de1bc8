package dev.contactrouter.bench.store;

import dev.contactrouter.bench.ThroughputBenchmark;
import dev.contactrouter.core.Call;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.store.CustomerKey;
import dev.contactrouter.store.HashChain;
import dev.contactrouter.store.StoredEvent;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What sealing a customer's personal fields (crypto-shredding, journal format 1 revision 12) adds
 * to the writer's hot path: storing one {@code contact_queued} event (encode, seal with AES-256-GCM
 * when {@code sealed=true}, chain hash) and decoding it back (opening the sealed fields with the
 * key), against the same event stored in clear ({@code sealed=false}). One thread; no I/O.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class SealingBenchmark extends ThroughputBenchmark {
  @Param({"false", "true"})
  public boolean sealed;

  private Recorded queued;
  private CustomerKey key;
  private StoredEvent stored;
  private long seq;

  @Setup
  public void setUp() {
    ContactSpec contact = new ContactSpec("c-1", Channel.VOICE, "stocks", Map.of("mandarin", 3, "stocks", 2), 10,
        new Customer("acct-6222000011112222", "王芳 Wang Fang", "vip", 3, "a-7"),
        Map.of("ivr", "1-2-4", "mobile", "+86 138 0013 8000"), "call-77", "shanghai", Set.of("securities"),
        "idem-1", null, null, null, null, new Call("a84b4c76e66710@pc33.example.com", "+86 138 0013 8000", "95555"));
    queued = new Recorded(1_736_154_000_000L, "telephony", new Event.ContactQueued(contact));
    key = sealed ? CustomerKey.generate("acct-6222000011112222", new SecureRandom()) : null;
    stored = StoredEvent.of("bench", 1, queued, HashChain.GENESIS, key);
  }

  /** The stored form of the event, as an append builds it (a new sequence number each time, so a new IV). */
  @Benchmark
  public StoredEvent store() {
    return StoredEvent.of("bench", ++seq, queued, HashChain.GENESIS, key);
  }

  /** The event decoded from its stored form, sealed fields opened with the key, as replay does. */
  @Benchmark
  public Recorded open() {
    byte[] secret = key == null ? null : key.secret();
    return stored.recorded(id -> secret);
  }
}
