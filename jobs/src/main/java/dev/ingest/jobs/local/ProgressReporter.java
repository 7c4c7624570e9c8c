package dev.ingest.jobs.local;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.Scheduled;

/**
 * A Flink metric reporter that prints the source's per-endpoint counters (rows, pages, requests, errors) as one
 * progress line at each reporting interval. Used by local runs ({@code ./ingest run}, {@code ./ingest demo}), where
 * the MiniCluster lives in the CLI's JVM. Only names and counts are printed: metrics never carry secrets.
 */
public class ProgressReporter implements MetricReporter, Scheduled {
  static final String ENDPOINT_VARIABLE = "<endpoint>";
  private static final List<String> SHOWN = List.of("rows", "pages", "requests", "retries", "errors");

  private final Map<String, Map<String, List<Counter>>> counters = new ConcurrentHashMap<>();
  private final PrintStream out;
  private String lastLine = "";

  public ProgressReporter() {
    this(System.out);
  }

  ProgressReporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    String endpoint = group.getAllVariables().get(ENDPOINT_VARIABLE);
    if (endpoint != null && metric instanceof Counter counter && SHOWN.contains(metricName)) {
      counters.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
          .computeIfAbsent(metricName, n -> new CopyOnWriteArrayList<>())
          .add(counter);
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    String endpoint = group.getAllVariables().get(ENDPOINT_VARIABLE);
    if (endpoint != null && metric instanceof Counter) {
      Map<String, List<Counter>> byName = counters.get(endpoint);
      if (byName != null && byName.containsKey(metricName)) {
        byName.get(metricName).remove(metric);
      }
    }
  }

  @Override
  public void report() {
    String line = line();
    if (!line.isEmpty() && !line.equals(lastLine)) {
      out.println("  progress: " + line);
      lastLine = line;
    }
  }

  String line() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Map<String, List<Counter>>> e : new TreeMap<>(counters).entrySet()) {
      if (sb.length() > 0) {
        sb.append(" | ");
      }
      sb.append(e.getKey()).append(' ')
          .append(sum(e.getValue(), "rows")).append(" rows, ")
          .append(sum(e.getValue(), "pages")).append(" pages");
      long errors = sum(e.getValue(), "errors");
      long retries = sum(e.getValue(), "retries");
      if (retries > 0) {
        sb.append(", ").append(retries).append(" retries");
      }
      if (errors > 0) {
        sb.append(", ").append(errors).append(" errors");
      }
    }
    return sb.toString();
  }

  private static long sum(Map<String, List<Counter>> byName, String name) {
    return byName.getOrDefault(name, List.of()).stream().mapToLong(Counter::getCount).sum();
  }
}
