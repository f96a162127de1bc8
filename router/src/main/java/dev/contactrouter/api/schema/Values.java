package dev.contactrouter.api.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * What JSON Schema sees in a decoded value: its kind, whether a number is an integer, how two
 * numbers compare, how long a string is. A body decoded by Vert.x is a {@link JsonObject} whose
 * nested objects and arrays are plain {@link Map}s and {@link List}s; both forms are read here
 * without wrapping them.
 */
final class Values {
  static final int NULL = 1;
  static final int BOOLEAN = 1 << 1;
  static final int INTEGER = 1 << 2;
  static final int NUMBER = 1 << 3;
  static final int STRING = 1 << 4;
  static final int OBJECT = 1 << 5;
  static final int ARRAY = 1 << 6;

  private Values() {}

  /** The value's kind as a bit of the masks above; an integral number is both NUMBER and INTEGER. */
  static int kind(Object v) {
    if (v == null) {
      return NULL;
    } else if (v instanceof String) {
      return STRING;
    } else if (v instanceof Number n) {
      return isInteger(n) ? NUMBER | INTEGER : NUMBER;
    } else if (v instanceof Boolean) {
      return BOOLEAN;
    } else if (v instanceof Map || v instanceof JsonObject) {
      return OBJECT;
    } else if (v instanceof List || v instanceof JsonArray) {
      return ARRAY;
    }
    return 0;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object v) {
    return v instanceof JsonObject json ? json.getMap() : (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object v) {
    return v instanceof JsonArray json ? json.getList() : (List<Object>) v;
  }

  /** JSON Schema's integer: a number whose fractional part is zero, whatever its Java type. */
  static boolean isInteger(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte || n instanceof BigInteger) {
      return true;
    } else if (n instanceof BigDecimal d) {
      return d.remainder(BigDecimal.ONE).signum() == 0;
    }
    double d = n.doubleValue();
    return d % 1 == 0;
  }

  /** Compares two numbers: exactly when either is a big number, as doubles otherwise. */
  static int compare(Number a, Number b) {
    if (a instanceof BigDecimal || a instanceof BigInteger || b instanceof BigDecimal || b instanceof BigInteger) {
      return big(a).compareTo(big(b));
    }
    double x = a.doubleValue();
    double y = b.doubleValue();
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private static BigDecimal big(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    } else if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    } else if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /** Equality as JSON sees it: numbers by value, everything else by {@code equals}. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return compare(x, y) == 0;
    }
    return a == null ? b == null : a.equals(b);
  }

  /** A string's length in Unicode code points, as JSON Schema counts it. */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
