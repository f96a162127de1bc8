package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.config.Setting;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps deploy/ (local cluster script, systemd unit, Kubernetes manifests, runbook, dashboard) from
 * drifting away from the code: every setting it names exists, the manifests parse and agree with
 * each other, and the script is valid bash. Paths are relative to the router module, like
 * {@link ConfigurationDocTest}.
 */
class DeployFilesTest {

  private static final Path DEPLOY = Path.of("../deploy");
  private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
  private static final Pattern SETTING_NAME = Pattern.compile("\\bROUTER_[A-Z_]+");
  /** The config file's path: read by RouterConfig.load, not a setting itself. */
  private static final String CONFIG_FILE_VARIABLE = "ROUTER_CONFIG";
  private static final Path BRIDGE_CONFIG = Path.of("../telephony/src/main/java/dev/contactrouter/telephony/BridgeConfig.java");

  @Test
  void everyRouterVariableNamedUnderDeployIsASettingTheEngineReads() throws IOException {
    Set<String> known = Stream.of(Setting.values()).map(Setting::env).collect(Collectors.toCollection(TreeSet::new));
    String routerConfig = Files.readString(Path.of("src/main/java/dev/contactrouter/config/RouterConfig.java"));
    assertThat(routerConfig).as("RouterConfig still reads the config file path from " + CONFIG_FILE_VARIABLE)
        .contains("getenv(\"" + CONFIG_FILE_VARIABLE + "\")");
    known.add(CONFIG_FILE_VARIABLE);

    // The switch's bridge (deploy/telephony) is a client of the engine: its own settings name the
    // engine it talks to. Those are the names its BridgeConfig reads, and only there.
    Set<String> bridge = new TreeSet<>();
    Matcher read = Pattern.compile("required\\(env, \"(ROUTER_[A-Z_]+)\"\\)|env\\.get\\(\"(ROUTER_[A-Z_]+)\"\\)")
        .matcher(Files.readString(BRIDGE_CONFIG));
    while (read.find()) {
      bridge.add(read.group(1) != null ? read.group(1) : read.group(2));
    }
    assertThat(bridge).as("the bridge's settings").contains("ROUTER_URL", "ROUTER_TELEPHONY_KEY");

    Map<String, Set<String>> unknown = new TreeMap<>();
    List<Path> files = deployFiles();
    assertThat(files).as("files under deploy/").isNotEmpty();
    for (Path file : files) {
      boolean telephony = file.startsWith(DEPLOY.resolve("telephony"));
      // Latin-1 decodes any bytes; the names searched for are ASCII.
      Matcher m = SETTING_NAME.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      while (m.find()) {
        if (!known.contains(m.group()) && !(telephony && bridge.contains(m.group()))) {
          unknown.computeIfAbsent(m.group(), k -> new TreeSet<>()).add(DEPLOY.relativize(file).toString());
        }
      }
    }
    assertThat(unknown).as("ROUTER_ names under deploy/ that config/Setting.java does not declare (name -> files)")
        .isEmpty();
  }

  @Test
  void kubernetesManifestsParseAndEveryListedResourceExists() throws IOException {
    Map<String, List<Map<String, Object>>> manifests = kubernetesManifests();
    assertThat(manifests).containsKeys("kustomization.yaml", "statefulset.yaml", "configmap.yaml",
        "secret.example.yaml", "service-hazelcast.yaml", "service-http.yaml", "poddisruptionbudget.yaml");
    manifests.forEach((file, docs) -> {
      assertThat(docs).as(file + " holds a document").isNotEmpty();
      for (Map<String, Object> doc : docs) {
        assertThat(doc).as(file + ": apiVersion and kind").containsKeys("apiVersion", "kind");
        if (!"Kustomization".equals(doc.get("kind"))) {
          assertThat(map(doc, "metadata")).as(file + ": namespace-agnostic").doesNotContainKey("namespace");
        }
      }
    });
    Map<String, Object> kustomization = only(manifests, "kustomization.yaml");
    List<Object> resources = list(kustomization, "resources");
    assertThat(resources).as("kustomization resources").isNotEmpty()
        .doesNotContain("secret.example.yaml");
    for (Object resource : resources) {
      assertThat(KUBERNETES.resolve((String) resource)).as("resource listed in kustomization.yaml").isRegularFile();
    }
  }

  @Test
  void statefulSetProbesTheHealthEndpointsAndFindsPeersThroughTheHeadlessService() throws IOException {
    Map<String, List<Map<String, Object>>> manifests = kubernetesManifests();
    Map<String, Object> statefulSet = only(manifests, "statefulset.yaml");
    assertThat(statefulSet.get("kind")).isEqualTo("StatefulSet");
    Map<String, Object> spec = map(statefulSet, "spec");
    assertThat(spec.get("replicas")).isEqualTo(3);
    Map<String, Object> podSpec = map(map(spec, "template"), "spec");
    Map<String, Object> container = map(list(podSpec, "containers"), 0);

    Set<String> portNames = list(container, "ports").stream()
        .map(p -> (String) ((Map<?, ?>) p).get("name")).collect(Collectors.toSet());
    assertThat(portNames).contains("http", "hazelcast");
    assertThat(probe(container, "livenessProbe").get("path")).isEqualTo("/health/live");
    assertThat(probe(container, "startupProbe").get("path")).isEqualTo("/health/live");
    assertThat(probe(container, "readinessProbe").get("path")).isEqualTo("/health/ready");
    for (String probe : List.of("livenessProbe", "startupProbe", "readinessProbe")) {
      assertThat(portNames).as(probe + " port").contains(String.valueOf(probe(container, probe).get("port")));
    }

    Map<String, Object> headless = only(manifests, "service-hazelcast.yaml");
    String headlessName = (String) map(headless, "metadata").get("name");
    assertThat(map(headless, "spec")).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
    assertThat(spec.get("serviceName")).isEqualTo(headlessName);
    Map<String, Object> env = new TreeMap<>();
    for (Object e : list(container, "env")) {
      Map<?, ?> entry = (Map<?, ?>) e;
      env.put((String) entry.get("name"), entry.get("value") != null ? entry.get("value") : entry.get("valueFrom"));
    }
    assertThat((String) env.get(Setting.CLUSTER_KUBERNETES_SERVICE.env())).startsWith(headlessName + ".");
    assertThat(String.valueOf(env.get(Setting.NODE_ID.env()))).contains("metadata.name");
    assertThat(String.valueOf(env.get(Setting.CLUSTER_HOST.env()))).contains("status.podIP");

    // The grace period covers the preStop pause and the engine's own shutdown bound.
    Map<String, Object> configData = map(only(manifests, "configmap.yaml"), "data");
    long shutdownSeconds = Long.parseLong((String) configData.getOrDefault(Setting.SHUTDOWN_TIMEOUT_MS.env(),
        Setting.SHUTDOWN_TIMEOUT_MS.defaultValue())) / 1000;
    long preStopSeconds = 0;
    Map<String, Object> lifecycle = map(container, "lifecycle");
    if (lifecycle != null && lifecycle.get("preStop") != null) {
      List<Object> command = list(map(map(lifecycle, "preStop"), "exec"), "command");
      preStopSeconds = Long.parseLong((String) command.get(command.size() - 1));
    }
    assertThat(((Number) podSpec.get("terminationGracePeriodSeconds")).longValue())
        .isGreaterThan(preStopSeconds + shutdownSeconds);

    Map<String, Object> budget = only(manifests, "poddisruptionbudget.yaml");
    assertThat(map(budget, "spec")).containsEntry("minAvailable", 2);
  }

  @Test
  void systemdStopTimeoutIsAboveTheShutdownBound() throws IOException {
    String unit = Files.readString(DEPLOY.resolve("systemd/contact-router.service"));
    Matcher m = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)\\s*$").matcher(unit);
    assertThat(m.find()).as("TimeoutStopSec in seconds").isTrue();
    assertThat(Long.parseLong(m.group(1)) * 1000)
        .isGreaterThan(Long.parseLong(Setting.SHUTDOWN_TIMEOUT_MS.defaultValue()));
    assertThat(unit).contains("KillSignal=SIGTERM", "EnvironmentFile=", "Restart=on-failure");
  }

  @Test
  void jsonFilesParse() throws IOException {
    for (Path file : deployFiles()) {
      if (file.toString().endsWith(".json")) {
        assertThat(new JsonObject(Files.readString(file))).as(file.toString()).isNotNull();
      }
    }
  }

  @Test
  void localClusterScriptIsValidBash(@TempDir Path tmp) throws Exception {
    Path script = DEPLOY.resolve("local-cluster.sh");
    assertThat(script).isRegularFile();
    Path output = tmp.resolve("bash-n.txt");
    Process bash = new ProcessBuilder("bash", "-n", script.toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    boolean exited = bash.waitFor(30, TimeUnit.SECONDS);
    if (!exited) {
      bash.destroyForcibly();
    }
    assertThat(exited).as("bash -n finished within 30 s").isTrue();
    assertThat(bash.exitValue()).as("bash -n " + script + ": " + Files.readString(output)).isZero();
  }

  private static List<Path> deployFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(DEPLOY)) {
      return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  /** Each YAML file under deploy/kubernetes by file name, with its documents. */
  private static Map<String, List<Map<String, Object>>> kubernetesManifests() throws IOException {
    Map<String, List<Map<String, Object>>> manifests = new TreeMap<>();
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      for (Path file : files.sorted().collect(Collectors.toList())) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
          continue;
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
          for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
            if (doc != null) {
              assertThat(doc).as(name + ": a YAML mapping").isInstanceOf(Map.class);
              docs.add(cast(doc));
            }
          }
        }
        manifests.put(name, docs);
      }
    }
    return manifests;
  }

  private static Map<String, Object> only(Map<String, List<Map<String, Object>>> manifests, String file) {
    assertThat(manifests.get(file)).as(file).hasSize(1);
    return manifests.get(file).get(0);
  }

  private static Map<String, Object> probe(Map<String, Object> container, String name) {
    Map<String, Object> probe = map(container, name);
    assertThat(probe).as(name).isNotNull();
    Map<String, Object> httpGet = map(probe, "httpGet");
    assertThat(httpGet).as(name + ".httpGet").isNotNull();
    return httpGet;
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return cast(parent.get(key));
  }

  private static Map<String, Object> map(List<Object> parent, int index) {
    return cast(parent.get(index));
  }

  private static List<Object> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as(key).isInstanceOf(List.class);
    return cast(value);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
