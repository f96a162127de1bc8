package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stage report folded from a real journal: stays entered in the period, their average and
 * 90th-percentile length once over, and the contacts sitting in each stage now with the oldest.
 */
class StageReportTest {

  private static StageReport.Row row(List<StageReport.Row> rows, ServiceStage stage) {
    return rows.stream().filter(r -> r.stage() == stage).findFirst().orElseThrow();
  }

  private static List<StageReport.Row> report(Centre centre, long from, long to) {
    StageReport report = new StageReport(from, to, centre.now);
    centre.journal.forEach(report::accept);
    return report.rows();
  }

  @Test
  void timeInEachStageAndWhereContactsStall() {
    Centre centre = Centre.desk("general", "a1", "a2");
    centre.configure(queue("settlement").serves(ServiceStage.SETTLEMENT));
    centre.available("a1");
    centre.available("a2");
    long start = centre.now;
    centre.create(contact("c1", "general")); // intake 10 s, consultation 30 s, settlement: waiting
    centre.create(contact("c2", "general")); // intake 20 s, consultation 50 s, then completed
    centre.answer("c1");
    centre.answer("c2");
    centre.advanceSeconds(10);
    centre.applied(new Command.AdvanceStage("agent:a1", "c1", "a1", ServiceStage.CONSULTATION, null));
    centre.advanceSeconds(10);
    centre.applied(new Command.AdvanceStage("agent:a2", "c2", "a2", ServiceStage.CONSULTATION, null));
    centre.advanceSeconds(20);
    centre.applied(new Command.AdvanceStage("agent:a1", "c1", "a1", ServiceStage.SETTLEMENT, null));
    centre.advanceSeconds(30);
    centre.complete("c2", "a2");
    centre.create(contact("c3", "general")); // in intake now, 0 s
    centre.advanceSeconds(5);

    List<StageReport.Row> rows = report(centre, start, centre.now + 1);

    StageReport.Row intake = row(rows, ServiceStage.INTAKE);
    assertThat(intake.entered()).isEqualTo(3);
    assertThat(intake.left()).isEqualTo(2);
    assertThat(intake.averageSeconds()).isEqualTo(15.0);
    assertThat(intake.p90Seconds()).isEqualTo(20.0);
    assertThat(intake.current()).isEqualTo(1);
    assertThat(intake.oldestContactId()).isEqualTo("c3");
    assertThat(intake.oldestSeconds()).isEqualTo(5.0);

    StageReport.Row consultation = row(rows, ServiceStage.CONSULTATION);
    assertThat(consultation.entered()).isEqualTo(2);
    assertThat(consultation.left()).isEqualTo(2);
    assertThat(consultation.averageSeconds()).isEqualTo(40.0);
    assertThat(consultation.p90Seconds()).isEqualTo(50.0);
    assertThat(consultation.current()).isZero();
    assertThat(consultation.oldestContactId()).isNull();

    StageReport.Row settlement = row(rows, ServiceStage.SETTLEMENT);
    assertThat(settlement.entered()).isEqualTo(1);
    assertThat(settlement.left()).isZero();
    assertThat(settlement.averageSeconds()).isNull();
    assertThat(settlement.current()).as("stalled in the settlement queue").isEqualTo(1);
    assertThat(settlement.oldestContactId()).isEqualTo("c1");
    assertThat(settlement.oldestSeconds()).isEqualTo(35.0);

    assertThat(row(rows, ServiceStage.TRADE).entered()).as("skipped").isZero();
    assertThat(rows).extracting(StageReport.Row::stage).containsExactly(ServiceStage.values());

    // A period that ends before the settlement stage began counts only what began in it; what is
    // sitting in a stage now is shown whatever the period.
    List<StageReport.Row> early = report(centre, start, start + 15_000);
    assertThat(row(early, ServiceStage.SETTLEMENT).entered()).isZero();
    assertThat(row(early, ServiceStage.CONSULTATION).entered()).isEqualTo(1);
    assertThat(row(early, ServiceStage.INTAKE).entered()).isEqualTo(2);
    assertThat(row(early, ServiceStage.SETTLEMENT).current()).isEqualTo(1);
  }
}
