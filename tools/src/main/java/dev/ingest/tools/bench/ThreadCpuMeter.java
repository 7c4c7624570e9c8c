package dev.ingest.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads over a measurement window, by thread group: {@code source_io} (the source's page
 * I/O and read-ahead threads), {@code task} (Flink task threads: parse and Iceberg writers, chained), {@code server}
 * ({@link PageServer}), {@code gc_jit} (garbage-collector and JIT compiler threads, reported also apart as
 * {@code gc} and {@code jit}, which are not added to the total again; native threads read from
 * {@code /proc/self/task}) and {@code other} (the rest of the process: Flink's runtime, the benchmark itself).
 *
 * <p>Java threads are sampled through {@link ThreadMXBean} every {@value #PERIOD_MS} ms, so threads that end
 * during the window (Flink's task threads end with the job) are counted up to their last sample; {@code other} is
 * the process total minus the groups, so what a sample missed lands there, never nowhere.
 */
final class ThreadCpuMeter implements AutoCloseable {
  static final String SOURCE_IO = "source_io";
  static final String TASK = "task";
  static final String SERVER = "server";
  static final String GC_JIT = "gc_jit";
  static final String OTHER = "other";
  /** Parts of {@link #GC_JIT} (not added to the total again). */
  static final String JIT = "jit";
  static final String GC = "gc";
  private static final Pattern JIT_THREAD = Pattern.compile(" (C1 Compiler|C2 Compiler|Sweeper)");
  private static final long PERIOD_MS = 100;
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux
  private static final Pattern FLINK_TASK = Pattern.compile(".* \\(\\d+/\\d+\\)#\\d+$");
  private static final Pattern GC_OR_JIT = Pattern.compile("(GC Thread|G1 |C1 Compiler|C2 Compiler|"
      + "Sweeper|VM Periodic|ZGC|Shenandoah|Parallel GC).*");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Map<Long, String> names = new HashMap<>();
  private final Map<Long, Long> javaStart = new HashMap<>();
  private final Map<Long, Long> javaLast = new HashMap<>();
  private final Map<String, Long> nativeStart = new HashMap<>();
  private final Map<String, Long> nativeLast = new HashMap<>();
  private final long processStart;
  private final long wallStart = System.nanoTime();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread sampler;
  private Map<String, Long> result;

  ThreadCpuMeter() {
    sample(javaStart, nativeStart);
    processStart = os.getProcessCpuTime();
    sampler = new Thread(this::loop, "bench-cpu-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void loop() {
    try {
      while (!stop.await(PERIOD_MS, TimeUnit.MILLISECONDS)) {
        synchronized (this) {
          sample(javaLast, nativeLast);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sample(Map<Long, Long> java, Map<String, Long> natives) {
    long[] ids = threads.getAllThreadIds();
    for (ThreadInfo info : threads.getThreadInfo(ids, 0)) {
      if (info == null) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        names.putIfAbsent(info.getThreadId(), info.getThreadName());
        java.put(info.getThreadId(), cpu);
      }
    }
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return;
    }
    try (Stream<Path> list = Files.list(tasks)) {
      list.forEach(task -> {
        try {
          String comm = Files.readString(task.resolve("comm")).trim();
          if (!GC_OR_JIT.matcher(comm).matches()) {
            return;
          }
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // after the command: state(0) ... utime is field 14 of stat, i.e. index 11 here; stime index 12
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          natives.put(task.getFileName() + " " + comm, ticks * NANOS_PER_TICK);
        } catch (IOException | RuntimeException gone) {
          // the thread ended between listing and reading
        }
      });
    } catch (IOException e) {
      // no per-thread view: gc_jit stays 0 and its time lands in "other"
    }
  }

  /** Stops sampling; CPU nanoseconds per group over the window, plus {@code process} and {@code wall}. */
  synchronized Map<String, Long> stop() {
    if (result != null) {
      return result;
    }
    stop.countDown();
    sample(javaLast, nativeLast);
    long process = os.getProcessCpuTime() - processStart;
    Map<String, Long> groups = new LinkedHashMap<>();
    for (String g : new String[] {SOURCE_IO, TASK, SERVER, GC_JIT}) {
      groups.put(g, 0L);
    }
    javaLast.forEach((id, cpu) -> {
      String group = group(names.get(id));
      if (group != null) {
        groups.merge(group, cpu - javaStart.getOrDefault(id, 0L), Long::sum);
      }
    });
    long[] jitAndGc = new long[2];
    nativeLast.forEach((key, cpu) -> jitAndGc[JIT_THREAD.matcher(key).find() ? 0 : 1] +=
        cpu - nativeStart.getOrDefault(key, 0L));
    groups.put(GC_JIT, jitAndGc[0] + jitAndGc[1]);
    long attributed = groups.values().stream().mapToLong(Long::longValue).sum();
    groups.put(OTHER, process - attributed);
    groups.put(JIT, jitAndGc[0]); // of gc_jit: the JIT compiler threads
    groups.put(GC, jitAndGc[1]); // of gc_jit: the rest (collector threads, VM periodic task)
    groups.put("process", process);
    groups.put("wall", System.nanoTime() - wallStart);
    result = groups;
    return result;
  }

  /** The group of a Java thread, or null for "other". */
  static String group(String name) {
    if (name == null) {
      return null;
    }
    if (name.startsWith(PageServer.THREAD_PREFIX)) {
      return SERVER;
    }
    if (name.startsWith("ingest-page-io-") || name.startsWith("ingest-read-ahead-")
        || name.startsWith("Source Data Fetcher")) {
      return SOURCE_IO;
    }
    if (FLINK_TASK.matcher(name).matches()) {
      return TASK;
    }
    return null;
  }

  @Override
  public void close() {
    stop();
  }
}
