package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reason, effect or refusal as a code with named parameters: what a console puts in its own
 * words. Read from the English text the engine writes ({@link #of}), by the templates of {@link
 * ReasonCode}.
 *
 * @param params each parameter by name, in template order: a {@link String}, a {@link Long} or
 *     {@link Double} ({@code :n}), a {@code List<String>} ({@code :list}), or for a {@code :reason}
 *     parameter a nested {@link Reason} (a {@link String} when that text has no code)
 */
public record Reason(ReasonCode code, Map<String, Object> params) {
  public Reason {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)(?::(n|list|reason|text))?}");
  private static final Pattern LIST_SEPARATOR = Pattern.compile(", | and | ");
  private static final List<Form> FORMS = forms();

  /**
   * One template compiled: the text before its first parameter and its longest literal part (quick
   * tests that skip most templates before the pattern runs), the pattern of its whole text and, per
   * group, its parameter's name and kind.
   */
  private record Form(ReasonCode code, String prefix, String literal, Pattern pattern, List<String> names,
      List<String> kinds) {}

  /** The code and parameters of a text the engine wrote, or null when it has none (a person's own words). */
  public static Reason of(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    for (Form form : FORMS) {
      if (!text.startsWith(form.prefix) || !text.contains(form.literal)) {
        continue;
      }
      Matcher m = form.pattern.matcher(text);
      if (m.matches()) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < form.names.size(); i++) {
          params.put(form.names.get(i), value(m.group(i + 1), form.kinds.get(i)));
        }
        return new Reason(form.code, params);
      }
    }
    return null;
  }

  private static Object value(String raw, String kind) {
    if (kind == null || kind.equals("text")) {
      return raw;
    }
    return switch (kind) {
      case "n" -> raw.matches("-?\\d+") ? (Object) Long.valueOf(raw) : (Object) Double.valueOf(raw);
      case "list" -> List.copyOf(Arrays.asList(LIST_SEPARATOR.split(raw)));
      default -> {
        Reason nested = of(raw);
        yield nested == null ? raw : nested;
      }
    };
  }

  private static List<Form> forms() {
    List<Form> forms = new ArrayList<>();
    for (ReasonCode code : ReasonCode.values()) {
      for (String template : code.templates()) {
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        int from = 0;
        String prefix = null;
        String literal = "";
        while (m.find()) {
          regex.append(Pattern.quote(template.substring(from, m.start())));
          prefix = prefix == null ? template.substring(0, m.start()) : prefix;
          literal = longer(literal, template.substring(from, m.start()));
          String kind = m.group(2);
          regex.append(kind == null ? "([^\\s']+)" : switch (kind) {
            case "n" -> "(-?\\d+(?:\\.\\d+)?)";
            case "list" -> "([^ ].*?)";
            case "text" -> "(.*?)";
            default -> "(.+?)";
          });
          names.add(m.group(1));
          kinds.add(kind);
          from = m.end();
        }
        regex.append(Pattern.quote(template.substring(from)));
        literal = longer(literal, template.substring(from));
        forms.add(new Form(code, prefix == null ? template : prefix, literal, Pattern.compile(regex.toString(), Pattern.DOTALL), names, kinds));
      }
    }
    return List.copyOf(forms);
  }

  private static String longer(String a, String b) {
    return b.length() > a.length() ? b : a;
  }

  /** The parameter names of a template, in order (for tests and documentation). */
  public static List<String> parameters(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
