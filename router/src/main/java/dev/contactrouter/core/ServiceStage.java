package dev.contactrouter.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * The five stages of a service (§1.2.2 of the manual): 受理 intake → 咨询 consultation → 交易
 * trade → 结算 settlement → 反馈 feedback, in this order. Every contact starts in {@link
 * #INTAKE}; it moves forward only, and may skip stages (a pure consultation never reaches trade
 * or settlement).
 */
public enum ServiceStage implements WireName {
  INTAKE, CONSULTATION, TRADE, SETTLEMENT, FEEDBACK;

  /** The stages' wire names in order, joined for a message: {@code intake, consultation, ...}. */
  public static String allowed() {
    return String.join(", ", Arrays.stream(values()).map(ServiceStage::wire).toList());
  }

  public static Optional<ServiceStage> fromWire(String wire) {
    return WireName.fromWire(values(), wire);
  }
}
