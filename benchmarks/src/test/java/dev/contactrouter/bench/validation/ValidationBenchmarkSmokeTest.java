package dev.contactrouter.bench.validation;

import dev.contactrouter.bench.JmhSmoke;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ValidationBenchmark} in-process for a fraction of a second per case, so it does not
 * rot (its setup also checks that both validators judge both bodies as expected). Not a
 * measurement: nothing here looks at how fast anything was.
 */
class ValidationBenchmarkSmokeTest {

  @Test
  void measuresBothValidatorsOnBothBodies() throws Exception {
    JmhSmoke.run(JmhSmoke.quick(ValidationBenchmark.class).build(), 4);
  }
}
