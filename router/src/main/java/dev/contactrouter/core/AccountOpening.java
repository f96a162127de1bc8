package dev.contactrouter.core;

import java.util.Optional;

/**
 * The vocabulary of account-opening cases (§1.3.1, §3.3 and §4.1 of the manual): a request to
 * open a securities account, from any channel (a branch ticket, a call, the app), to be completed
 * within {@link #LIMIT_WORKING_DAYS} working days (§4.2.3; the manual measures today's average at
 * {@link #CURRENT_AVERAGE_DAYS}).
 */
public final class AccountOpening {
  /** The manual's limit, received to account active (§4.2.3: 开户流程的平均完成时间应控制在3个工作日内). */
  public static final int LIMIT_WORKING_DAYS = 3;
  /** The manual's measured average today (§4.1: 客户开户环节平均耗时为3.2个工作日). */
  public static final double CURRENT_AVERAGE_DAYS = 3.2;

  private AccountOpening() {}

  /**
   * The steps a case reaches, in order; every one after {@link #RECEIVED} is taken by whoever
   * holds the routed work item that asks for it. The manual's sources: §4.1's five phases
   * (预审 pre-review, 开户, 资料提交 documents submitted, 审核 review, 开户确认 confirmation), §3.3's
   * 身份验证 identity check, 风险测评 risk assessment and 账户开立 account opening, §4.2.2's 客户身份识别,
   * 风险评估, 开户确认.
   */
  public enum Step implements WireName {
    /** The application is received (受理 / 预审) from whatever channel it came in on. */
    RECEIVED,
    /** Identity and the documents submitted are checked (身份验证, 资料提交与审核). */
    DOCUMENTS_CHECKED,
    /** The customer's risk tolerance is assessed (风险测评, 适当性): what the account may trade. */
    SUITABILITY_ASSESSED,
    /** The opening is approved after review (审核). */
    APPROVED,
    /** The account is open and confirmed to the customer (开户确认): the case is done. */
    ACTIVE;

    /** The step after this one, or null after {@link #ACTIVE}. */
    public Step next() {
      return this == ACTIVE ? null : values()[ordinal() + 1];
    }

    public static Optional<Step> fromWire(String wire) {
      return WireName.fromWire(values(), wire);
    }
  }
}
