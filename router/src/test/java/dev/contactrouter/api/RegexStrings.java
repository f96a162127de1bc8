package dev.contactrouter.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Strings that match a regular expression, for generating valid values of {@code pattern}
 * schemas. Knows the part of the syntax such patterns use: anchors, groups with alternatives,
 * character classes with ranges, {@code \d}-style escapes, {@code .}, and the quantifiers
 * {@code ? * + {n} {n,} {n,m}} (open repetitions stop after a few). Anything else throws
 * {@link IllegalArgumentException}, and the caller falls back to other strings.
 */
final class RegexStrings {
  private sealed interface Node permits Literal, CharClass, Sequence, Choice, Repeat {}

  private record Literal(char c) implements Node {}

  private record CharClass(List<char[]> ranges, boolean negated) implements Node {}

  private record Sequence(List<Node> parts) implements Node {}

  private record Choice(List<Node> options) implements Node {}

  private record Repeat(Node node, int min, int max) implements Node {}

  private final String pattern;
  private int at;

  private RegexStrings(String pattern) {
    this.pattern = pattern;
  }

  /** A generator of strings matching {@code pattern}. */
  static java.util.function.Function<Random, String> matching(String pattern) {
    RegexStrings parser = new RegexStrings(pattern);
    Node root = parser.choice();
    if (parser.at != pattern.length()) {
      throw new IllegalArgumentException("unsupported regex syntax at " + parser.at + " in " + pattern);
    }
    return random -> {
      StringBuilder b = new StringBuilder();
      generate(root, random, b);
      return b.toString();
    };
  }

  private Node choice() {
    List<Node> options = new ArrayList<>();
    options.add(sequence());
    while (at < pattern.length() && pattern.charAt(at) == '|') {
      at++;
      options.add(sequence());
    }
    return options.size() == 1 ? options.get(0) : new Choice(options);
  }

  private Node sequence() {
    List<Node> parts = new ArrayList<>();
    while (at < pattern.length() && pattern.charAt(at) != '|' && pattern.charAt(at) != ')') {
      char c = pattern.charAt(at);
      if (c == '^' || c == '$') {
        at++;
        continue;
      }
      parts.add(quantified(atom()));
    }
    return new Sequence(parts);
  }

  private Node atom() {
    char c = pattern.charAt(at++);
    switch (c) {
      case '(' -> {
        if (pattern.startsWith("?:", at)) {
          at += 2;
        }
        Node inner = choice();
        expect(')');
        return inner;
      }
      case '[' -> {
        return charClass();
      }
      case '\\' -> {
        return escape(pattern.charAt(at++));
      }
      case '.' -> {
        return new CharClass(List.<char[]>of(new char[] {' ', '~'}), false);
      }
      case '*', '+', '?', '{' -> throw new IllegalArgumentException("dangling quantifier in " + pattern);
      default -> {
        return new Literal(c);
      }
    }
  }

  private Node escape(char e) {
    return switch (e) {
      case 'd' -> new CharClass(List.<char[]>of(new char[] {'0', '9'}), false);
      case 'w' -> new CharClass(List.of(new char[] {'a', 'z'}, new char[] {'A', 'Z'}, new char[] {'0', '9'},
          new char[] {'_', '_'}), false);
      case 's' -> new CharClass(List.<char[]>of(new char[] {' ', ' '}), false);
      default -> {
        if (Character.isLetterOrDigit(e)) {
          throw new IllegalArgumentException("unsupported escape \\" + e + " in " + pattern);
        }
        yield new Literal(e);
      }
    };
  }

  private Node charClass() {
    boolean negated = at < pattern.length() && pattern.charAt(at) == '^';
    if (negated) {
      at++;
    }
    List<char[]> ranges = new ArrayList<>();
    boolean first = true;
    while (pattern.charAt(at) != ']' || first) {
      first = false;
      char from = pattern.charAt(at++);
      if (from == '\\') {
        Node e = escape(pattern.charAt(at++));
        if (e instanceof CharClass cc) {
          ranges.addAll(cc.ranges());
          continue;
        }
        from = ((Literal) e).c();
      }
      if (pattern.charAt(at) == '-' && pattern.charAt(at + 1) != ']') {
        at++;
        char to = pattern.charAt(at++);
        ranges.add(new char[] {from, to});
      } else {
        ranges.add(new char[] {from, from});
      }
    }
    at++;
    return new CharClass(ranges, negated);
  }

  private Node quantified(Node node) {
    if (at >= pattern.length()) {
      return node;
    }
    char q = pattern.charAt(at);
    switch (q) {
      case '?' -> {
        at++;
        return new Repeat(node, 0, 1);
      }
      case '*' -> {
        at++;
        return new Repeat(node, 0, 6);
      }
      case '+' -> {
        at++;
        return new Repeat(node, 1, 7);
      }
      case '{' -> {
        int close = pattern.indexOf('}', at);
        String[] bounds = pattern.substring(at + 1, close).split(",", -1);
        at = close + 1;
        int min = Integer.parseInt(bounds[0]);
        int max = bounds.length == 1 ? min : bounds[1].isEmpty() ? min + 6 : Integer.parseInt(bounds[1]);
        return new Repeat(node, min, max);
      }
      default -> {
        return node;
      }
    }
  }

  private void expect(char c) {
    if (at >= pattern.length() || pattern.charAt(at) != c) {
      throw new IllegalArgumentException("expected " + c + " at " + at + " in " + pattern);
    }
    at++;
  }

  private static void generate(Node node, Random random, StringBuilder b) {
    if (node instanceof Literal l) {
      b.append(l.c());
    } else if (node instanceof CharClass c) {
      b.append(pick(c, random));
    } else if (node instanceof Sequence s) {
      s.parts().forEach(p -> generate(p, random, b));
    } else if (node instanceof Choice c) {
      generate(c.options().get(random.nextInt(c.options().size())), random, b);
    } else if (node instanceof Repeat r) {
      int n = r.min() + random.nextInt(r.max() - r.min() + 1);
      for (int i = 0; i < n; i++) {
        generate(r.node(), random, b);
      }
    }
  }

  private static char pick(CharClass c, Random random) {
    if (!c.negated()) {
      char[] range = c.ranges().get(random.nextInt(c.ranges().size()));
      return (char) (range[0] + random.nextInt(range[1] - range[0] + 1));
    }
    for (int tries = 0; tries < 1000; tries++) {
      char candidate = (char) (' ' + random.nextInt('~' - ' ' + 1));
      boolean inside = c.ranges().stream().anyMatch(r -> candidate >= r[0] && candidate <= r[1]);
      if (!inside) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("no printable character outside a negated class");
  }
}
