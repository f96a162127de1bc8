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
class RunScriptIT {

  private static Process start(Path dir, int sip, int evapi) throws IOException {
    Files.createDirectories(dir);
    ProcessBuilder pb = new ProcessBuilder("bash", Lab.DEPLOY.resolve("run.sh").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
    pb.environment().put("ROUTER_URL", "http://127.0.0.1:" + Ports.free());
    pb.environment().put("ROUTER_TELEPHONY_KEY", "tel-0123456789");
    pb.environment().put("SIP_LISTEN", "127.0.0.1:" + sip);
    pb.environment().put("EVAPI_LISTEN", "127.0.0.1:" + evapi);
    pb.environment().put("BRIDGE_JAR", Path.of(System.getProperty("telephony.bridgeJar", "target/telephony-bridge.jar"))
        .toAbsolutePath().toString());
    return pb.start();
  }

  private static void awaitBothRunning(Process run, int evapi) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (run.descendants().anyMatch(p -> p.info().command().orElse("").endsWith("java")) && listening(evapi)) {
        return;
      }
      assertThat(run.isAlive()).as("run.sh is running").isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("run.sh did not start Kamailio and the bridge within 20 s");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void sigtermStopsKamailioAndTheBridge() throws Exception {
    Lab.requireTools();
    int sip = Ports.free();
    int evapi = Ports.free();
    Process run = start(Path.of(System.getProperty("telephony.workDir", "target/telephony-it"), "run-sigterm"), sip, evapi);
    try {
      awaitBothRunning(run, evapi);
      List<ProcessHandle> children = run.descendants().toList();
      run.destroy();
      assertThat(run.waitFor(15, TimeUnit.SECONDS)).as("run.sh ended").isTrue();
      assertThat(run.exitValue()).isEqualTo(143);
      for (ProcessHandle child : children) {
        child.onExit().get(5, TimeUnit.SECONDS);
      }
      assertThat(children).noneMatch(ProcessHandle::isAlive);
      assertThat(listening(evapi)).isFalse();
    } finally {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void whenOnePartDiesTheOtherIsStoppedToo() throws Exception {
    Lab.requireTools();
    int sip = Ports.free();
    int evapi = Ports.free();
    Process run = start(Path.of(System.getProperty("telephony.workDir", "target/telephony-it"), "run-partdies"), sip, evapi);
    try {
      awaitBothRunning(run, evapi);
      List<ProcessHandle> children = run.descendants().toList();
      ProcessHandle bridge = children.stream().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst().orElseThrow();
      bridge.destroyForcibly();
      assertThat(run.waitFor(20, TimeUnit.SECONDS)).as("run.sh ended").isTrue();
      assertThat(run.exitValue()).isNotZero();
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
      assertThat(listening(evapi)).as("Kamailio stopped").isFalse();
    } finally {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
  }
}
