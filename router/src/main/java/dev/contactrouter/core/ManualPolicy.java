package dev.contactrouter.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manual's service limits for kinds of request (§1.3.2 and the graded response of §4.2.3), as
 * categories every domain starts with: a contact pushed with {@code "category":"trade-exception"}
 * is due within 24 hours, a system fault within 4, a complaint is acknowledged within 24. They
 * are not journaled: they are what a domain has before anyone configures it, read beside the
 * configured categories, and an administrator's {@code PUT /v1/categories/{id}} of the same id
 * replaces one (journaled as any category). Elapsed time, like the manual's 2-hour first
 * response: the limits are promises to the customer and service covers weekends (§1.2.2). The
 * 2-hour default and the 1-hour major limit are {@link SlaPolicy#MANUAL_FIRST_RESPONSE} and
 * {@link MajorContacts#POLICY}; complaint cases keep their own stage deadlines.
 */
public final class ManualPolicy {
  private static final Map<String, CategorySpec> CATEGORIES = new TreeMap<>();

  static {
    add("trade-exception", "Trade exception 交易异常", 24);
    add("system-fault", "System fault 系统故障", 4);
    add("complaint", "Complaint 投诉 (acknowledge)", 24);
  }

  private ManualPolicy() {}

  private static void add(String id, String name, int hours) {
    CATEGORIES.put(id, new CategorySpec(id, name, new SlaPolicy(hours * 3600, SlaPolicy.DEFAULT_TARGET_PERCENT,
        SlaPolicy.TimeBasis.ELAPSED, null, SlaPolicy.DEFAULT_NEAR_BREACH_PERCENT, List.of())));
  }

  /** Whether this is one of the manual's categories exactly as the manual sets it. */
  public static boolean isManualDefault(CategorySpec category) {
    return category.equals(CATEGORIES.get(category.id()));
  }

  /** A configured category, else the manual's of that id, else null. */
  static CategorySpec category(Map<String, CategorySpec> configured, String id) {
    CategorySpec c = configured.get(id);
    return c != null ? c : CATEGORIES.get(id);
  }

  /** The configured categories and the manual's not replaced, ordered by id. */
  static List<CategorySpec> categories(Map<String, CategorySpec> configured) {
    Map<String, CategorySpec> all = new TreeMap<>(CATEGORIES);
    all.putAll(configured);
    return List.copyOf(all.values());
  }
}
