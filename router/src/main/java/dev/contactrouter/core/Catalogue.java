package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A per-domain catalogue of codes with bilingual labels: the reasons an agent may give for going
 * not ready, or the dispositions a contact may be wrapped up with. A domain with no catalogue of a
 * kind (or an empty one) takes free text there, as before catalogues existed.
 *
 * @param entries in the order clients list them; codes unique
 */
public record Catalogue(Kind kind, List<Entry> entries) {
  /** The labels every entry must carry: the console's two languages. */
  public static final List<String> LANGUAGES = List.of("en", "zh-CN");
  /** At most this many entries in one catalogue. */
  public static final int MAX_ENTRIES = 100;
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** What a catalogue lists. */
  public enum Kind implements WireName {
    /** Why an agent is not ready (break, training, ...): {@code PUT /v1/agents/{id}/status} {@code reason}. */
    NOT_READY_REASONS("not-ready-reasons", "not-ready reason", "/reason"),
    /** How a contact ended (resolved, sale, ...): {@code POST /v1/contacts/{id}/complete} {@code disposition}. */
    DISPOSITIONS("dispositions", "disposition", "/disposition");

    private final String wire;
    private final String noun;
    private final String field;

    Kind(String wire, String noun, String field) {
      this.wire = wire;
      this.noun = noun;
      this.field = field;
    }

    @Override
    public String wire() {
      return wire;
    }

    /** The code a catalogue of this kind holds, in words. */
    String noun() {
      return noun;
    }

    /** The request field its codes are given in. */
    String field() {
      return field;
    }

    public static Optional<Kind> fromWire(String wire) {
      return WireName.fromWire(values(), wire);
    }
  }

  /**
   * One code.
   *
   * @param labels by language ({@code en}, {@code zh-CN}, ...)
   * @param active false for a code kept for the labels of past records but no longer to be used
   */
  public record Entry(String code, Map<String, String> labels, boolean active) {
    public Entry {
      labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
  }

  public Catalogue {
    entries = List.copyOf(entries);
  }

  /** No catalogue: free text. */
  public static Catalogue empty(Kind kind) {
    return new Catalogue(kind, List.of());
  }

  /** Whether codes are checked against it: it has entries. */
  public boolean configured() {
    return !entries.isEmpty();
  }

  public Optional<Entry> entry(String code) {
    return entries.stream().filter(e -> e.code().equals(code)).findFirst();
  }

  /** Whether {@code code} may be used now: no catalogue, or an active entry of it. */
  public boolean allows(String code) {
    return !configured() || entry(code).map(Entry::active).orElse(false);
  }

  /** The codes that may be used now, in the catalogue's order. */
  public List<String> allowed() {
    return entries.stream().filter(Entry::active).map(Entry::code).toList();
  }

  /** Why this catalogue cannot be configured, as {detail, field}, or null. */
  String[] invalid() {
    if (entries.size() > MAX_ENTRIES) {
      return new String[] {"a catalogue holds at most " + MAX_ENTRIES + " entries", "/entries"};
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      String at = "/entries/" + i;
      if (e.code() == null || !CODE.matcher(e.code()).matches()) {
        return new String[] {
            "a code is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", at + "/code"};
      }
      if (!seen.add(e.code())) {
        return new String[] {"code '" + e.code() + "' is listed twice", at + "/code"};
      }
      List<String> missing = new ArrayList<>();
      for (String language : LANGUAGES) {
        String label = e.labels().get(language);
        if (label == null || label.isBlank()) {
          missing.add(language);
        }
      }
      if (!missing.isEmpty()) {
        return new String[] {"code '" + e.code() + "' needs a label in " + String.join(" and ", missing),
            at + "/labels"};
      }
    }
    if (configured() && allowed().isEmpty()) {
      return new String[] {"at least one entry must be active (send no entries to take free text again)",
          "/entries"};
    }
    return null;
  }
}
