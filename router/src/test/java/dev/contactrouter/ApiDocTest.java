package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The operations table in docs/api.md lists exactly the operations of openapi.yaml, each with the
 * roles its {@code x-roles} allow. Paths are relative to the router module, like
 * {@link ConfigurationDocTest}.
 */
class ApiDocTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z]+)` \\| `([^`]+)` \\| ([^|]+?) \\| .*\\|$");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  @Test
  void operationsTableMatchesTheOpenApiDocument() throws IOException {
    List<String> documented = new ArrayList<>();
    for (String row : DocTable.rows("docs/api.md", "operations")) {
      Matcher m = ROW.matcher(row);
      assertThat(m.matches()).as("an operations row: | `METHOD` | `path` | roles | what |: " + row).isTrue();
      documented.add(m.group(1) + " " + m.group(2) + " " + List.of(m.group(3).split(",\\s*")));
    }
    assertThat(documented).as("operations in docs/api.md").containsExactlyInAnyOrderElementsOf(operations());
  }

  /** Each operation of openapi.yaml as "METHOD path [roles]". */
  @SuppressWarnings("unchecked")
  private static List<String> operations() throws IOException {
    Map<String, Object> openapi;
    try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/openapi.yaml"))) {
      openapi = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    }
    List<String> operations = new ArrayList<>();
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openapi.get("paths");
    paths.forEach((path, item) -> item.forEach((method, operation) -> {
      if (METHODS.contains(method)) {
        List<String> roles = (List<String>) ((Map<String, Object>) operation).get("x-roles");
        assertThat(roles).as(method + " " + path + " x-roles").isNotEmpty();
        operations.add(method.toUpperCase(Locale.ROOT) + " " + path + " " + roles);
      }
    }));
    assertThat(operations).as("operations in openapi.yaml").isNotEmpty();
    return operations;
  }
}
