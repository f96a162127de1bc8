package dev.contactrouter.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Reason;
import dev.contactrouter.core.ReasonCode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every reason code the engine gives has the console's words in every language it speaks
 * ({@code code.<code>} in {@code webroot/i18n/<lang>.json}, the tables the router serves), with
 * exactly the code's parameters, and the tables hold no code the engine no longer gives.
 */
class ReasonTranslationsTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void everyCodeHasItsWordsWithItsParameters(String lang) throws IOException {
    JsonObject table = table(lang);
    List<String> problems = new ArrayList<>();
    for (ReasonCode code : ReasonCode.values()) {
      String text = table.getString("code." + code.code());
      if (text == null) {
        problems.add("no code." + code.code());
        continue;
      }
      TreeSet<String> expected = new TreeSet<>(Reason.parameters(code.templates().get(0)));
      TreeSet<String> used = new TreeSet<>();
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        used.add(m.group(1));
      }
      if (!used.equals(expected)) {
        problems.add("code." + code.code() + " has " + used + ", the engine gives " + expected);
      }
    }
    assertThat(problems).as("reason codes in i18n/" + lang + ".json").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void noWordsForACodeTheEngineDoesNotGive(String lang) throws IOException {
    TreeSet<String> known = new TreeSet<>();
    for (ReasonCode code : ReasonCode.values()) {
      known.add("code." + code.code());
    }
    // code.<set>.<value> words a parameter's value (a gate, a status, a phone's report), not a code.
    List<String> stray = table(lang).fieldNames().stream()
        .filter(k -> k.startsWith("code.") && !known.contains(k))
        .filter(k -> !k.startsWith("code.gatename.") && !k.startsWith("code.status.") && !k.startsWith("code.report."))
        .sorted().toList();
    assertThat(stray).as("words for codes the engine does not give, in i18n/" + lang + ".json").isEmpty();
  }

  private static JsonObject table(String lang) throws IOException {
    String path = "webroot/i18n/" + lang + ".json";
    try (InputStream in = ReasonTranslationsTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path + " on the classpath (the agent-console artifact)").isNotNull();
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
