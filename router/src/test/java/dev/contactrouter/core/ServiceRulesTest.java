package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.offer;
import static dev.contactrouter.core.Centre.offers;
import static dev.contactrouter.core.Centre.overflowAt;
import static dev.contactrouter.core.Centre.queue;
import static dev.contactrouter.core.Centre.sla;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.SlaPolicy.Action;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The securities service rules of the manual at the core, with a controllable clock: compliance
 * gates, relationship managers, complaint cases, return visits, callbacks and surveys. Every
 * command runs on the indexed and the linear domain ({@link Centre}).
 */
class ServiceRulesTest {

  static ServiceRules rules(String reviewQueue, int managerSeconds, int teamSeconds, String returnQueue,
      String complaintQueue) {
    return new ServiceRules(reviewQueue, new ServiceRules.Relationship(managerSeconds, teamSeconds),
        new ServiceRules.ReturnVisit(returnQueue, 3600, 7200, Set.of("sale")),
        complaintQueue == null ? ServiceRules.Complaints.OFF : new ServiceRules.Complaints(complaintQueue, null,
            24 * 3600, 72 * 3600, 48 * 3600, 24 * 3600, 4 * 3600, 3600, 80),
        ServiceRules.ScoreWeights.DEFAULTS);
  }

  @Nested
  class ComplianceGates {
    final Centre centre = new Centre();

    ComplianceGates() {
      centre.configure(queue("review").anyChannel().skill("compliance", 1));
      centre.configure(queue("general"));
      centre.configure(queue("funds").skill("funds", 3).sla(sla(20, overflowAt(50, "general"))));
      centre.configure(agent("adviser").skill("funds", 3).licence("investment_adviser", Centre.T0 + 3600_000));
      centre.configure(agent("plain").skill("funds", 5));
      centre.configure(agent("officer").skill("compliance", 2));
      centre.configure(rules("review", 0, 0, null, null));
    }

    @Test
    void aLicensedContactGoesOnlyToAnAgentHoldingTheLicenceValidNow() {
      centre.available("plain");
      centre.create(contact("c1", "funds").licence("investment_adviser").customer("cust", 4, null).product("F1", 3));
      assertThat(centre.contactView("c1").status()).as("plain holds no licence").isEqualTo(ContactStatus.QUEUED);

      Event.OfferMade made = offer(centre.available("adviser"));
      assertThat(made.agentId()).isEqualTo("adviser");
      assertThat(made.reasons()).contains(
          "gate: licences required: investment_adviser (held valid by 1 agent now; never relaxed)",
          "gate: suitable: customer risk level 4 >= product F1 risk level 3");
      ContactView.Routing routing = centre.contactView("c1").routing();
      assertThat(routing.held()).isFalse();
      assertThat(routing.licences()).containsExactly("investment_adviser");
    }

    @Test
    void anExpiredLicenceCountsAsNone() {
      centre.advanceSeconds(3601);
      centre.available("adviser");
      Decision d = centre.create(contact("c1", "funds").licence("investment_adviser"));

      assertThat(offers(d)).isEmpty();
      ContactView view = centre.contactView("c1");
      assertThat(view.queue()).as("nobody holds it valid any more: held for review").isEqualTo("review");
      assertThat(view.routing().held()).isTrue();
      assertThat(view.routing().reasons().get(0))
          .isEqualTo("unservable: no agent holds a valid investment_adviser licence");
    }

    @Test
    void anUnsuitableProductGoesToReviewWithItsReasonNeverToAnAgent() {
      centre.available("adviser");
      centre.available("plain");
      Decision d = centre.create(contact("c1", "funds").customer("cust", 3, null).product("F123", 4));

      List<Event.ComplianceChecked> checked = events(d, Event.ComplianceChecked.class);
      assertThat(checked).hasSize(1);
      assertThat(checked.get(0).held()).isTrue();
      assertThat(checked.get(0).reasons()).containsExactly(
          "unsuitable: customer risk level 3 is below product F123 risk level 4",
          "held for review in queue 'review': offered to no agent elsewhere");
      assertThat(offers(d)).isEmpty();
      ContactView view = centre.contactView("c1");
      assertThat(view.queue()).isEqualTo("review");
      assertThat(view.spec().attributes()).containsEntry("reviewFrom", "funds");

      // Only the review queue's own requirement applies there: the compliance officer gets it.
      Event.OfferMade made = offer(centre.available("officer"));
      assertThat(made.contactId()).isEqualTo("c1");
      assertThat(made.reasons()).anyMatch(r -> r.startsWith("gate: unsuitable"));
    }

    @Test
    void anUnassessedCustomerSuitsNoProduct() {
      centre.create(contact("c1", "funds").customer("cust", null, null).product("F1", 1));
      assertThat(centre.contactView("c1").routing().reasons().get(0))
          .isEqualTo("unsuitable: customer risk level not assessed; product F1 is risk level 1");
    }

    @Test
    void withoutAReviewQueueAGatedContactIsRefusedWithItsReason() {
      centre.configure(rules(null, 0, 0, null, null));
      Decision.Refused refused = centre.refused(Centre.createCommand(
          contact("c1", "funds").customer("cust", 2, null).product("F9", 5)));
      assertThat(refused.reason()).isEqualTo(Refusal.GATE);
      assertThat(refused.gate()).isEqualTo(Gate.SUITABILITY);
      assertThat(refused.detail()).startsWith("compliance: unsuitable: customer risk level 2 is below product F9");
    }

    @Test
    void noTransferOrOverflowTakesAHeldContactOutOfReview() {
      centre.create(contact("c1", "funds").customer("cust", 1, null).product("F1", 2));

      Decision.Refused moved = centre.refused(new Command.TransferContact("supervisor", "c1", "funds", "plain", null));
      assertThat(moved.detail()).contains("compliance hold").contains("review queue 'review'");
      assertThat(moved.gate()).isEqualTo(Gate.REVIEW_HOLD);
      assertThat(centre.refused(new Command.TransferContact("supervisor", "c1", "general", null, null)).reason())
          .isEqualTo(Refusal.GATE);
      // A named officer inside the review queue is fine.
      centre.available("officer");
      assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.OFFERED);
    }

    @Test
    void overflowAndNamedTransfersKeepTheLicenceFixedOnArrival() {
      centre.configure(queue("advice").licence("investment_adviser").sla(sla(20, overflowAt(50, "general"))));
      centre.available("plain");
      centre.create(contact("c1", "advice"));
      centre.runTimersUntil(centre.now + 10_000);

      ContactView view = centre.contactView("c1");
      assertThat(view.queue()).as("overflowed to a queue asking no licence").isEqualTo("general");
      assertThat(view.status()).as("still not offered to the unlicensed agent").isEqualTo(ContactStatus.QUEUED);
      Decision.Refused shortcut = centre.refused(new Command.TransferContact("supervisor", "c1", null, "plain", null));
      assertThat(shortcut.gate()).as("a supervisor's shortcut relaxes no gate").isEqualTo(Gate.LICENCE);
      assertThat(shortcut.detail()).isEqualTo("licence gate: agent plain holds no valid investment_adviser licence,"
          + " which the contact needs (never relaxed)");
      assertThat(offer(centre.available("adviser")).agentId()).isEqualTo("adviser");
    }
  }

  @Nested
  class RelationshipManagers {
    final Centre centre = new Centre();

    RelationshipManagers() {
      centre.configure(queue("hnw").skill("wealth", 3));
      centre.configure(agent("rm").skill("wealth", 1).team("hnw-desk"));
      centre.configure(agent("mate").skill("wealth", 3).team("hnw-desk"));
      centre.configure(agent("other").skill("wealth", 5));
      centre.configure(rules(null, 30, 60, null, null));
    }

    @Test
    void managerFirstThenTeamThenEveryoneEachStepAnEvent() {
      centre.notReady("rm", "meeting");
      centre.available("other");
      centre.available("mate");
      Decision created = centre.create(contact("c1", "hnw").customer("vip", 3, "rm"));

      Event.RoutingStageChanged first = events(created, Event.RoutingStageChanged.class).get(0);
      assertThat(first.stage()).isEqualTo(RouteStage.PREFERRED);
      assertThat(first.until()).isEqualTo(centre.now + 30_000);
      assertThat(first.reason()).isEqualTo("reserved for relationship manager rm for 30 s");
      assertThat(offers(created)).as("others are free, but it waits for the manager").isEmpty();

      List<Recorded> widened = centre.runTimersUntil(centre.now + 30_000);
      Event.RoutingStageChanged team = (Event.RoutingStageChanged) widened.get(0).event();
      assertThat(team.stage()).isEqualTo(RouteStage.TEAM);
      assertThat(team.reason()).isEqualTo("nobody took it while reserved for rm; offered to team hnw-desk for 60 s");
      Event.OfferMade made = (Event.OfferMade) widened.get(1).event();
      assertThat(made.agentId()).as("the manager's team before everyone").isEqualTo("mate");
      assertThat(made.reasons()).contains("stage: reserved for team hnw-desk");
    }

    @Test
    void theManagerGetsItWhenAvailableEvenWithoutTheSkillLevel() {
      centre.available("other");
      centre.available("rm");
      Event.OfferMade made = offer(centre.create(contact("c1", "hnw").customer("vip", 3, "rm")));
      assertThat(made.agentId()).isEqualTo("rm");
    }

    @Test
    void anOfflineManagerIsSkipped() {
      centre.available("other");
      Decision created = centre.create(contact("c1", "hnw").customer("vip", 3, "rm"));
      Event.RoutingStageChanged skipped = events(created, Event.RoutingStageChanged.class).get(0);
      assertThat(skipped.stage()).isEqualTo(RouteStage.TEAM);
      assertThat(skipped.reason()).startsWith("relationship manager rm is offline");
      assertThat(offers(created)).as("other is not of the manager's team").isEmpty();
    }

    @Test
    void aDeclineByTheManagerWidensAtOnce() {
      centre.available("other");
      centre.available("rm");
      Decision manager = centre.create(contact("c2", "hnw").customer("vip", 3, "rm"));
      String offerId = offer(manager).offerId();
      Decision declined = centre.reject(offerId, "rm");
      assertThat(events(declined, Event.RoutingStageChanged.class).get(0).reason())
          .startsWith("rm declined the offer; offered to team hnw-desk");
      centre.runTimersUntil(centre.now + 60_000);
      assertThat(centre.contactView("c2").offer().agentId()).as("everyone after the team's time").isEqualTo("other");
    }

    @Test
    void timersFollowTheStagesAndAnAnswerStopsThem() {
      centre.available("rm");
      centre.create(contact("c1", "hnw").customer("vip", 3, "rm"));
      assertThat(centre.domain.liveTimers()).extracting(Timers.Timer::key).contains("route:c1");
      centre.answer("c1");
      assertThat(centre.domain.liveTimers()).extracting(Timers.Timer::key).doesNotContain("route:c1");
    }
  }

  @Nested
  class ComplaintCases {
    final Centre centre = Centre.complaintDesk();

    Decision open(String id, Complaint.Kind kind, Complaint.Severity severity) {
      return centre.handle(new Command.OpenComplaint("supervisor", id, null, null, new Customer("cust", null, null, 3),
          Channel.VOICE, "charged twice", kind, severity));
    }

    Decision step(String id, Complaint.Step step, String by, String note, Complaint.Kind kind, String department,
        Boolean satisfied) {
      return centre.handle(new Command.AdvanceComplaint(by == null ? "supervisor" : "agent:" + by, id, step, by, note,
          kind, null, department, null, satisfied));
    }

    @Test
    void aCaseMovesThroughItsStagesEachRoutedAsWorkWithWhoAndWhy() {
      Decision opened = open("k1", null, null);
      assertThat(centre.complaint("k1").stage()).isEqualTo(Complaint.Stage.INTAKE);
      Event.CaseStageStarted intake = events(opened, Event.CaseStageStarted.class).get(0);
      assertThat(intake.workContactId()).isEqualTo("k1-intake");
      assertThat(intake.deadline()).as("acknowledge within 24 h").isEqualTo(centre.now + 24 * 3600_000L);
      assertThat(offer(opened).agentId()).isEqualTo("clerk");
      centre.answer("k1-intake");

      centre.notReady("clerk", "paperwork");
      Decision classified = step("k1", Complaint.Step.CLASSIFY, "clerk", "double charge", Complaint.Kind.SYSTEM_FAULT,
          "it", null);
      CaseView kase = centre.complaint("k1");
      assertThat(kase.stage()).isEqualTo(Complaint.Stage.INVESTIGATION);
      assertThat(kase.department()).isEqualTo("it");
      assertThat(kase.owner()).isEqualTo("clerk");
      assertThat(kase.deadline()).as("a system fault is handled within 4 h of opening").isEqualTo(Centre.T0 + 4 * 3600_000L);
      assertThat(centre.contactView("k1-intake").status()).isEqualTo(ContactStatus.COMPLETED);
      assertThat(events(classified, Event.CaseAdvanced.class).get(0).by()).isEqualTo("agent:clerk");

      centre.available("engineer");
      centre.answer("k1-investigation");
      assertThat(centre.refused(new Command.AdvanceComplaint("agent:clerk", "k1", Complaint.Step.INVESTIGATE, "clerk",
          "x", null, null, null, null, null)).reason()).as("only the holder of the work item").isEqualTo(Refusal.FORBIDDEN);
      step("k1", Complaint.Step.INVESTIGATE, "engineer", "batch job ran twice; refund", null, null, null);
      assertThat(centre.complaint("k1").stage()).isEqualTo(Complaint.Stage.RESULT);
      centre.available("clerk");
      assertThat(centre.contactView("k1-result").offer().agentId()).as("back to its owner first").isEqualTo("clerk");
      centre.answer("k1-result");
      step("k1", Complaint.Step.RESULT, "clerk", "refund issued", null, null, null);

      assertThat(centre.refused(new Command.AdvanceComplaint("supervisor", "k1", Complaint.Step.CLOSE, null, null, null,
          null, null, null, null)).detail()).as("closed loop").contains("feedback is recorded");
      centre.answer("k1-feedback");
      step("k1", Complaint.Step.FEEDBACK, "clerk", "happy", null, null, true);
      Decision closed = step("k1", Complaint.Step.CLOSE, "clerk", null, null, null, null);

      kase = centre.complaint("k1");
      assertThat(kase.stage()).isEqualTo(Complaint.Stage.CLOSED);
      assertThat(kase.satisfied()).isTrue();
      assertThat(kase.history()).extracting(CaseView.Transition::to).containsExactly(Complaint.Stage.INTAKE,
          Complaint.Stage.INVESTIGATION, Complaint.Stage.RESULT, Complaint.Stage.FEEDBACK, Complaint.Stage.FEEDBACK,
          Complaint.Stage.CLOSED);
      FollowUp visit = events(closed, Event.FollowUpScheduled.class).get(0).followUp();
      assertThat(visit.dueAt()).as("return visit after the configured delay").isEqualTo(centre.now + 7200_000L);
      assertThat(visit.preferredAgent()).isEqualTo("clerk");
    }

    @Test
    void deadlinesFireNearAndBreachAndSupervisorsSeeThem() {
      centre.notReady("clerk", "lunch");
      open("k1", null, Complaint.Severity.MAJOR);
      assertThat(centre.complaint("k1").deadline()).as("a major issue within the hour").isEqualTo(centre.now + 3600_000L);

      List<Recorded> near = centre.runTimersUntil(centre.now + 48 * 60_000L);
      assertThat(near).extracting(Recorded::event).containsExactly(
          new Event.CaseDeadlineReached("k1", Complaint.Stage.INTAKE, false, Centre.T0 + 3600_000L, Centre.T0 + 3600_000L));
      assertThat(centre.domain.complaints(centre.now, true, true)).extracting(CaseView::id).containsExactly("k1");
      assertThat(centre.complaint("k1").nearBreach()).isTrue();

      centre.runTimersUntil(centre.now + 12 * 60_000L);
      CaseView kase = centre.complaint("k1");
      assertThat(kase.breachedNow()).isTrue();
      assertThat(kase.breachedStages()).containsExactly(Complaint.Stage.INTAKE);
    }

    @Test
    void anAgentOpensAComplaintOnlyFromItsOwnContact() {
      centre.configure(queue("phone"));
      centre.ready(agent("voice"));
      centre.create(contact("call", "phone").customer("cust", 3, null));
      centre.answer("call");

      assertThat(centre.refused(new Command.OpenComplaint("agent:clerk", "k1", "call", "clerk", null, null, "rude",
          null, null)).reason()).isEqualTo(Refusal.FORBIDDEN);
      centre.applied(new Command.OpenComplaint("agent:voice", "k1", "call", "voice", null, null, "rude",
          Complaint.Kind.SERVICE_ATTITUDE, null));
      assertThat(centre.complaint("k1").channel()).isEqualTo(Channel.VOICE);
      assertThat(centre.complaint("k1").customer().id()).isEqualTo("cust");
    }
  }

  @Nested
  class ReturnVisitsAndCallbacks {
    final Centre centre = new Centre();

    ReturnVisitsAndCallbacks() {
      centre.configure(queue("sales"));
      centre.configure(queue("callbacks").channel(Channel.CALLBACK));
      centre.configure(agent("seller").team("desk"));
      centre.configure(agent("helper").team("desk"));
      centre.configure(rules(null, 30, 30, "callbacks", null));
    }

    @Test
    void theQueuesTheRulesNameMustExistAndTakeTheirWork() {
      Decision.Refused unknown = centre.refused(new Command.ConfigureRules("admin", rules(null, 30, 30, "nowhere", null)));
      assertThat(unknown.detail()).isEqualTo("unknown queue 'nowhere'");
      assertThat(unknown.field()).isEqualTo("/returnVisit/queue");
      Decision.Refused voice = centre.refused(new Command.ConfigureRules("admin", rules(null, 30, 30, "sales", null)));
      assertThat(voice.detail()).isEqualTo("queue 'sales' does not take callbacks");
      assertThat(voice.field()).isEqualTo("/returnVisit/queue");
      Decision.Refused oneChannel = centre.refused(new Command.ConfigureRules("admin",
          rules(null, 30, 30, "callbacks", "callbacks")));
      assertThat(oneChannel.detail())
          .isEqualTo("queue 'callbacks' must take every channel (case work is email and callback)");
      assertThat(oneChannel.field()).isEqualTo("/complaints/queue");
      assertThat(centre.refused(new Command.ConfigureRules("admin", rules(null, 30, 30, "callbacks", "nowhere")))
          .field()).isEqualTo("/complaints/queue");
    }

    @Test
    void aSaleSchedulesAReturnVisitRoutedFirstToTheSeller() {
      centre.available("seller");
      centre.create(contact("c1", "sales").customer("cust", 3, null));
      centre.answer("c1");
      Decision sold = centre.handle(new Command.CompleteContact("agent:seller", "c1", "seller", "sale", null));
      FollowUp visit = events(sold, Event.FollowUpScheduled.class).get(0).followUp();
      assertThat(visit.id()).isEqualTo("c1-rv");
      assertThat(visit.dueAt()).isEqualTo(centre.now + 3600_000L);
      assertThat(centre.domain.followUps()).containsExactly(visit);

      centre.available("helper");
      centre.available("seller");
      List<Recorded> due = centre.runTimersUntil(centre.now + 3600_000L);
      assertThat(due.get(0).event()).isEqualTo(new Event.FollowUpDue("c1-rv", "c1-rv", "return visit queued in 'callbacks'"));
      ContactView visitContact = centre.contactView("c1-rv");
      assertThat(visitContact.channel()).isEqualTo(Channel.CALLBACK);
      assertThat(visitContact.offer().agentId()).as("the original agent first").isEqualTo("seller");
      assertThat(visitContact.spec().attributes()).containsEntry("followUpOf", "contact:c1");
      assertThat(centre.domain.followUps()).isEmpty();
    }

    @Test
    void aWaitingCallerBecomesACallbackAndKeepsItsPlace() {
      centre.create(contact("first", "sales").priority(10));
      centre.advanceSeconds(5);
      centre.create(contact("second", "sales").priority(10));
      Decision converted = centre.handle(new Command.RequestCallback("telephony", "first", "+86-138-0000-0000"));
      assertThat(events(converted).get(0)).isEqualTo(new Event.CallbackRequested("first", "+86-138-0000-0000"));
      ContactView view = centre.contactView("first");
      assertThat(view.channel()).isEqualTo(Channel.CALLBACK);
      assertThat(view.callback().number()).isEqualTo("+86-138-0000-0000");

      Event.OfferMade made = offer(centre.available("seller"));
      assertThat(made.contactId()).as("its turn came first").isEqualTo("first");
      assertThat(events(centre.applied(new Command.RequestCallback("telephony", "first", null))))
          .as("asking again changes nothing").isEmpty();
      centre.configure(queue("chats").channel(Channel.CHAT));
      centre.create(contact("chat", "chats").channel(Channel.CHAT));
      assertThat(centre.refused(new Command.RequestCallback("telephony", "chat", null)).detail())
          .contains("only a waiting voice call");
    }

    @Test
    void aSurveyFollowsACompletedContactOnce() {
      centre.available("seller");
      centre.create(contact("c1", "sales"));
      assertThat(centre.refused(new Command.RecordSurvey("supervisor", "c1", 5, 10, null)).reason())
          .isEqualTo(Refusal.CONFLICT);
      centre.answer("c1");
      centre.complete("c1", "seller");
      Decision d = centre.applied(new Command.RecordSurvey("supervisor", "c1", 4, 9, "quick"));
      assertThat(events(d).get(0)).isEqualTo(new Event.SurveyRecorded("c1", "seller", "sales", 4, 9, "quick"));
      assertThat(centre.contactView("c1").survey()).isEqualTo(new ContactView.Survey(4, 9, "quick"));
      assertThat(centre.refused(new Command.RecordSurvey("supervisor", "c1", 5, 10, null)).detail())
          .contains("already");
      assertThat(centre.refused(new Command.RecordSurvey("supervisor", "c1", 6, null, null)).reason())
          .isIn(Refusal.CONFLICT, Refusal.INVALID);
    }
  }
}
