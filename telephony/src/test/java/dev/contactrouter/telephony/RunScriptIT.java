package dev.contactrouter.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.telephony.lab.Lab;
import dev.contactrouter.telephony.lab.Ports;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** deploy/telephony/run.sh runs Kamailio and the bridge together and stops both, whichever way it ends. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunScriptIT {

  /** run.sh started in a folder of its own with free SIP and evapi ports; closing kills whatever is left of it. */
  private record Run(Process process, int evapi) implements AutoCloseable {
    static Run start(String name) throws IOException {
      Lab.requireTools();
      Path dir = Path.of(System.getProperty("telephony.workDir", "target/telephony-it"), name);
      int sip = Ports.free();
      int evapi = Ports.free();
      Files.createDirectories(dir);
      ProcessBuilder pb = new ProcessBuilder("bash", Lab.DEPLOY.resolve("run.sh").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
      pb.environment().put("ROUTER_URL", "http://127.0.0.1:" + Ports.free());
      pb.environment().put("ROUTER_TELEPHONY_KEY", "tel-0123456789");
      pb.environment().put("SIP_LISTEN", "127.0.0.1:" + sip);
      pb.environment().put("EVAPI_LISTEN", "127.0.0.1:" + evapi);
      pb.environment().put("BRIDGE_JAR", Path.of(System.getProperty("telephony.bridgeJar", "target/telephony-bridge.jar"))
          .toAbsolutePath().toString());
      return new Run(pb.start(), evapi);
    }

    /** Kamailio and the bridge, once both run: the processes run.sh started. */
    List<ProcessHandle> awaitBothRunning() throws InterruptedException {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (System.nanoTime() < deadline) {
        if (process.descendants().anyMatch(p -> p.info().command().orElse("").endsWith("java")) && listening(evapi)) {
          return process.descendants().toList();
        }
        assertThat(process.isAlive()).as("run.sh is running").isTrue();
        Thread.sleep(100);
      }
      throw new AssertionError("run.sh did not start Kamailio and the bridge within 20 s");
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void sigtermStopsKamailioAndTheBridge() throws Exception {
    try (Run run = Run.start("run-sigterm")) {
      List<ProcessHandle> children = run.awaitBothRunning();
      run.process().destroy();
      assertThat(run.process().waitFor(15, TimeUnit.SECONDS)).as("run.sh ended").isTrue();
      assertThat(run.process().exitValue()).isEqualTo(143);
      for (ProcessHandle child : children) {
        child.onExit().get(5, TimeUnit.SECONDS);
      }
      assertThat(children).noneMatch(ProcessHandle::isAlive);
      assertThat(listening(run.evapi())).isFalse();
    }
  }

  @Test
  void whenOnePartDiesTheOtherIsStoppedToo() throws Exception {
    try (Run run = Run.start("run-partdies")) {
      List<ProcessHandle> children = run.awaitBothRunning();
      ProcessHandle bridge = children.stream().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst().orElseThrow();
      bridge.destroyForcibly();
      assertThat(run.process().waitFor(20, TimeUnit.SECONDS)).as("run.sh ended").isTrue();
      assertThat(run.process().exitValue()).isNotZero();
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
      assertThat(listening(run.evapi())).as("Kamailio stopped").isFalse();
    }
  }
}
