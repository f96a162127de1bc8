package dev.contactrouter.core;

import java.util.Objects;

/**
 * The product a sale or advice contact is about, with the risk level its issuer assessed (R1–R5 in
 * the suitability rules: 1 lowest, 5 highest).
 */
public record Product(String code, int riskLevel) {
  public Product {
    Objects.requireNonNull(code, "code");
  }
}
