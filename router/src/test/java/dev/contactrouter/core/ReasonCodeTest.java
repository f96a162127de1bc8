package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reason codes: every template reads back as its own code with the parameters it was written
 * with, codes are unique, and every reason, effect and note the engine wrote in random runs of
 * every command has a code.
 */
class ReasonCodeTest {
  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)(?::(n|list|reason|text))?}");
  private static final String NESTED = "queue 'q-9' is closed";

  @Test
  void everyTemplateReadsBackAsItsCodeWithItsParameters() {
    for (ReasonCode code : ReasonCode.values()) {
      for (String template : code.templates()) {
        Map<String, Object> expected = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        Matcher m = PARAM.matcher(template);
        int from = 0;
        int i = 0;
        while (m.find()) {
          text.append(template, from, m.start());
          String kind = m.group(2);
          i++;
          if ("n".equals(kind)) {
            text.append(10 + i);
            expected.put(m.group(1), (long) (10 + i));
          } else if ("list".equals(kind)) {
            text.append("lic_a, lic_b");
            expected.put(m.group(1), List.of("lic_a", "lic_b"));
          } else if ("reason".equals(kind)) {
            text.append(NESTED);
            expected.put(m.group(1), new Reason(ReasonCode.HOURS_QUEUE_CLOSED, Map.of("queue", "q-9")));
          } else {
            text.append("v").append(i);
            expected.put(m.group(1), "v" + i);
          }
          from = m.end();
        }
        text.append(template.substring(from));
        Reason read = Reason.of(text.toString());
        assertThat(read).as(text.toString()).isNotNull();
        assertThat(read.code()).as(text.toString()).isEqualTo(code);
        assertThat(read.params()).as(text.toString()).isEqualTo(expected);
        assertThat(Reason.parameters(template)).isEqualTo(List.copyOf(expected.keySet()));
      }
    }
  }

  @Test
  void codesAreUniqueAndEveryTemplateOfACodeHasTheSameParameters() {
    Set<String> seen = new HashSet<>();
    for (ReasonCode code : ReasonCode.values()) {
      assertThat(seen.add(code.code())).as("duplicate code " + code.code()).isTrue();
      assertThat(code.code()).matches("[a-z]+(\\.[a-z_]+)+");
      for (String template : code.templates()) {
        assertThat(Reason.parameters(template)).as(code.code()).isEqualTo(Reason.parameters(code.templates().get(0)));
      }
    }
  }

  @Test
  void aPersonsOwnWordsHaveNoCode() {
    assertThat(Reason.of("customer hung up twice")).isNull();
    assertThat(Reason.of("")).isNull();
    assertThat(Reason.of(null)).isNull();
  }

  @Test
  void everyReasonTheEngineWroteInRandomRunsHasACode() {
    List<String> texts = new ArrayList<>();
    for (long seed = 1; seed <= 12; seed++) {
      for (Recorded r : RandomRun.of(seed, 400).events()) {
        texts.addAll(engineTexts(r.event()));
      }
    }
    assertThat(texts).as("the runs no longer produce worded reasons").hasSizeGreaterThan(200);
    List<String> uncoded = texts.stream().filter(t -> Reason.of(t) == null).distinct().toList();
    assertThat(uncoded).as("texts the engine wrote without a code").isEmpty();
    Set<ReasonCode> used = new HashSet<>();
    texts.forEach(t -> used.add(Reason.of(t).code()));
    assertThat(used).as("codes met in the runs").hasSizeGreaterThan(15);
  }

  /** The texts an event carries that the engine worded (not an agent's or a switch's own reason). */
  private static List<String> engineTexts(Event event) {
    List<String> out = new ArrayList<>();
    if (event instanceof Event.OfferMade e) {
      out.addAll(e.reasons());
    } else if (event instanceof Event.ComplianceChecked e) {
      out.addAll(e.reasons());
    } else if (event instanceof Event.OfferRevoked e) {
      out.add(e.reason());
    } else if (event instanceof Event.SlaThresholdReached e) {
      out.add(e.effect());
    } else if (event instanceof Event.ContactOutOfHours e) {
      out.add(e.reason());
    } else if (event instanceof Event.RoutingStageChanged e) {
      out.add(e.reason());
    } else if (event instanceof Event.FollowUpDue e) {
      out.add(e.note());
    } else if (event instanceof Event.CallLost e) {
      out.add(e.reason());
    }
    return out;
  }
}
