package dev.contactrouter.engine;

import dev.contactrouter.core.AccountCaseView;
import dev.contactrouter.core.AgentView;
import dev.contactrouter.core.AgingBound;
import dev.contactrouter.core.ApiKeyView;
import dev.contactrouter.core.BoardView;
import dev.contactrouter.core.CalendarSpec;
import dev.contactrouter.core.CaseView;
import dev.contactrouter.core.Catalogue;
import dev.contactrouter.core.CategorySpec;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.FollowUp;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.QueueStats;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.core.ServiceRules;
import dev.contactrouter.core.WebhookSpec;
import dev.contactrouter.store.JournalEntry;
import dev.contactrouter.store.ArchivedPart;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a domain's writer reads to answer a {@link DomainQuery}, taken when the query arrives: the
 * committed state (only what the journal holds, so no answer shows what is not yet durable, and
 * reads go on while the journal is down), the writer's standing, and through {@link
 * JournalQueries} the journal itself. Used on the writer's thread only; every result is immutable,
 * since it passes to the API verticles by reference.
 */
final class DomainReads {
  private final String domain;
  private final RoutingDomain committed;
  private final long seq;
  private final boolean available;
  private final long now;
  private final JournalQueries journal;
  private final StoreProbes probes;

  /**
   * @param committed the committed state
   * @param seq the journal's last committed sequence number
   * @param available whether the writer takes commands
   * @param now the writer's clock
   */
  DomainReads(String domain, RoutingDomain committed, long seq, boolean available, long now, JournalQueries journal,
      StoreProbes probes) {
    this.domain = domain;
    this.committed = committed;
    this.seq = seq;
    this.available = available;
    this.now = now;
    this.journal = journal;
    this.probes = probes;
  }

  // ------------------------------------------------------------------ the committed state

  Optional<AsOf<ContactView>> contact(String id) {
    return committed.contact(id, now).map(this::asOf);
  }

  Optional<AsOf<ContactView>> contactByCall(String callId) {
    return committed.contactByCall(callId, now).map(this::asOf);
  }

  Optional<AgentView> agent(String id) {
    return committed.agent(id);
  }

  List<AgentView> agents() {
    return List.copyOf(committed.agents());
  }

  /** What an agent's console needs on (re)connecting: its state, pending offers, assigned contacts. */
  Optional<AsOf<AgentSession>> agentSession(String agentId) {
    return committed.agent(agentId).map(agent -> {
      List<AgentSession.Offered> offers = new ArrayList<>();
      for (int i = 0; i < agent.offers().size(); i++) {
        ContactView.Offer offer = agent.offers().get(i);
        committed.contact(agent.offerContacts().get(i), now)
            .ifPresent(c -> offers.add(new AgentSession.Offered(offer, c)));
      }
      List<ContactView> assigned = new ArrayList<>();
      for (String contactId : agent.contacts()) {
        committed.contact(contactId, now).ifPresent(assigned::add);
      }
      return asOf(new AgentSession(agent, offers, assigned));
    });
  }

  AsOf<BoardView> board(String site) {
    return asOf(committed.board(site));
  }

  Optional<QueueSpec> queue(String id) {
    return committed.queue(id);
  }

  Optional<AgingBound> agingBound(String id) {
    return committed.agingBound(id);
  }

  List<QueueSpec> queues() {
    return List.copyOf(committed.queues());
  }

  Optional<AsOf<List<ContactView>>> queueContacts(String queueId) {
    return committed.queueContacts(queueId, now).map(contacts -> asOf(List.copyOf(contacts)));
  }

  Optional<QueueStats> queueStats(String queueId) {
    return committed.queueStats(queueId, now);
  }

  Optional<CalendarSpec> calendar(String id) {
    return committed.calendar(id);
  }

  List<CalendarSpec> calendars() {
    return List.copyOf(committed.calendars());
  }

  Optional<WebhookSpec> webhook(String id) {
    return committed.webhook(id);
  }

  List<WebhookSpec> webhooks() {
    return committed.webhooks();
  }

  WebhookSetup webhookSetup() {
    return new WebhookSetup(committed.webhooks(), seq);
  }

  Catalogue catalogue(Catalogue.Kind kind) {
    return committed.catalogue(kind);
  }

  List<Catalogue> catalogues() {
    return committed.catalogues();
  }

  Optional<CategorySpec> category(String id) {
    return committed.category(id);
  }

  List<CategorySpec> categories() {
    return List.copyOf(committed.categories());
  }

  List<ApiKeyView> apiKeys() {
    return List.copyOf(committed.apiKeys());
  }

  ServiceRules rules() {
    return committed.rules();
  }

  Optional<AsOf<ComplaintCase>> complaint(String id) {
    return committed.complaint(id, now).map(k -> asOf(complaintCase(k)));
  }

  AsOf<List<ComplaintCase>> complaints(boolean openOnly, boolean nearBreachOnly) {
    List<ComplaintCase> out = new ArrayList<>();
    for (CaseView k : committed.complaints(now, openOnly, nearBreachOnly)) {
      out.add(complaintCase(k));
    }
    return asOf(List.copyOf(out));
  }

  Optional<AsOf<AccountCase>> accountCase(String id) {
    return committed.accountCase(id).map(k -> asOf(accountCase(k)));
  }

  AsOf<List<AccountCase>> accountCases(boolean openOnly, boolean nearBreachOnly) {
    List<AccountCase> out = new ArrayList<>();
    for (AccountCaseView k : committed.accountCases(now, openOnly, nearBreachOnly)) {
      out.add(accountCase(k));
    }
    return asOf(List.copyOf(out));
  }

  List<FollowUp> followUps() {
    return List.copyOf(committed.followUps());
  }

  DomainStatus status() {
    return new DomainStatus(domain, available, seq, committed.waitingCount(), journal.durable());
  }

  /** A case with its current work item, so the API can tell whether an agent is working it. */
  private ComplaintCase complaintCase(CaseView k) {
    return new ComplaintCase(k, work(k.workContactId()));
  }

  private AccountCase accountCase(AccountCaseView k) {
    return new AccountCase(k, work(k.workContactId()));
  }

  /** A case's current work item as the domain holds it, or null. */
  private ComplaintCase.Work work(String contactId) {
    return contactId == null ? null : committed.contact(contactId, now)
        .map(c -> new ComplaintCase.Work(c.id(), c.status(), c.queue(), c.agentId(),
            c.offer() == null ? null : c.offer().agentId()))
        .orElse(null);
  }

  private <T> AsOf<T> asOf(T value) {
    return new AsOf<>(value, now);
  }

  // ------------------------------------------------------------------ the stores

  /** Whether the writer takes commands, and whether its journal and timer store answer right now. */
  Future<DomainHealth> health() {
    Future<String> journalUp = probes.journal();
    Future<String> timersUp = probes.timers();
    return Future.join(journalUp, timersUp).transform(ignored -> Future.succeededFuture(
        new DomainHealth(domain, available, seq, journalUp.result(), timersUp.result())));
  }

  Future<AsOf<List<ContactView>>> customerContacts(String customerId) {
    return journal.customerContacts(customerId, committed, now).map(this::asOf);
  }

  Future<Optional<ContactHistory>> history(String contactId) {
    return journal.history(contactId);
  }

  Future<List<JournalEntry>> journalPage(long afterSeq, int limit) {
    return journal.page(afterSeq, limit);
  }

  Future<StreamPage> streamPage(long afterSeq, int limit) {
    return journal.streamPage(afterSeq, limit);
  }

  Future<List<StoredEvent>> auditPage(long afterAt, long afterSeq, long toMillis, int limit) {
    return journal.auditPage(afterAt, afterSeq, toMillis, limit);
  }

  Future<List<StoredEvent>> storedPage(long afterSeq, int limit) {
    return journal.storedPage(afterSeq, limit);
  }

  Future<JournalHead> journalHead() {
    return journal.head();
  }

  Future<ArchivedPart> archivedHead() {
    return journal.archived();
  }
}
