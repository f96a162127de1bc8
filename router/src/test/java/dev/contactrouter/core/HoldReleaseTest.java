package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.offer;
import static dev.contactrouter.core.Centre.offers;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The way out of a compliance hold: a supervisor's release after the customer is re-assessed, and
 * the router's when a licence nobody held is held now. Both check the gates afresh; neither
 * relaxes one. Every command runs on the indexed and the linear domain ({@link Centre}).
 */
class HoldReleaseTest {
  private final Centre centre = Centre.fundsWithReview();

  HoldReleaseTest() {
    centre.configure(queue("mortgages").licence("mortgage"));
    centre.configure(agent("a1").skill("funds", 3));
    centre.configure(agent("officer").skill("compliance", 2));
    centre.configure(ServiceRulesTest.rules("review", 30, 0, null, null));
  }

  private Decision release(String contactId, Integer riskLevel, String reason) {
    return centre.handle(new Command.ReleaseHold("supervisor:sue", contactId, riskLevel, reason));
  }

  @Test
  void aReassessedCustomerWhoNowSuitsTheProductGoesToTheQueueItWasMeantFor() {
    centre.heldForReview("c1");
    centre.available("a1");
    assertThat(centre.contactView("c1").status()).as("a funds agent is free, but the contact is held")
        .isEqualTo(ContactStatus.QUEUED);

    Decision.Applied released = (Decision.Applied) release("c1", 4, "re-assessed by phone: questionnaire 2026-118");

    Event.ContactReleased e = events(released).stream().filter(Event.ContactReleased.class::isInstance)
        .map(Event.ContactReleased.class::cast).findFirst().orElseThrow();
    assertThat(e.queue()).isEqualTo("funds");
    assertThat(e.customerRiskLevel()).isEqualTo(4);
    assertThat(e.reason()).contains("questionnaire");
    assertThat(e.reasons()).contains("suitable: customer risk level 4 >= product F1 risk level 4");
    assertThat(offer(released).agentId()).as("offered to the funds agent at once").isEqualTo("a1");
    ContactView view = centre.contactView("c1");
    assertThat(view.queue()).isEqualTo("funds");
    assertThat(view.routing().held()).isFalse();
    assertThat(view.spec().customer().riskLevel()).isEqualTo(4);
  }

  @Test
  void aReassessmentThatStillFallsShortReleasesNothing() {
    centre.create(contact("c1", "funds").customer("cust", 2, null).product("F1", 4));

    Decision.Refused refused = (Decision.Refused) release("c1", 3, "re-assessed");

    assertThat(refused.reason()).isEqualTo(Refusal.CONFLICT);
    assertThat(refused.detail()).isEqualTo("still held: unsuitable: customer risk level 3 is below product F1 risk level 4");
    assertThat(centre.contactView("c1").routing().held()).isTrue();
    assertThat(centre.contactView("c1").queue()).isEqualTo("review");
    assertThat(release("c1", null, "no new assessment")).as("the same customer, the same answer")
        .isInstanceOf(Decision.Refused.class);
  }

  @Test
  void onlyAHeldLiveContactIsReleasedAndTheRiskLevelIsChecked() {
    centre.create(contact("free", "funds"));
    assertThat(((Decision.Refused) release("free", 4, "x")).detail()).isEqualTo("contact is not held for compliance review");
    assertThat(((Decision.Refused) release("nobody", 4, "x")).reason()).isEqualTo(Refusal.NOT_FOUND);
    centre.create(contact("c1", "funds").customer("cust", 2, null).product("F1", 4));
    assertThat(((Decision.Refused) release("c1", 6, "x")).field()).isEqualTo("/riskLevel");
    centre.abandon("c1");
    assertThat(((Decision.Refused) release("c1", 4, "x")).detail()).isEqualTo("contact is already abandoned");
  }

  @Test
  void aLicenceGrantedLaterFreesTheContactsHeldOnlyForItAndNoOthers() {
    centre.create(contact("m1", "mortgages"));
    centre.create(contact("m2", "mortgages").customer("cust", 1, null).product("M9", 3));
    assertThat(centre.contactView("m1").routing().held()).isTrue();
    assertThat(centre.contactView("m1").routing().reasons())
        .contains("unservable: no agent holds a valid mortgage licence");

    Decision.Applied granted = centre.configure(agent("lender").licence("mortgage"));

    Event.ContactReleased e = events(granted).stream().filter(Event.ContactReleased.class::isInstance)
        .map(Event.ContactReleased.class::cast).findFirst().orElseThrow();
    assertThat(e.contactId()).isEqualTo("m1");
    assertThat(e.reason()).isEqualTo("an agent now holds a valid mortgage licence");
    assertThat(centre.contactView("m1").queue()).isEqualTo("mortgages");
    assertThat(centre.contactView("m1").routing().held()).isFalse();
    assertThat(centre.contactView("m1").routing().licences()).as("the licence stays part of its requirement")
        .containsExactly("mortgage");
    assertThat(centre.contactView("m2").routing().held()).as("an unsuitable customer is not freed by a licence")
        .isTrue();

    assertThat(offer(centre.available("lender")).contactId()).isEqualTo("m1");
  }

  /**
   * An advice call arriving out of hours becomes a callback in the callbacks queue, but keeps the
   * advice queue's licence; nobody holds it, so it waits for review. When an agent is granted the
   * licence the router releases it to the callbacks queue with that licence still part of its
   * requirement: an unlicensed agent free for callbacks is not offered it.
   */
  @Test
  void anOutOfHoursCallbackKeepsTheLicenceOfTheQueueItCalledWhenTheRouterReleasesIt() {
    heldOutOfHoursCallback("c1");
    centre.available("plain");

    Decision.Applied granted = centre.configure(agent("lender").licence("adviser"));

    Event.ContactReleased e = events(granted, Event.ContactReleased.class).stream().findFirst().orElseThrow();
    assertThat(e.queue()).isEqualTo("callbacks");
    assertThat(e.licences()).containsExactly("adviser");
    assertThat(e.reason()).isEqualTo("an agent now holds a valid adviser licence");
    assertThat(offers(granted)).as("the free agent holds no adviser licence").isEmpty();
    assertThat(centre.contactView("c1").queue()).isEqualTo("callbacks");
    assertThat(centre.contactView("c1").routing().licences()).containsExactly("adviser");
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.QUEUED);

    assertThat(offer(centre.available("lender")).contactId()).isEqualTo("c1");
  }

  /** A supervisor's release checks the licence of the queue the customer called, too: nobody holds it, so it stays. */
  @Test
  void aSupervisorReleasesNoOutOfHoursCallbackWhoseCalledQueuesLicenceNobodyHolds() {
    heldOutOfHoursCallback("c1");

    Decision decision = release("c1", null, "looked at it");

    assertThat(decision).isInstanceOf(Decision.Refused.class);
    Decision.Refused refused = (Decision.Refused) decision;
    assertThat(refused.reason()).isEqualTo(Refusal.CONFLICT);
    assertThat(refused.detail()).isEqualTo("still held: unservable: no agent holds a valid adviser licence");
    assertThat(centre.contactView("c1").queue()).isEqualTo("review");
    assertThat(centre.contactView("c1").routing().held()).isTrue();
  }

  /**
   * On the review desk: an advice queue (licence adviser) that calls back out of hours (T0, Monday
   * 09:00, is before it opens at 10:00) into a callbacks queue needing no licence, an agent
   * "plain" without licences; contact {@code id} called advice and is held, nobody holding adviser.
   */
  private void heldOutOfHoursCallback(String id) {
    Map<DayOfWeek, List<CalendarSpec.Hours>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      weekly.put(d, List.of(CalendarSpec.Hours.of("10:00", "17:00")));
    }
    centre.configure(queue("callbacks").channel(Channel.CALLBACK));
    centre.configure(new CalendarSpec("advice-hours", null, "UTC", weekly, null, null,
        new CalendarSpec.OutOfHours(CalendarSpec.Treatment.CALLBACK, null, "callbacks")));
    centre.configure(queue("advice").licence("adviser").calendar("advice-hours"));
    centre.configure(agent("plain"));

    centre.create(contact(id, "advice"));

    ContactView view = centre.contactView(id);
    assertThat(view.spec().attributes()).containsEntry("outOfHoursFrom", "advice")
        .containsEntry("reviewFrom", "callbacks");
    assertThat(view.queue()).isEqualTo("review");
    assertThat(view.routing().held()).isTrue();
    assertThat(view.routing().reasons()).contains("unservable: no agent holds a valid adviser licence");
  }
}
