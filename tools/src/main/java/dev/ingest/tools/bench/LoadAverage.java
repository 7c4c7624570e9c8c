package dev.ingest.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine's load average (1, 5 and 15 minutes, from {@code /proc/loadavg}; the JVM's 1-minute figure where
 * that file is missing), recorded with every benchmark figure: the machine may be shared, and a figure means little
 * without the load it was taken under.
 */
final class LoadAverage {
  private LoadAverage() {}

  static Map<String, Object> read() {
    Map<String, Object> load = new LinkedHashMap<>();
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      load.put("1m", Double.parseDouble(f[0]));
      load.put("5m", Double.parseDouble(f[1]));
      load.put("15m", Double.parseDouble(f[2]));
    } catch (IOException | RuntimeException e) {
      load.put("1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
    return load;
  }
}
