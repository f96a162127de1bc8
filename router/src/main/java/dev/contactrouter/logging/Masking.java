package dev.contactrouter.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never reach a log: credentials (bearer tokens, access tokens, sign-in tokens,
 * configured key=role pairs, passwords) and customer identity numbers (mainland resident
 * identity numbers, Hong Kong identity card numbers). Applied to every log line the engine
 * writes, whatever logged it.
 */
public final class Masking {
  private Masking() {}

  private record Rule(Pattern pattern, java.util.function.Function<Matcher, String> replacement) {}

  private static final List<Rule> RULES = List.of(
      rule("(?i)(Bearer\\s+)[A-Za-z0-9._~+/=-]+", m -> m.group(1) + "***"),
      rule("(?i)(access_token=)[^&\\s\"']+", m -> m.group(1) + "***"),
      rule("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+", m -> "***token***"),
      rule("(?i)(\"?password\"?\\s*[:=]\\s*\"?)[^\\s\",&}]+", m -> m.group(1) + "***"),
      rule("[A-Za-z0-9_-]{8,}=(telephony|supervisor|admin|agent:[A-Za-z0-9._:-]+)", m -> "***=" + m.group(1)),
      // Mainland resident identity number: 6-digit region, birth date, sequence, check digit.
      rule("(?<![0-9])([1-9]\\d{2})\\d{3}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}([0-9Xx])(?![0-9])",
          m -> m.group(1) + "**************" + m.group(2)),
      // Hong Kong identity card: one or two letters, six digits, check digit (often in brackets).
      rule("(?<![A-Za-z0-9])([A-Z]{1,2})\\d{6}\\(?[0-9A]\\)?(?![A-Za-z0-9])", m -> m.group(1) + "******(*)"));

  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(out);
      if (!m.find()) {
        continue;
      }
      StringBuilder sb = new StringBuilder();
      do {
        m.appendReplacement(sb, Matcher.quoteReplacement(r.replacement().apply(m)));
      } while (m.find());
      m.appendTail(sb);
      out = sb.toString();
    }
    return out;
  }

  private static Rule rule(String regex, java.util.function.Function<Matcher, String> replacement) {
    return new Rule(Pattern.compile(regex), replacement);
  }
}
