package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.createCommand;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** New contacts and configuration: what is accepted, what is refused and why. */
class IntakeTest {
  private final Centre centre = new Centre();

  @BeforeEach
  void voiceQueue() {
    centre.configure(queue("billing").channel(Channel.VOICE));
  }

  @Test
  void contactForAnUnknownQueueIsInvalidAtQueue() {
    Decision.Refused refused = centre.refused(createCommand(contact("c1", "nowhere")));

    assertThat(refused.reason()).isEqualTo(Refusal.INVALID);
    assertThat(refused.field()).isEqualTo("/queue");
    assertThat(centre.domain.contact("c1", centre.now)).isEmpty();
  }

  @Test
  void contactOnTheWrongChannelIsInvalidAtChannel() {
    Decision.Refused refused = centre.refused(createCommand(contact("c1", "billing").channel(Channel.CHAT)));

    assertThat(refused.reason()).isEqualTo(Refusal.INVALID);
    assertThat(refused.field()).isEqualTo("/channel");
  }

  @Test
  void queueOpenToEveryChannelTakesAnyContact() {
    centre.configure(queue("complaints").anyChannel());

    centre.create(contact("c1", "complaints").channel(Channel.CHAT));
    centre.create(contact("c2", "complaints").channel(Channel.EMAIL));

    assertThat(centre.stats("complaints").waiting()).isEqualTo(2);
  }

  @Test
  void badContactFieldsAreNamed() {
    assertThat(centre.refused(createCommand(contact("c1", "billing").priority(101))).field()).isEqualTo("/priority");
    assertThat(centre.refused(createCommand(contact("c1", "billing").priority(-1))).field()).isEqualTo("/priority");
    assertThat(centre.refused(createCommand(contact("c1", "billing").skill("french", 6))).field())
        .isEqualTo("/skills/french");
    ContactSpec risky =
        new ContactSpec("c1", Channel.VOICE, "billing", null, 0, new Customer("cust", null, null, 7), null,
            null, null, null, null, null, null, null, null, null);
    assertThat(centre.refused(new Command.CreateContact("telephony", risky)).field())
        .isEqualTo("/customer/riskLevel");
  }

  @Test
  void contactIdIsUnique() {
    centre.create(contact("c1", "billing"));

    assertThat(centre.refused(createCommand(contact("c1", "billing"))).reason()).isEqualTo(Refusal.CONFLICT);
  }

  @Test
  void repeatedIdempotencyKeyWithTheSameRequestReplaysTheFirstContact() {
    Decision.Applied first = centre.create(contact("c1", "billing").idempotency("key-1", "sha:aaa"));
    centre.advanceSeconds(3);

    Decision.Applied again = centre.create(contact("c1-retry", "billing").idempotency("key-1", "sha:aaa"));

    assertThat(first.events()).isNotEmpty();
    assertThat(again.events()).isEmpty();
    Reply.ContactReply reply = (Reply.ContactReply) again.reply();
    assertThat(reply.replayed()).isTrue();
    assertThat(reply.contact().id()).isEqualTo("c1");
    assertThat(((Reply.ContactReply) first.reply()).replayed()).isFalse();
    assertThat(centre.domain.contact("c1-retry", centre.now)).isEmpty();
    assertThat(centre.stats("billing").offered()).isEqualTo(1);
  }

  @Test
  void repeatedIdempotencyKeyWithADifferentRequestIsAConflict() {
    centre.create(contact("c1", "billing").idempotency("key-1", "sha:aaa"));

    Decision.Refused refused =
        centre.refused(createCommand(contact("c2", "billing").idempotency("key-1", "sha:bbb")));

    assertThat(refused.reason()).isEqualTo(Refusal.CONFLICT);
    assertThat(centre.domain.contact("c2", centre.now)).isEmpty();
  }

  @Test
  void badQueueConfigurationIsRefusedWithItsField() {
    Map<String, QueueSpec> bad =
        Map.of(
            "/skills/x", new QueueSpec("q", null, null, Map.of("x", 0), null, null, 0, 0, 15, 0, 60, null, null, null),
            "/priority", new QueueSpec("q", null, null, null, null, null, 101, 0, 15, 0, 60, null, null, null),
            "/agingRate", new QueueSpec("q", null, null, null, null, null, 0, Double.NaN, 15, 0, 60, null, null, null),
            "/offerTimeoutSeconds", new QueueSpec("q", null, null, null, null, null, 0, 0, 0, 0, 60, null, null, null),
            "/wrapUpSeconds", new QueueSpec("q", null, null, null, null, null, 0, 0, 15, -1, 60, null, null, null),
            "/expectedHandleSeconds",
            new QueueSpec("q", null, null, null, null, null, 0, 0, 15, 0, 0, null, null, null));
    bad.forEach(
        (field, spec) -> {
          Decision.Refused refused = centre.refused(new Command.ConfigureQueue("admin", spec));
          assertThat(refused.reason()).isEqualTo(Refusal.INVALID);
          assertThat(refused.field()).as(spec.toString()).isEqualTo(field);
        });
    assertThat(centre.domain.queue("q")).isEmpty();
  }

  @Test
  void badAgentSkillLevelIsRefused() {
    Decision.Refused refused = centre.refused(new Command.ConfigureAgent("admin", agent("a1").skill("x", 9).build()));

    assertThat(refused.field()).isEqualTo("/skills/x");
    assertThat(centre.domain.agent("a1")).isEmpty();
  }

  @Test
  void configurationIsRecordedAndReplied() {
    QueueSpec spec = queue("sales").skill("sales", 2).build();

    Decision.Applied applied = centre.applied(new Command.ConfigureQueue("admin", spec));

    assertThat(events(applied)).containsExactly(new Event.QueueConfigured(spec));
    assertThat(applied.events().get(0).actor()).isEqualTo("admin");
    assertThat(applied.reply()).isEqualTo(new Reply.QueueReply(spec));
    assertThat(centre.domain.queues()).extracting(QueueSpec::id).containsExactly("billing", "sales");
  }
}
