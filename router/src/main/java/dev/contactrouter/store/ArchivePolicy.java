package dev.contactrouter.store;

import java.util.Map;

/**
 * How long each domain's journal stays live before its months are archived.
 *
 * @param defaultDays days every domain keeps live unless {@code byDomain} names it; 0 keeps everything
 * @param byDomain days per domain, overriding the default (0 keeps that domain's events for ever)
 */
public record ArchivePolicy(int defaultDays, Map<String, Integer> byDomain) {
  public static final ArchivePolicy KEEP_EVERYTHING = new ArchivePolicy(0, Map.of());

  public ArchivePolicy {
    byDomain = Map.copyOf(byDomain);
  }

  /** The domain's retention in days; 0 means it is never archived. */
  public int days(String domain) {
    return byDomain.getOrDefault(domain, defaultDays);
  }

  /** Whether any domain is ever archived. */
  public boolean active() {
    return defaultDays > 0 || byDomain.values().stream().anyMatch(d -> d > 0);
  }
}
