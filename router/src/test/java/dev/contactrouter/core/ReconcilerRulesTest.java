package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the reconciler calls stuck, and what its repairs do. */
class ReconcilerRulesTest {
  private static final long T0 = 1_736_154_000_000L;
  private static final long GRACE = 10_000;
  private static final long STALE = 12 * 3_600_000L;

  private final RoutingDomain domain = new RoutingDomain();

  private void given(Command c, long at) {
    assertThat(domain.handle(c, at)).isInstanceOf(Decision.Applied.class);
  }

  private void centre() {
    given(new Command.ConfigureQueue("admin",
        new QueueSpec("q", null, null, Map.of(), null, Set.of(), 0, 0.5, 15, 30, 180, null, null, null)), T0);
    given(new Command.ConfigureAgent("admin", new AgentProfile("a1", null, Map.of(), null, null, null, null)), T0);
    given(new Command.SetAgentStatus("agent:a1", "a1", AgentStatus.AVAILABLE, null), T0);
  }

  private void contact(String id, Channel channel, Map<String, String> attributes, long at) {
    given(new Command.CreateContact("telephony", new ContactSpec(
        id, channel, "q", Map.of(), 0, null, attributes, null, null, Set.of(), null, null, null, null, null, null)),
        at);
  }

  @Test
  void anOfferPastItsExpiryAndTheGraceIsRepairedWithTheTimersOwnCommand() {
    centre();
    contact("c1", Channel.VOICE, Map.of(), T0);
    long expiry = T0 + 15_000;
    assertThat(Reconciler.overdue(domain, expiry + GRACE, GRACE, STALE)).as("not yet: within the grace").isEmpty();
    List<Reconciler.Repair> repairs = Reconciler.overdue(domain, expiry + GRACE + 1, GRACE, STALE);
    assertThat(repairs).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo("offer");
      assertThat(r.command()).isEqualTo(new Command.ExpireOffer(Reconciler.ACTOR, "c1.1"));
    });
    Decision repaired = domain.handle(repairs.get(0).command(), expiry + GRACE + 1);
    assertThat(((Decision.Applied) repaired).events()).extracting(Recorded::actor).contains(Reconciler.ACTOR);
    assertThat(domain.contact("c1", expiry + GRACE + 1).orElseThrow().status()).isEqualTo(ContactStatus.QUEUED);
    assertThat(domain.agent("a1").orElseThrow().reason()).isEqualTo(RoutingDomain.MISSED_OFFER);
    assertThat(Reconciler.overdue(domain, expiry + GRACE + 2, GRACE, STALE)).as("nothing left to repair").isEmpty();
  }

  @Test
  void aWrapUpThatNeverEndedIsEnded() {
    centre();
    contact("c1", Channel.VOICE, Map.of(), T0);
    given(new Command.AcceptOffer("agent:a1", "c1.1", "a1"), T0 + 1_000);
    given(new Command.CompleteContact("agent:a1", "c1", "a1", "resolved", null), T0 + 60_000);
    long wrapEnd = T0 + 90_000;
    List<Reconciler.Repair> repairs = Reconciler.overdue(domain, wrapEnd + GRACE + 1, GRACE, STALE);
    assertThat(repairs).extracting(Reconciler.Repair::kind).containsExactly("wrapup");
    domain.handle(repairs.get(0).command(), wrapEnd + GRACE + 1);
    assertThat(domain.agent("a1").orElseThrow().status()).isEqualTo(AgentStatus.AVAILABLE);
  }

  @Test
  void aRealTimeAssignmentOlderThanAnyConversationIsClosedButCaseWorkAndEmailAreNot() {
    centre();
    given(new Command.ConfigureAgent("admin", new AgentProfile("a1", null, Map.of(), null, null, null,
        Map.of(Channel.VOICE, 1, Channel.EMAIL, 5))), T0);
    contact("call", Channel.VOICE, Map.of(), T0);
    given(new Command.AcceptOffer("agent:a1", "call.1", "a1"), T0);
    long later = T0 + STALE + 1;
    assertThat(Reconciler.overdue(domain, T0 + STALE, GRACE, STALE)).isEmpty();
    List<Reconciler.Repair> repairs = Reconciler.overdue(domain, later, GRACE, STALE);
    assertThat(repairs).extracting(Reconciler.Repair::kind, Reconciler.Repair::subject)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("assignment", "call"));
    domain.handle(repairs.get(0).command(), later);
    ContactView closed = domain.contact("call", later).orElseThrow();
    assertThat(closed.status()).isEqualTo(ContactStatus.COMPLETED);
    assertThat(closed.disposition()).isEqualTo(Reconciler.DISPOSITION);
    assertThat(Reconciler.overdue(domain, later, GRACE, 0)).as("0 turns stale assignments off").isEmpty();

    given(new Command.SetAgentStatus("agent:a1", "a1", AgentStatus.AVAILABLE, null), later);
    contact("mail", Channel.EMAIL, Map.of(), later);
    given(new Command.AcceptOffer("agent:a1", "mail.1", "a1"), later);
    assertThat(Reconciler.overdue(domain, later + 10 * STALE, GRACE, STALE))
        .as("an email may take days").noneMatch(r -> r.kind().equals("assignment"));
  }
}
