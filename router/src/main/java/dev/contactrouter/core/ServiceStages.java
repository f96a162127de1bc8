package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.invalid;

import java.util.ArrayList;
import java.util.List;

/**
 * The five stages of a service (§1.2.2): 受理 intake → 咨询 consultation → 交易 trade → 结算
 * settlement → 反馈 feedback. Every contact enters intake when it arrives, owned by whoever
 * created it; the agent holding it, a supervisor or an intake system advances it, and each stage
 * it enters is recorded with when and by whom.
 *
 * <p>Stages go forward only, and may be skipped: the manual's flow runs one way (a customer's
 * feedback closes the service), and most contacts are a pure consultation that never reaches trade
 * or settlement. Going back would rewrite a record the manual wants traceable; a new need is a new
 * contact. Advancing to the stage a contact is already in changes nothing (a retried request).
 *
 * <p>A queue may declare the stage it serves ({@link QueueSpec#stage}): advancing a contact to
 * that stage hands it to that queue as new work (the engine's transfer: the agent holding it goes
 * to wrap-up, it waits in the stage's queue), and it stays one contact with one stage record. When
 * several queues serve the stage the one that takes the contact's channel is chosen; the caller
 * names one ({@code queue}) when more than one could.
 */
final class ServiceStages extends RulePart {
  ServiceStages(Parts parts) {
    super(parts);
  }

  Decision advanceStage(Step step, Command.AdvanceStage c) {
    Decision refused = refuseUnlessOpenAndHeld(c.contactId(), c.byAgent(), "advance its stage");
    if (refused != null) {
      return refused;
    }
    ContactState contact = contacts.get(c.contactId());
    ServiceStage now = contact.currentStage();
    if (c.stage() == now) {
      return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
    }
    if (c.stage().compareTo(now) < 0) {
      return conflict("contact is already in stage " + now.wire() + "; service stages go forward only ("
          + ServiceStage.allowed() + ")");
    }
    String toQueue;
    if (c.queue() != null) {
      QueueState named = queues.get(c.queue());
      if (named == null) {
        return invalid("unknown queue '" + c.queue() + "'", "/queue");
      }
      if (named.spec.stage() != c.stage()) {
        return invalid("queue '" + c.queue() + "' does not serve stage " + c.stage().wire(), "/queue");
      }
      toQueue = c.queue();
    } else {
      Candidates found = candidates(contact, c.stage());
      if (found.refusal != null) {
        return found.refusal;
      }
      toQueue = found.queue;
    }
    if (toQueue != null && toQueue.equals(contact.queue)) {
      toQueue = null; // already waiting or served there: nothing to hand over
    }
    if (toQueue != null) {
      refused = parts.lifecycle.refuseMove(step, contact, toQueue, null);
      if (refused != null) {
        return refused;
      }
    }
    step.emit(new Event.ContactStageAdvanced(contact.id(), c.stage(), step.actor, toQueue));
    if (toQueue != null) {
      parts.lifecycle.move(step, contact, toQueue, null);
    }
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  /** The queue a contact advanced to {@code stage} goes to (null for none), or why none can be chosen. */
  private record Candidates(String queue, Decision refusal) {}

  private Candidates candidates(ContactState contact, ServiceStage stage) {
    List<String> serving = new ArrayList<>();
    List<String> fit = new ArrayList<>();
    for (QueueState q : queues.values()) { // by id
      if (q.spec.stage() == stage) {
        serving.add(q.spec.id());
        if (q.spec.channel() == null || q.spec.channel() == contact.channel()) {
          fit.add(q.spec.id());
        }
      }
    }
    if (serving.isEmpty()) {
      return new Candidates(null, null);
    }
    if (fit.size() == 1) {
      return new Candidates(fit.get(0), null);
    }
    if (fit.isEmpty()) {
      return new Candidates(null, conflict("no queue serving stage " + stage.wire() + " takes "
          + contact.channel().wire() + " contacts: " + String.join(", ", serving)));
    }
    return new Candidates(null, invalid("several queues serve stage " + stage.wire() + ": "
        + String.join(", ", fit) + "; name one in queue", "/queue"));
  }

  /** A contact arrived: it is in intake, owned by whoever created it. */
  void arrived(String contactId, long at, String actor) {
    contacts.get(contactId).enterStage(new ContactView.StageEntry(ServiceStage.INTAKE, at, actor, null));
  }

  /**
   * The stages a contact entered as its view lists them. A contact restored from a snapshot written
   * before stages were recorded has none: it is in intake since it arrived, by whom is not known.
   */
  static List<ContactView.StageEntry> of(ContactState contact) {
    List<ContactView.StageEntry> stages = contact.stages();
    return stages.isEmpty() ? List.of(intakeBefore(contact)) : stages;
  }

  private static ContactView.StageEntry intakeBefore(ContactState contact) {
    return new ContactView.StageEntry(ServiceStage.INTAKE, contact.arrivedAt, null, null);
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.ContactStageAdvanced e) {
      ContactState contact = contacts.get(e.contactId());
      if (contact.stages().isEmpty()) {
        contact.enterStage(intakeBefore(contact));
      }
      contact.enterStage(new ContactView.StageEntry(e.stage(), at, e.by(), e.toQueue()));
      return true;
    }
    return false;
  }
}
