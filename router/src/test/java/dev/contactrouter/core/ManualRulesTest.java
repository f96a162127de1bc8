package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.events;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

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
}
