package dev.contactrouter;

import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.AuditBundles;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar contact-router.jar verify-bundle FILE} as an auditor runs it: the packaged jar
 * in a JVM of its own, with no configuration and nothing to connect to, on a bundle exported by an
 * engine; its exit status is 0 for the bundle, 1 for a copy with a file added, 2 for no file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VerifyBundleJarIT {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded();

  record Exit(int status, String output) {}

  @Test
  void thePackagedCommandVerifiesOffline(EngineUnderTest engine, @TempDir Path dir) throws Exception {
    assertThat(RouterProcess.JAR).as("the packaged jar (mvn package builds it before the ITs)").exists();
    AuditBundles.activity(engine, 2);
    Path bundle = dir.resolve("bundle.zip");
    assertThat(AuditBundles.download(engine, "", SUPERVISOR, bundle).statusCode()).isEqualTo(200);
    String fingerprint = AuditBundles.signingKey(engine, SUPERVISOR).getString("fingerprint");

    Exit intact = verifyBundle(dir, bundle.toString(), "--fingerprint", fingerprint);
    assertThat(intact.status()).as(intact.output()).isZero();
    assertThat(intact.output()).contains("intact", "the key is the one pinned");

    Map<String, byte[]> files = AuditBundles.files(bundle);
    files.put("extra.txt", "added later".getBytes(StandardCharsets.UTF_8));
    Exit tampered = verifyBundle(dir, AuditBundles.write(files, dir.resolve("extra.zip")).toString());
    assertThat(tampered.status()).as(tampered.output()).isEqualTo(1);
    assertThat(tampered.output()).contains("TAMPERED", "unexpected file extra.txt");

    Exit missing = verifyBundle(dir, dir.resolve("missing.zip").toString());
    assertThat(missing.status()).as(missing.output()).isEqualTo(2);
    assertThat(missing.output()).contains("no such file");
  }

  /** Runs the jar's verify-bundle with an environment that names no database. */
  private static Exit verifyBundle(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        RouterProcess.JAR.toAbsolutePath().toString(), "verify-bundle"));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(dir, "verify-bundle-", ".out");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("ROUTER_"));
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("verify-bundle did not end within 60 s: " + Files.readString(output));
    }
    return new Exit(process.exitValue(), Files.readString(output));
  }
}
