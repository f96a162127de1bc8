package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.invalid;
import static dev.contactrouter.core.Refusals.notFound;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Integrators' webhooks: subscriptions to the domain's events, configured like queues and
 * calendars (journaled, replayed, snapshotted), delivered by the webhook deliverer outside the
 * core. Owns the subscriptions, by id. Event types and URLs are checked by the API, which knows
 * the event stream's names; the core checks what only the state can tell (the queues).
 */
final class Webhooks extends DomainPart {
  final Map<String, WebhookSpec> webhooks = new TreeMap<>();

  Webhooks(DomainState state) {
    super(state);
  }

  Decision configureWebhook(Step step, Command.ConfigureWebhook c) {
    WebhookSpec known = webhooks.get(c.webhook().id());
    WebhookSpec w = c.webhook();
    if (w.secret() == null) {
      if (known == null || known.secret() == null) {
        return invalid("secret is required: deliveries are signed with it", "/secret");
      }
      // A replacement that leaves the secret out keeps it (it is never shown, so it cannot be sent back).
      w = new WebhookSpec(w.id(), w.url(), w.types(), w.queues(), known.secret(), w.active());
    }
    if (w.types().isEmpty()) {
      return invalid("types must name at least one event type", "/types");
    }
    for (String queue : w.queues()) {
      if (!queues.containsKey(queue)) {
        return invalid("unknown queue '" + queue + "'", "/queues");
      }
    }
    if (w.equals(known)) {
      return step.done(new Reply.WebhookReply(w)); // the same PUT again: nothing to record
    }
    step.emit(new Event.WebhookConfigured(w));
    return step.done(new Reply.WebhookReply(w));
  }

  Decision deleteWebhook(Step step, Command.DeleteWebhook c) {
    if (!webhooks.containsKey(c.webhookId())) {
      return notFound("no webhook '" + c.webhookId() + "'");
    }
    step.emit(new Event.WebhookDeleted(c.webhookId()));
    return step.done(new Reply.Done());
  }

  Optional<WebhookSpec> webhook(String id) {
    return Optional.ofNullable(webhooks.get(id));
  }

  /** Every webhook, ordered by id. */
  List<WebhookSpec> webhooks() {
    return List.copyOf(webhooks.values());
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.WebhookConfigured e) {
      webhooks.put(e.webhook().id(), e.webhook());
    } else if (event instanceof Event.WebhookDeleted e) {
      webhooks.remove(e.webhookId());
    } else {
      return false;
    }
    return true;
  }
}
