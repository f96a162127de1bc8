package dev.contactrouter.engine;

import dev.contactrouter.core.AgentView;
import dev.contactrouter.core.AgingBound;
import dev.contactrouter.core.ApiKeyView;
import dev.contactrouter.core.BoardView;
import dev.contactrouter.core.CalendarSpec;
import dev.contactrouter.core.Catalogue;
import dev.contactrouter.core.CategorySpec;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.FollowUp;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.QueueStats;
import dev.contactrouter.core.ServiceRules;
import dev.contactrouter.core.WebhookSpec;
import dev.contactrouter.store.JournalEntry;
import dev.contactrouter.store.ArchivedPart;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * A question for a domain's writer that knows the type of its answer ({@code T}), as
 * exchange-core's {@code ReportQuery<T>} does: {@link DomainClient#ask} returns a {@code
 * Future<T>}, so no caller casts. The writer answers on its own thread, each query through the one
 * {@link DomainReads} method that reads it: reads of the state from the committed state (never
 * from what is not yet durable), history and audit pages from the journal. Where a result is
 * rendered as of a moment (a contact's waiting time), it comes {@link AsOf} the writer's clock.
 */
public sealed interface DomainQuery<T> extends DomainMessage {

  /** The answer, from {@code reads}; called on the writer's thread. */
  Future<T> answer(DomainReads reads);

  private static <T> Future<T> now(T value) {
    return Future.succeededFuture(value);
  }

  // ------------------------------------------------------------------ contacts

  record ContactQuery(String id) implements DomainQuery<Optional<AsOf<ContactView>>> {
    @Override
    public Future<Optional<AsOf<ContactView>>> answer(DomainReads reads) {
      return now(reads.contact(id));
    }
  }

  /** The voice contact behind a call a switch holds, named by its SIP Call-ID. */
  record CallQuery(String callId) implements DomainQuery<Optional<AsOf<ContactView>>> {
    @Override
    public Future<Optional<AsOf<ContactView>>> answer(DomainReads reads) {
      return now(reads.contactByCall(callId));
    }
  }

  /** A customer's contacts across channels, newest first, from the journal (memory only if it cannot be read). */
  record CustomerContactsQuery(String customerId) implements DomainQuery<AsOf<List<ContactView>>> {
    @Override
    public Future<AsOf<List<ContactView>>> answer(DomainReads reads) {
      return reads.customerContacts(customerId);
    }
  }

  /** Every event of a contact, from the journal; empty when the journal has none. */
  record HistoryQuery(String contactId) implements DomainQuery<Optional<ContactHistory>> {
    @Override
    public Future<Optional<ContactHistory>> answer(DomainReads reads) {
      return reads.history(contactId);
    }
  }

  // ------------------------------------------------------------------ agents

  record AgentQuery(String id) implements DomainQuery<Optional<AgentView>> {
    @Override
    public Future<Optional<AgentView>> answer(DomainReads reads) {
      return now(reads.agent(id));
    }
  }

  /** All agents, ordered by id. */
  record AgentsQuery() implements DomainQuery<List<AgentView>> {
    @Override
    public Future<List<AgentView>> answer(DomainReads reads) {
      return now(reads.agents());
    }
  }

  record AgentSessionQuery(String agentId) implements DomainQuery<Optional<AsOf<AgentSession>>> {
    @Override
    public Future<Optional<AsOf<AgentSession>>> answer(DomainReads reads) {
      return now(reads.agentSession(agentId));
    }
  }

  // ------------------------------------------------------------------ branch boards

  /** A site's branch board: tickets at a counter and tickets waiting per branch queue (any site: empty lists). */
  record BoardQuery(String site) implements DomainQuery<AsOf<BoardView>> {
    @Override
    public Future<AsOf<BoardView>> answer(DomainReads reads) {
      return now(reads.board(site));
    }
  }

  // ------------------------------------------------------------------ queues

  record QueueQuery(String id) implements DomainQuery<Optional<QueueSpec>> {
    @Override
    public Future<Optional<QueueSpec>> answer(DomainReads reads) {
      return now(reads.queue(id));
    }
  }

  /** The starvation bound of a queue's aging rate. */
  record QueueAgingQuery(String id) implements DomainQuery<Optional<AgingBound>> {
    @Override
    public Future<Optional<AgingBound>> answer(DomainReads reads) {
      return now(reads.agingBound(id));
    }
  }

  /** All queues, ordered by id. */
  record QueuesQuery() implements DomainQuery<List<QueueSpec>> {
    @Override
    public Future<List<QueueSpec>> answer(DomainReads reads) {
      return now(reads.queues());
    }
  }

  /** The contacts waiting or ringing in a queue, longest in it first; empty when there is no such queue. */
  record QueueContactsQuery(String queueId) implements DomainQuery<Optional<AsOf<List<ContactView>>>> {
    @Override
    public Future<Optional<AsOf<List<ContactView>>>> answer(DomainReads reads) {
      return now(reads.queueContacts(queueId));
    }
  }

  record QueueStatsQuery(String queueId) implements DomainQuery<Optional<QueueStats>> {
    @Override
    public Future<Optional<QueueStats>> answer(DomainReads reads) {
      return now(reads.queueStats(queueId));
    }
  }

  // ------------------------------------------------------------------ configuration

  record CalendarQuery(String id) implements DomainQuery<Optional<CalendarSpec>> {
    @Override
    public Future<Optional<CalendarSpec>> answer(DomainReads reads) {
      return now(reads.calendar(id));
    }
  }

  record CalendarsQuery() implements DomainQuery<List<CalendarSpec>> {
    @Override
    public Future<List<CalendarSpec>> answer(DomainReads reads) {
      return now(reads.calendars());
    }
  }

  /** One webhook (its secret included: the API never renders it). */
  record WebhookQuery(String id) implements DomainQuery<Optional<WebhookSpec>> {
    @Override
    public Future<Optional<WebhookSpec>> answer(DomainReads reads) {
      return now(reads.webhook(id));
    }
  }

  /** Every webhook, ordered by id. */
  record WebhooksQuery() implements DomainQuery<List<WebhookSpec>> {
    @Override
    public Future<List<WebhookSpec>> answer(DomainReads reads) {
      return now(reads.webhooks());
    }
  }

  /** Every webhook with the committed sequence number they stand at, for the webhook deliverer. */
  record WebhookSetupQuery() implements DomainQuery<WebhookSetup> {
    @Override
    public Future<WebhookSetup> answer(DomainReads reads) {
      return now(reads.webhookSetup());
    }
  }

  record CategoryQuery(String id) implements DomainQuery<Optional<CategorySpec>> {
    @Override
    public Future<Optional<CategorySpec>> answer(DomainReads reads) {
      return now(reads.category(id));
    }
  }

  record CategoriesQuery() implements DomainQuery<List<CategorySpec>> {
    @Override
    public Future<List<CategorySpec>> answer(DomainReads reads) {
      return now(reads.categories());
    }
  }

  /** The catalogue of a kind named by its wire name (empty entries where none is configured); empty for no such kind. */
  record CatalogueQuery(String kind) implements DomainQuery<Optional<Catalogue>> {
    @Override
    public Future<Optional<Catalogue>> answer(DomainReads reads) {
      return now(Catalogue.Kind.fromWire(kind).map(reads::catalogue));
    }
  }

  /** Every kind's catalogue, empty where none is configured. */
  record CataloguesQuery() implements DomainQuery<List<Catalogue>> {
    @Override
    public Future<List<Catalogue>> answer(DomainReads reads) {
      return now(reads.catalogues());
    }
  }

  /** The run-time API keys with their digests, for API nodes (never shown to clients). */
  record ApiKeysQuery() implements DomainQuery<List<ApiKeyView>> {
    @Override
    public Future<List<ApiKeyView>> answer(DomainReads reads) {
      return now(reads.apiKeys());
    }
  }

  // ------------------------------------------------------------------ service rules

  record RulesQuery() implements DomainQuery<ServiceRules> {
    @Override
    public Future<ServiceRules> answer(DomainReads reads) {
      return now(reads.rules());
    }
  }

  record ComplaintQuery(String id) implements DomainQuery<Optional<AsOf<ComplaintCase>>> {
    @Override
    public Future<Optional<AsOf<ComplaintCase>>> answer(DomainReads reads) {
      return now(reads.complaint(id));
    }
  }

  /** Complaint cases ordered by id, only open ones or only those near or past a deadline if asked. */
  record ComplaintsQuery(boolean openOnly, boolean nearBreachOnly) implements DomainQuery<AsOf<List<ComplaintCase>>> {
    @Override
    public Future<AsOf<List<ComplaintCase>>> answer(DomainReads reads) {
      return now(reads.complaints(openOnly, nearBreachOnly));
    }
  }

  record AccountCaseQuery(String id) implements DomainQuery<Optional<AsOf<AccountCase>>> {
    @Override
    public Future<Optional<AsOf<AccountCase>>> answer(DomainReads reads) {
      return now(reads.accountCase(id));
    }
  }

  /** Account-opening cases ordered by id, only open ones or only those near or past their deadline if asked. */
  record AccountCasesQuery(boolean openOnly, boolean nearBreachOnly) implements DomainQuery<AsOf<List<AccountCase>>> {
    @Override
    public Future<AsOf<List<AccountCase>>> answer(DomainReads reads) {
      return now(reads.accountCases(openOnly, nearBreachOnly));
    }
  }

  /** Return visits scheduled and not yet due, earliest first. */
  record FollowUpsQuery() implements DomainQuery<List<FollowUp>> {
    @Override
    public Future<List<FollowUp>> answer(DomainReads reads) {
      return now(reads.followUps());
    }
  }

  // ------------------------------------------------------------------ the writer itself

  record StatusQuery() implements DomainQuery<DomainStatus> {
    @Override
    public Future<DomainStatus> answer(DomainReads reads) {
      return now(reads.status());
    }
  }

  /** Whether the writer takes commands and its journal and timer store answer right now. */
  record HealthQuery() implements DomainQuery<DomainHealth> {
    @Override
    public Future<DomainHealth> answer(DomainReads reads) {
      return reads.health();
    }
  }

  // ------------------------------------------------------------------ the journal

  /** Committed events after {@code afterSeq}, for streams that resume after a reconnect, and for reports. */
  record JournalPageQuery(long afterSeq, int limit) implements DomainQuery<List<JournalEntry>> {
    @Override
    public Future<List<JournalEntry>> answer(DomainReads reads) {
      return reads.journalPage(afterSeq, limit);
    }
  }

  /** Committed events after {@code afterSeq} as a resumed event stream sends them. */
  record StreamPageQuery(long afterSeq, int limit) implements DomainQuery<StreamPage> {
    @Override
    public Future<StreamPage> answer(DomainReads reads) {
      return reads.streamPage(afterSeq, limit);
    }
  }

  /**
   * A page of the audit trail: stored events before {@code toMillis} after the cursor ({@code
   * afterAt}, {@code afterSeq}), in time order.
   */
  record AuditPageQuery(long afterAt, long afterSeq, long toMillis, int limit)
      implements DomainQuery<List<StoredEvent>> {
    @Override
    public Future<List<StoredEvent>> answer(DomainReads reads) {
      return reads.auditPage(afterAt, afterSeq, toMillis, limit);
    }
  }

  /** The stored events after a sequence number, with their hashes. */
  record StoredPageQuery(long afterSeq, int limit) implements DomainQuery<List<StoredEvent>> {
    @Override
    public Future<List<StoredEvent>> answer(DomainReads reads) {
      return reads.storedPage(afterSeq, limit);
    }
  }

  /** The journal's head as stored. */
  record JournalHeadQuery() implements DomainQuery<JournalHead> {
    @Override
    public Future<JournalHead> answer(DomainReads reads) {
      return reads.journalHead();
    }
  }

  /** Where the archived part of the journal ends (seq and hash of its last event, and its month's end). */
  record ArchivedHeadQuery() implements DomainQuery<ArchivedPart> {
    @Override
    public Future<ArchivedPart> answer(DomainReads reads) {
      return reads.archivedHead();
    }
  }
}
