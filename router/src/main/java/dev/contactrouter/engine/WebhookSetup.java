package dev.contactrouter.engine;

import dev.contactrouter.core.WebhookSpec;
import java.util.List;

/**
 * A domain's webhooks, secrets included, as its committed state holds them after event {@code
 * seq}: what the webhook deliverer needs to sign, and where a webhook it did not know yet starts.
 */
public record WebhookSetup(List<WebhookSpec> webhooks, long seq) {
  public WebhookSetup {
    webhooks = List.copyOf(webhooks);
  }
}
