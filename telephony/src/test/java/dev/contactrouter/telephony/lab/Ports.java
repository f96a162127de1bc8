package dev.contactrouter.telephony.lab;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Loopback ports for the test bed: free for both TCP and UDP now, below the kernel's ephemeral
 * range (a port bound seconds after it is picked must not have become some socket's port 0
 * meanwhile), and never handed out twice in this JVM.
 */
public final class Ports {
  private static final Set<Integer> HANDED_OUT = new HashSet<>();
  private static final Random RANDOM = new Random();

  private Ports() {
  }

  public static synchronized int free() {
    return reserve(1, 1);
  }

  /**
   * An even port with the three above it also free, all four reserved: SIPp's media port
   * ({@code -mp}) binds the port itself and those above it for RTP, RTCP and video, so a block
   * keeps one SIPp's media ports from being handed to another process as its SIP port.
   */
  public static synchronized int freeBlock() {
    return reserve(4, 2);
  }

  /** The first port of {@code size} consecutive free ports starting at a multiple of {@code align}, all reserved. */
  private static int reserve(int size, int align) {
    int high = ephemeralLow();
    int low = 20_000;
    for (int attempt = 0; attempt < 500; attempt++) {
      int base = low + RANDOM.nextInt(Math.max(1_000, high - low - size));
      base -= base % align;
      boolean free = true;
      for (int p = base; p < base + size && free; p++) {
        free = !HANDED_OUT.contains(p) && bindable(p);
      }
      if (free) {
        for (int p = base; p < base + size; p++) {
          HANDED_OUT.add(p);
        }
        return base;
      }
    }
    throw new IllegalStateException("no " + size + " free loopback port(s) found");
  }

  private static int ephemeralLow() {
    try {
      return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket tcp = new ServerSocket();
        DatagramSocket udp = new DatagramSocket(null)) {
      tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
