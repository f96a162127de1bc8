package dev.contactrouter.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs {@link HeldMemory} at small sizes so it does not rot: every contact must be admitted and
 * left waiting in both domains (it throws otherwise), and a row is printed per size. Not a
 * measurement: nothing here looks at how many bytes were held.
 */
class HeldMemorySmokeTest {

  @Test
  @Timeout(60)
  void printsARowPerSizeWithEveryContactWaitingInBothDomains() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      HeldMemory.main(new String[] {"200", "1_000"});
    } finally {
      System.setOut(out);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);

    assertThat(printed).contains("| waiting contacts | heap held (MB) | bytes per waiting contact |");
    assertThat(printed.lines().filter(l -> l.startsWith("| 200 |") || l.startsWith("| 1,000 |"))).hasSize(2);
  }
}
