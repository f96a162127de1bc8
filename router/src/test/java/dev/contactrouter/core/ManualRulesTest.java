package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.offer;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Three rules of the manual (issue 19) at the core: survey systems post surveys, SMS is a channel
 * of its own, and the complaint KPI is the end-to-end handling time against 48 hours. Every
 * command runs on the indexed and the linear domain ({@link Centre}).
 */
class ManualRulesTest {

  @Nested
  class SurveySystems {
    final Centre centre = new Centre();

    SurveySystems() {
      centre.configure(queue("sales"));
      centre.configure(agent("seller"));
    }

    @Test
    void anAdministratorIssuesASurveyKeyAndItsSurveyIsRecordedLikeASupervisors() {
      Decision.Applied issued = centre.applied(new Command.IssueApiKey("admin/k0", "k-survey", "digest-of-survey",
          "survey", null, "IVR after-call survey", null));
      assertThat(events(issued).get(0)).isEqualTo(new Event.ApiKeyIssued("k-survey", "digest-of-survey", "survey", null,
          "IVR after-call survey", null));
      assertThat(centre.refused(new Command.IssueApiKey("admin/k0", "k-ivr", "digest-of-ivr", "survey", "seller",
          null, null)).detail()).contains("only an agent key");
      assertThat(centre.refused(new Command.IssueApiKey("admin/k0", "k-poll", "digest-of-poll", "pollster", null,
          null, null)).detail()).contains("survey");

      centre.available("seller");
      centre.create(contact("c1", "sales"));
      centre.answer("c1");
      centre.complete("c1", "seller");
      Decision.Applied d = centre.applied(new Command.RecordSurvey("survey/k-survey", "c1", 5, 10, null));
      assertThat(events(d).get(0)).isEqualTo(new Event.SurveyRecorded("c1", "seller", "sales", 5, 10, null));
      assertThat(centre.refused(new Command.RecordSurvey("survey/k-survey", "c1", 1, 0, null)).detail())
          .contains("already");
    }
  }

  @Nested
  class Sms {
    final Centre centre = new Centre();

    Sms() {
      centre.configure(queue("texts").channel(Channel.SMS));
      centre.configure(queue("chats").channel(Channel.CHAT));
      centre.configure(queue("calls").channel(Channel.VOICE));
      centre.configure(agent("texter").capacity(Channel.SMS, 2).capacity(Channel.CHAT, 3));
      centre.configure(agent("caller"));
    }

    @Test
    void aTextGoesOnlyToAnAgentGivenAnSmsCapacityAndFillsItOwnCapacityOnly() {
      assertThat(AgentProfile.DEFAULT_CAPACITY).as("nobody takes texts unless given an sms capacity")
          .doesNotContainKey(Channel.SMS);
      centre.available("caller");
      centre.available("texter");
      assertThat(offer(centre.create(contact("s1", "texts").channel(Channel.SMS))).agentId()).isEqualTo("texter");
      centre.answer("s1");
      assertThat(offer(centre.create(contact("s2", "texts").channel(Channel.SMS))).agentId()).isEqualTo("texter");
      centre.answer("s2");
      Decision third = centre.create(contact("s3", "texts").channel(Channel.SMS));
      assertThat(events(third, Event.OfferMade.class)).as("texter is full (2 texts), caller takes none").isEmpty();
      assertThat(centre.agentView("texter").load()).containsEntry(Channel.SMS, 2);
      Decision chat = centre.create(contact("h1", "chats").channel(Channel.CHAT));
      assertThat(offer(chat).agentId()).as("one channel at a time: no chat for texter beside its texts")
          .isEqualTo("caller");

      centre.complete("s1", "texter");
      assertThat(centre.contactView("s3").offer().agentId()).as("a freed text slot takes the next text")
          .isEqualTo("texter");
    }

    @Test
    void aTextIsNotRealTimeTheReconcilerLeavesItAssignedAndTheCustomerSeesItBesideCallsAndChats() {
      centre.configure(agent("allround").capacity(Channel.SMS, 1).capacity(Channel.CHAT, 1)
          .capacity(Channel.VOICE, 1));
      centre.available("allround");
      centre.create(contact("v1", "calls").channel(Channel.VOICE).customer("cust-1", null, null));
      centre.answer("v1");
      centre.complete("v1", "allround");
      centre.create(contact("h1", "chats").channel(Channel.CHAT).customer("cust-1", null, null));
      centre.answer("h1");
      centre.complete("h1", "allround");
      centre.create(contact("s1", "texts").channel(Channel.SMS).customer("cust-1", null, null));
      centre.answer("s1");

      centre.advanceSeconds(3 * 24 * 3600);
      assertThat(Reconciler.overdue(centre.domain, centre.now, 10_000, 12 * 3600_000L))
          .as("an SMS conversation legitimately takes days").isEmpty();
      List<ContactView> history = centre.domain.customerContacts("cust-1", centre.now);
      assertThat(history).extracting(v -> v.spec().channel()).containsExactly(Channel.SMS, Channel.CHAT, Channel.VOICE);
      assertThat(Channel.fromWire("sms")).contains(Channel.SMS);
    }
  }
}
