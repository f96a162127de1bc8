package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One customer's personal values blanked in a domain's state, exactly as a replay of the journal
 * reads them once the customer's data keys are destroyed (crypto-shredding): a sealed text field
 * reads {@link #ERASED}, a customer id {@code erased:<key id>} (the key that sealed it), a map of
 * attributes empty; a field that was not set stays unset. What it blanks is what journal format 1
 * revision 12 seals (see {@code store/format/Sealing}): a contact's customer id and name,
 * attributes, caller and notes, its callback number and survey comment; a complaint case's
 * customer, summary and the notes of its history (findings, result, feedback comment); an
 * account-opening case's customer and step notes; a return visit's customer. Routing facts (ids,
 * times, queues, agents, tiers, risk levels, outcomes) stay as they are.
 *
 * <p>It works on the immutable {@link DomainSnapshot}, so the writer blanks the state it decides
 * with and the snapshot it stores from one record tree, and {@link RoutingDomain#restore} derives
 * every lookup again (the customer index then knows the customer only by its erased ids).
 */
public final class PersonalErasure {
  /** What an erased text field reads as. */
  public static final String ERASED = "[erased]";

  private PersonalErasure() {}

  /** What an erased customer id reads as: distinct per data key, linked to no one. */
  public static String erasedId(String keyId) {
    return "erased:" + keyId;
  }

  /**
   * Which data key sealed what of one customer's, as far as the writer can tell.
   *
   * @param customerId the customer erased
   * @param arrivals the customer's contacts whose arrival the journal still holds, by contact id, in
   *     journal order: the id of the key their arrival was sealed with, or the customer's own id
   *     when it was stored in clear (before revision 12: such a contact is left as a replay leaves it)
   * @param archivedKey the key named for a contact or case whose arrival the live journal no longer
   *     holds (archived months): the key of the customer's earliest live arrival, a guess when the
   *     customer has several keys (the archive files alone tell which)
   * @param recentKey the key named for a return visit not yet due (no lookup column finds the event
   *     that scheduled it): the key the writer seals the customer's data with now, a guess when the
   *     customer has several keys
   */
  public record Keys(String customerId, Map<String, String> arrivals, String archivedKey, String recentKey) {
    public Keys {
      arrivals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arrivals));
    }

    /** The key that sealed this contact's arrival, or null when the arrival was stored in clear. */
    String ofContact(String contactId) {
      String found = arrivals.get(contactId);
      return found == null ? archivedKey : found.equals(customerId) ? null : found;
    }

    /**
     * The key of a case opened with its first work item (a contact {@code <case id>-…} queued in the
     * same decision, so sealed with the same key), else {@link #archivedKey}.
     */
    String ofCase(String caseId, Set<String> clearArrivals) {
      String prefix = caseId + "-";
      for (Map.Entry<String, String> a : arrivals.entrySet()) {
        if (a.getKey().startsWith(prefix) && !clearArrivals.contains(a.getKey())) {
          return a.getValue();
        }
      }
      return archivedKey;
    }
  }

  /** {@code state} with the customer's personal values blanked; the same state when it holds none. */
  public static DomainSnapshot blank(DomainSnapshot state, Keys keys) {
    String customer = keys.customerId();
    Set<String> clear = new java.util.HashSet<>();
    keys.arrivals().forEach((contact, value) -> {
      if (value.equals(customer)) {
        clear.add(contact);
      }
    });
    List<DomainSnapshot.Contact> contacts = new ArrayList<>(state.contacts().size());
    for (DomainSnapshot.Contact c : state.contacts()) {
      String key = keys.ofContact(c.spec().id());
      contacts.add(holds(c.spec().customer(), customer) && key != null ? contact(c, key) : c);
    }
    List<DomainSnapshot.Case> cases = new ArrayList<>(state.cases().size());
    for (DomainSnapshot.Case k : state.cases()) {
      cases.add(holds(k.view().customer(), customer)
          ? new DomainSnapshot.Case(complaint(k.view(), keys.ofCase(k.view().id(), clear)), k.nextPoint(), k.feedbackBy())
          : k);
    }
    List<AccountCaseView> accountCases = new ArrayList<>(state.accountCases().size());
    for (AccountCaseView a : state.accountCases()) {
      accountCases.add(holds(a.customer(), customer) ? accountCase(a, keys.ofCase(a.id(), clear)) : a);
    }
    List<FollowUp> followUps = new ArrayList<>(state.followUps().size());
    for (FollowUp f : state.followUps()) {
      followUps.add(holds(f.customer(), customer)
          ? new FollowUp(f.id(), f.sourceContactId(), f.caseId(), customer(f.customer(), keys.recentKey()),
              f.preferredAgent(), f.queue(), f.dueAt(), f.reason())
          : f);
    }
    return new DomainSnapshot(state.arrivals(), state.registrations(), state.queues(), state.agents(), contacts,
        state.retired(), state.calendars(), state.categories(), state.apiKeys(), state.rules(), cases, followUps,
        state.webhooks(), accountCases, state.catalogues());
  }

  private static DomainSnapshot.Contact contact(DomainSnapshot.Contact c, String key) {
    ContactSpec s = c.spec();
    Call call = s.call() == null || s.call().caller() == null ? s.call()
        : new Call(s.call().callId(), ERASED, s.call().dialled());
    ContactSpec spec = new ContactSpec(s.id(), s.channel(), s.queue(), s.skills(), s.priority(),
        customer(s.customer(), key), Map.of(), s.externalId(), s.site(), s.requiredLicences(), s.idempotencyKey(),
        s.fingerprint(), s.category(), s.product(), s.preferredAgent(), call);
    DomainSnapshot.Service v = c.service();
    DomainSnapshot.Service service = new DomainSnapshot.Service(v.channel(), v.gateLicences(), v.held(), v.heldIn(),
        v.routingReasons(), v.routeStage(), v.preferredAgent(), v.preferredTeam(), v.stageUntil(),
        text(v.callbackNumber()), v.callbackRequestedAt(), v.csat(), v.nps(), text(v.surveyComment()),
        v.ringingOffer(), v.stages());
    return new DomainSnapshot.Contact(spec, c.seq(), c.arrivedAt(), c.status(), c.queue(), c.targetAgent(),
        c.queuedAt(), c.agentId(), c.offerId(), c.offerAgent(), c.offerMadeAt(), c.offerExpiresAt(),
        c.offerAttempts(), c.assignedAt(), c.endedAt(), c.disposition(), text(c.notes()), c.stage(), c.rejectedBy(),
        c.priorityKey(), c.agingRate(), c.priorityBoost(), c.relaxBy(), c.sla(), service);
  }

  private static CaseView complaint(CaseView k, String key) {
    List<CaseView.Transition> history = new ArrayList<>(k.history().size());
    for (CaseView.Transition t : k.history()) {
      history.add(new CaseView.Transition(t.from(), t.to(), t.step(), t.at(), t.by(), text(t.note())));
    }
    return new CaseView(k.id(), k.stage(), customer(k.customer(), key), k.sourceContactId(), k.channel(),
        text(k.summary()), k.kind(), k.severity(), k.department(), k.owner(), k.openedAt(), k.stageStartedAt(),
        k.workContactId(), k.deadline(), k.nearAt(), k.nearBreach(), k.breachedNow(), k.breachedStages(),
        text(k.findings()), text(k.result()), k.satisfied(), text(k.feedbackComment()), k.resultAt(), k.closedAt(),
        history);
  }

  private static AccountCaseView accountCase(AccountCaseView a, String key) {
    List<AccountCaseView.StepTaken> steps = new ArrayList<>(a.steps().size());
    for (AccountCaseView.StepTaken s : a.steps()) {
      steps.add(new AccountCaseView.StepTaken(s.step(), s.at(), s.by(), s.workedBy(), text(s.note())));
    }
    return new AccountCaseView(a.id(), customer(a.customer(), key), a.channel(), a.sourceContactId(), a.openedAt(),
        a.deadline(), a.nearAt(), a.step(), a.workContactId(), steps, a.activatedAt(), a.workingDays());
  }

  private static Customer customer(Customer c, String key) {
    return new Customer(erasedId(key), text(c.name()), c.tier(), c.riskLevel(), c.relationshipManager());
  }

  private static boolean holds(Customer c, String customerId) {
    return c != null && customerId.equals(c.id());
  }

  private static String text(String value) {
    return value == null ? null : ERASED;
  }
}
