package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Customer;
import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.FollowUp;
import dev.contactrouter.core.MatcherKind;
import dev.contactrouter.core.PersonalErasure;
import dev.contactrouter.core.RandomRun;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.store.CustomerKey;
import dev.contactrouter.store.HashChain;
import dev.contactrouter.store.StoredEvent;
import dev.contactrouter.store.format.SnapshotFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The differential check of an erasure without a replay: the state the writer blanks in place
 * ({@link PersonalErasure}) is the state a replay of the whole journal gives once the customer's
 * keys are destroyed. Random runs of every kind of command are sealed as the writer seals them
 * ({@link PersonalKeys}, one key per customer per writer life), one customer is erased, and the
 * two states are compared whole, snapshot to snapshot.
 */
class PersonalErasureReplayTest {
  private static final String DOMAIN = "d";

  @Test
  void blankingInPlaceGivesWhatAReplayWithTheKeysDestroyedGives() {
    int erasedContacts = 0;
    for (long seed = 1; seed <= 10; seed++) {
      Sealed run = sealed(RandomRun.of(seed, 400), false);
      String customer = run.busiestCustomer();
      DomainSnapshot blanked = PersonalErasure.blank(run.live().snapshot(), run.keysOf(customer));
      DomainSnapshot replayed = run.replayWithout(customer).snapshot();
      assertThat(RoutingDomain.restore(blanked, MatcherKind.INDEXED).snapshot()).as("seed %d", seed)
          .isEqualTo(replayed);
      assertThat(blanked).as("seed %d: something was erased", seed).isNotEqualTo(run.live().snapshot());
      String encoded = SnapshotFormat.encode(blanked);
      assertThat(encoded).as("seed %d", seed).doesNotContain("\"" + customer + "\"");
      for (String caller : run.callers(customer)) {
        assertThat(encoded).as("seed %d", seed).doesNotContain(caller);
      }
      erasedContacts += (int) blanked.contacts().stream()
          .filter(c -> c.spec().customer().id() != null && c.spec().customer().id().startsWith("erased:")).count();
    }
    assertThat(erasedContacts).as("contacts erased over the runs").isGreaterThan(50);
  }

  /**
   * A customer met in two writer lives has two keys: each contact and case names the key its
   * arrival was sealed with (found in the journal), so the states still agree; a return visit not
   * yet due names the key the writer holds (the journal has no lookup for it), which may be the
   * other of the customer's two destroyed keys.
   */
  @Test
  void aCustomerWithAKeyPerWriterLifeIsBlankedAsTheReplayReadsIt() {
    int twoKeyed = 0;
    for (long seed = 11; seed <= 20; seed++) {
      Sealed run = sealed(RandomRun.of(seed, 400), true);
      String customer = run.busiestCustomer();
      PersonalErasure.Keys keys = run.keysOf(customer);
      twoKeyed += run.keyIds(customer).size() > 1 ? 1 : 0;
      DomainSnapshot blanked = RoutingDomain.restore(PersonalErasure.blank(run.live().snapshot(), keys),
          MatcherKind.INDEXED).snapshot();
      DomainSnapshot replayed = run.replayWithout(customer).snapshot();
      assertThat(withoutFollowUpIds(blanked)).as("seed %d", seed).isEqualTo(withoutFollowUpIds(replayed));
    }
    assertThat(twoKeyed).as("runs whose customer had two keys").isGreaterThan(5);
  }

  private static DomainSnapshot withoutFollowUpIds(DomainSnapshot s) {
    List<FollowUp> followUps = new ArrayList<>();
    for (FollowUp f : s.followUps()) {
      Customer c = f.customer();
      String id = c.id() != null && c.id().startsWith("erased:") ? "erased:" : c.id();
      followUps.add(new FollowUp(f.id(), f.sourceContactId(), f.caseId(),
          new Customer(id, c.name(), c.tier(), c.riskLevel(), c.relationshipManager()), f.preferredAgent(), f.queue(),
          f.dueAt(), f.reason()));
    }
    return new DomainSnapshot(s.arrivals(), s.registrations(), s.queues(), s.agents(), s.contacts(), s.retired(),
        s.calendars(), s.categories(), s.apiKeys(), s.rules(), s.cases(), followUps, s.webhooks(), s.accountCases(),
        s.catalogues());
  }

  /** A run's events stored as the writer stores them: each sealed with its customer's key of the time. */
  private record Sealed(RoutingDomain live, List<StoredEvent> stored, Map<String, CustomerKey> keys) {

    String busiestCustomer() {
      Map<String, Integer> count = new HashMap<>();
      for (DomainSnapshot.Contact c : live.snapshot().contacts()) {
        if (c.spec().customer().id() != null) {
          count.merge(c.spec().customer().id(), 1, Integer::sum);
        }
      }
      return count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    List<String> keyIds(String customer) {
      return keys.values().stream().filter(k -> k.customerId().equals(customer)).map(CustomerKey::id).toList();
    }

    /** What the writer gathers for an erasure: the lookup column of arrivals, and the key it holds now. */
    PersonalErasure.Keys keysOf(String customer) {
      Set<String> looked = new HashSet<>(keyIds(customer));
      looked.add(customer);
      Map<String, String> arrivals = new LinkedHashMap<>();
      for (StoredEvent e : stored) {
        if (e.type().equals("contact_queued") && looked.contains(e.customerId())) {
          arrivals.putIfAbsent(e.contactId(), e.customerId());
        }
      }
      List<String> ids = keyIds(customer);
      return new PersonalErasure.Keys(customer, arrivals, ids.get(0), ids.get(ids.size() - 1));
    }

    /** A fresh domain folded from the stored events, the customer's keys destroyed. */
    RoutingDomain replayWithout(String customer) {
      Set<String> destroyed = new HashSet<>(keyIds(customer));
      RoutingDomain replay = new RoutingDomain(MatcherKind.INDEXED);
      for (StoredEvent e : stored) {
        replay.apply(e.recorded(id -> destroyed.contains(id) ? null : keys.get(id).secret()));
      }
      return replay;
    }

    List<String> callers(String customer) {
      List<String> out = new ArrayList<>();
      for (StoredEvent e : stored) {
        Recorded r = e.recorded(id -> keys.get(id).secret());
        if (r.event() instanceof Event.ContactQueued q && customer.equals(q.contact().customer().id())
            && q.contact().call() != null && q.contact().call().caller() != null) {
          out.add(q.contact().call().caller());
        }
      }
      return out;
    }
  }

  /**
   * The run's events folded one by one into a fresh domain and stored with the key the writer's
   * {@link PersonalKeys} gives each (computed against the state that event leaves, as the writer
   * does after a decision); with {@code restartHalfway} the writer "restarts" halfway, so customers
   * met in both halves have two keys.
   */
  private static Sealed sealed(RandomRun run, boolean restartHalfway) {
    RoutingDomain live = new RoutingDomain(MatcherKind.INDEXED);
    PersonalKeys keys = new PersonalKeys();
    Map<String, CustomerKey> all = new LinkedHashMap<>();
    List<StoredEvent> stored = new ArrayList<>();
    String prev = HashChain.GENESIS;
    long seq = 0;
    for (Recorded r : run.events()) {
      if (restartHalfway && seq == run.events().size() / 2) {
        keys = new PersonalKeys();
      }
      live.apply(r);
      CustomerKey key = keys.keyFor(r.event(), live, r.at());
      if (key != null) {
        all.putIfAbsent(key.id(), key);
      }
      StoredEvent e = StoredEvent.of(DOMAIN, ++seq, r, prev, key);
      stored.add(e);
      prev = e.hash();
    }
    assertThat(live.snapshot()).as("the run refolded").isEqualTo(run.domain().snapshot());
    return new Sealed(live, stored, all);
  }
}
