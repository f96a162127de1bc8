package dev.contactrouter.store.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.WebhookSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Webhooks in snapshot format 3: written only when a domain has any (so a snapshot without them
 * is byte for byte what the golden file holds), and read back with their secrets.
 */
class SnapshotWebhooksTest {
  @Test
  void webhooksAreKeptInASnapshotWithTheirSecretsAndLeftOutWhenThereAreNone() {
    DomainSnapshot golden = GoldenSnapshot.snapshot();
    assertThat(SnapshotFormat.encode(golden)).doesNotContain("webhooks");
    List<WebhookSpec> webhooks = List.of(
        new WebhookSpec("crm", "https://crm.example.com/h", Set.of("offer_accepted"), Set.of("stocks"), "secret-0123456789", true),
        new WebhookSpec("ivr", "http://127.0.0.1:8089/p", Set.of("position_changed"), Set.of(), "secret-abcdefghij", false));
    DomainSnapshot with = new DomainSnapshot(golden.arrivals(), golden.registrations(), golden.queues(), golden.agents(),
        golden.contacts(), golden.retired(), golden.calendars(), golden.categories(), golden.apiKeys(), golden.rules(),
        golden.cases(), golden.followUps(), webhooks);
    String encoded = SnapshotFormat.encode(with);
    assertThat(encoded).contains("\"webhooks\":[").contains("secret-0123456789");
    assertThat(SnapshotFormat.decode(encoded)).isEqualTo(with);
    assertThat(SnapshotFormat.decode(SnapshotFormat.encode(golden)).webhooks()).isEmpty();
  }
}
