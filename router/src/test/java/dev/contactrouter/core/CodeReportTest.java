package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not-ready time per reason and completed contacts per disposition, folded from a journal the
 * core wrote: stretches cut to the period and to the report's time, labels from the catalogues,
 * a later recorded outcome replacing a switch's hang-up.
 */
class CodeReportTest {
  private static final Map<String, String> BREAK = Map.of("en", "Break", "zh-CN", "小休");
  private static final Map<String, String> RESOLVED = Map.of("en", "Resolved", "zh-CN", "已解决");

  @Test
  void notReadyTimeIsSummedPerReasonAndAgentWithinThePeriod() {
    Centre centre = Centre.desk("stocks", "a1", "a2");
    centre.applied(new Command.ConfigureCatalogue("admin", new Catalogue(Catalogue.Kind.NOT_READY_REASONS,
        List.of(new Catalogue.Entry("break", BREAK, true), new Catalogue.Entry("training", BREAK, true)))));
    centre.notReady("a1", "break");
    centre.notReady("a2", "break");
    long from = centre.now + 30_000; // the period starts half-way through the first minute
    centre.advanceSeconds(60);
    centre.notReady("a1", "training");
    centre.advanceSeconds(90);
    centre.available("a1");
    centre.advanceSeconds(15);
    centre.applied(new Command.SetAgentStatus("supervisor", "a2", AgentStatus.NOT_READY, null));
    centre.advanceSeconds(20); // a2 is still not ready (unspecified) when the report is made
    long asOf = centre.now;

    CodeReport report = new CodeReport(from, asOf + 3_600_000, asOf);
    centre.journal.forEach(report::accept);
    CodeReport.Report r = report.report();

    assertThat(r.notReady()).extracting(CodeReport.ReasonRow::reason).containsExactly("break", "training", "unspecified");
    CodeReport.ReasonRow breaks = r.notReady().get(0);
    assertThat(breaks.byAgent()).isEqualTo(Map.of("a1", 30.0, "a2", 135.0)); // a2: 30 s + 90 s + 15 s
    assertThat(breaks.seconds()).isEqualTo(165.0);
    assertThat(breaks.labels()).isEqualTo(BREAK);
    assertThat(r.notReady().get(1).seconds()).isEqualTo(90.0);
    assertThat(r.notReady().get(2).seconds()).isEqualTo(20.0);
    assertThat(r.notReady().get(2).labels()).as("a code no catalogue lists has no labels").isEmpty();
    assertThat(r.notReadySeconds()).isEqualTo(275.0);
    assertThat(breaks.share()).isEqualTo(60.0);
    assertThat(report.report()).as("reading it twice gives the same report").isEqualTo(r);
  }

  @Test
  void completedContactsAreCountedPerDispositionAndALaterOutcomeReplacesTheHangUp() {
    Centre centre = new Centre();
    centre.configure(queue("stocks"));
    centre.configure(agent("a1").device("sip", "sip:1001@127.0.0.1:5071"));
    centre.applied(new Command.ConfigureCatalogue("admin", new Catalogue(Catalogue.Kind.DISPOSITIONS,
        List.of(new Catalogue.Entry("resolved", RESOLVED, true), new Catalogue.Entry("sale", RESOLVED, true)))));
    centre.available("a1");
    String[] dispositions = {"resolved", "resolved", null, "sale"};
    for (int i = 0; i < dispositions.length; i++) {
      centre.create(contact("c" + i, "stocks"));
      centre.answer("c" + i);
      centre.applied(new Command.CompleteContact("agent:a1", "c" + i, "a1", dispositions[i], null));
      centre.available("a1");
    }
    // A switch-ended call completes as hangup; the agent records the real outcome afterwards.
    centre.create(contact("c9", "stocks").call("call-9"));
    centre.applied(new Command.ReportCall("telephony", "call-9", Command.CallReport.ANSWERED, centre.offerOf("c9"), null));
    centre.applied(new Command.ReportCall("telephony", "call-9", Command.CallReport.HANGUP, null, "caller"));
    centre.applied(new Command.CompleteContact("agent:a1", "c9", "a1", "sale", null));

    CodeReport report = new CodeReport(Centre.T0, centre.now + 1, centre.now);
    centre.journal.forEach(report::accept);
    CodeReport.Report r = report.report();

    assertThat(r.completed()).isEqualTo(5);
    assertThat(r.dispositions()).containsExactly(
        new CodeReport.DispositionRow("resolved", RESOLVED, 2, 40.0),
        new CodeReport.DispositionRow("sale", RESOLVED, 2, 40.0),
        new CodeReport.DispositionRow(null, Map.of(), 1, 20.0));
  }
}
