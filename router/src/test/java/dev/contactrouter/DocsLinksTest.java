package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation works in a clone: every relative link in README.md, docs/, deploy/,
 * benchmarks/README.md and agent-console/README.md names a file or folder inside the repository
 * (never {@code ../shared} or anything else above the root, never build output), and a
 * {@code #anchor} into a Markdown file names one of its headings. The README stays a hub of at most
 * {@value #README_MAX_BYTES} bytes. Paths are relative to the router module, like
 * {@link ConfigurationDocTest}.
 */
class DocsLinksTest {
  static final int README_MAX_BYTES = 15_000;
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
  private static final Pattern HTML_LINK = Pattern.compile("(?:href|src)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  @Test
  void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
    assertThat(ROOT.resolve("pom.xml")).as("the repository root").isRegularFile();
    List<Path> docs = documents(ROOT);
    assertThat(docs).as("documents checked").contains(ROOT.resolve("README.md"), ROOT.resolve("docs/architecture.md"),
        ROOT.resolve("deploy/README.md"), ROOT.resolve("benchmarks/README.md"));
    List<String> broken = new ArrayList<>();
    for (Path doc : docs) {
      broken.addAll(brokenLinks(ROOT, doc));
    }
    assertThat(broken).as("links that do not resolve inside a clone").isEmpty();
  }

  @Test
  void noDocumentPointsAtTheProjectsSharedFolder() throws IOException {
    for (Path doc : documents(ROOT)) {
      assertThat(Files.readString(doc)).as(ROOT.relativize(doc).toString()).doesNotContain("../shared", "/work/shared");
    }
  }

  @Test
  void theReadmeIsAHubWithAContentsList() throws IOException {
    Path readme = ROOT.resolve("README.md");
    assertThat(Files.size(readme)).as("README.md in bytes (the manual lives in docs/)").isLessThanOrEqualTo(README_MAX_BYTES);
    String text = Files.readString(readme);
    assertThat(text).contains("## Contents", "](docs/", "](deploy/README.md)", "](benchmarks/README.md)", "](LICENSE)");
  }

  /** The checker itself: each kind of broken link is found, and what is fine passes. */
  @Test
  void theCheckerFindsEveryKindOfBrokenLink(@TempDir Path tmp) throws IOException {
    Path root = tmp.resolve("repo");
    Files.createDirectories(root.resolve("docs"));
    Files.createDirectories(root.resolve("router/target"));
    Files.writeString(root.resolve("router/target/built.txt"), "x");
    Files.writeString(tmp.resolve("outside.md"), "# Outside\n");
    Files.writeString(root.resolve("docs/a.md"), String.join("\n",
        "# Title", "## Ports and URLs", "## Three nodes: `local-cluster.sh`", "## Ports and URLs",
        "<a id=\"custom\"></a>", "```", "## Not a heading", "```", ""));
    Files.writeString(root.resolve("README.md"), String.join("\n",
        "[fine](docs/a.md) [fine](docs/a.md#ports-and-urls) [fine](docs/a.md#ports-and-urls-1)",
        "[fine](docs/a.md#three-nodes-local-clustersh) [fine](docs/a.md#custom) [fine](docs/) [fine](#here)",
        "[fine](https://example.com/x) ![fine](docs/a.md \"title\") [`fine`](docs/a.md)",
        "`[in code](missing-in-code.md)`",
        "```", "[in a fence](missing-in-fence.md)", "```",
        "## Here",
        "[outside](../outside.md)",
        "[missing](docs/missing.md)",
        "[bad anchor](docs/a.md#not-a-heading)",
        "[absolute](/docs/a.md)",
        "[build output](router/target/built.txt)",
        "[bad local anchor](#nowhere)",
        "<a href=\"docs/gone.md\">html</a>",
        "[ref]: docs/also-gone.md",
        ""));
    List<String> broken = brokenLinks(root, root.resolve("README.md"));
    assertThat(broken).hasSize(8);
    assertThat(String.join("\n", broken)).contains("../outside.md", "docs/missing.md", "docs/a.md#not-a-heading",
        "/docs/a.md", "router/target/built.txt", "#nowhere", "docs/gone.md", "docs/also-gone.md");
  }

  /** The Markdown files whose links must work in a clone. */
  private static List<Path> documents(Path root) throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    for (String tree : List.of("docs", "deploy")) {
      try (Stream<Path> walk = Files.walk(root.resolve(tree))) {
        walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)).sorted().forEach(docs::add);
      }
    }
    docs.add(root.resolve("benchmarks/README.md"));
    try (Stream<Path> bench = Files.list(root.resolve("benchmarks"))) {
      bench.filter(p -> p.toString().endsWith(".md") && !p.endsWith("README.md")).sorted().forEach(docs::add);
    }
    docs.add(root.resolve("agent-console/README.md"));
    for (Path doc : docs) {
      assertThat(doc).isRegularFile();
    }
    return docs;
  }

  /** Each link of {@code doc} that does not resolve inside {@code root}, with the reason. */
  static List<String> brokenLinks(Path root, Path doc) throws IOException {
    String name = root.relativize(doc).toString();
    List<String> broken = new ArrayList<>();
    Map<Path, Set<String>> anchorsByFile = new HashMap<>();
    for (String target : links(Files.readString(doc))) {
      String problem = problem(root, doc, target, anchorsByFile);
      if (problem != null) {
        broken.add(name + ": (" + target + ") " + problem);
      }
    }
    return broken;
  }

  private static String problem(Path root, Path doc, String target, Map<Path, Set<String>> anchorsByFile) {
    if (SCHEME.matcher(target).find()) {
      String scheme = target.substring(0, target.indexOf(':')).toLowerCase(Locale.ROOT);
      return Set.of("http", "https", "mailto").contains(scheme) ? null : "names a " + scheme + ": location, not a file of the clone";
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? "" : target.substring(hash + 1);
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.startsWith("/")) {
      return "is absolute; link relative to the file";
    }
    Path resolved = path.isEmpty() ? doc : doc.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
    if (!resolved.startsWith(root)) {
      return "points outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "names nothing in the repository";
    }
    for (Path part : root.relativize(resolved)) {
      if (part.toString().equals("target")) {
        return "names build output, which a clone does not have";
      }
    }
    if (!anchor.isEmpty() && resolved.toString().endsWith(".md")) {
      Set<String> anchors = anchorsByFile.computeIfAbsent(resolved, DocsLinksTest::anchors);
      if (!anchors.contains(URLDecoder.decode(anchor, StandardCharsets.UTF_8))) {
        return "names no heading of " + root.relativize(resolved) + " (it has " + anchors + ")";
      }
    }
    return null;
  }

  /** Link targets outside code: inline links and images, reference definitions, HTML href and src. */
  static List<String> links(String markdown) {
    List<String> targets = new ArrayList<>();
    for (String line : prose(markdown)) {
      String text = CODE_SPAN.matcher(line).replaceAll("");
      Matcher reference = REFERENCE_DEFINITION.matcher(text);
      if (reference.matches()) {
        targets.add(reference.group(1));
        continue;
      }
      for (Pattern p : List.of(INLINE_LINK, HTML_LINK)) {
        Matcher m = p.matcher(text);
        while (m.find()) {
          targets.add(m.group(1));
        }
      }
    }
    return targets;
  }

  /** GitHub's anchors for a Markdown file: its headings' slugs (repeats numbered) and explicit ids. */
  static Set<String> anchors(Path file) {
    String markdown;
    try {
      markdown = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(markdown)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(2));
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? slug : slug + "-" + n);
      }
      Matcher explicit = HTML_ANCHOR.matcher(line);
      while (explicit.find()) {
        anchors.add(explicit.group(1));
      }
    }
    return anchors;
  }

  /** A heading's anchor as GitHub makes it: rendered text, lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    String rendered = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
    StringBuilder slug = new StringBuilder();
    rendered.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
      int type = Character.getType(c);
      if (c == ' ') {
        slug.append('-');
      } else if (c == '-' || c == '_' || Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
          || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) {
        slug.appendCodePoint(c);
      }
    });
    return slug.toString();
  }

  /** The lines of a Markdown text outside fenced code blocks. */
  private static List<String> prose(String markdown) {
    List<String> lines = new ArrayList<>();
    String fence = null;
    for (String line : markdown.split("\n", -1)) {
      String trimmed = line.strip();
      if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
        fence = trimmed.substring(0, 3);
      } else if (fence != null && trimmed.startsWith(fence)) {
        fence = null;
      } else if (fence == null) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void slugsFollowGitHub() {
    assertThat(Stream.of("Time limits (§1.3.2, §4.2.3, §4.4.1, §4.4.3, appendix B)", "3. Cluster",
            "Three nodes on one machine: `local-cluster.sh`", "How a cluster works, and what it needs", "Ports and URLs")
        .map(DocsLinksTest::slug).collect(Collectors.toList()))
        .containsExactly("time-limits-132-423-441-443-appendix-b", "3-cluster", "three-nodes-on-one-machine-local-clustersh",
            "how-a-cluster-works-and-what-it-needs", "ports-and-urls");
  }
}
