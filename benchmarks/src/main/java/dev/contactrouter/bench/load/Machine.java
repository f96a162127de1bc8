package dev.contactrouter.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where figures came from: every results table states it. */
public record Machine(int cores, String cpu, String java, String os) {

  public static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: say so below
    }
    return "unknown";
  }

  @Override
  public String toString() {
    return cores + " cores (" + cpu + "), " + java + ", " + os;
  }
}
