package dev.ingest.tools.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sinks.rows.JsonRowConverter;
import dev.ingest.sinks.rows.RecordConversionException;
import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.schema.SchemaInference;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.records.RecordSelector;
import dev.ingest.sources.records.RecordSlices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CPU and allocation per record of the page → records → row steps, old and new side by side in one JVM (a
 * micro benchmark, not JMH; docs/performance.md, "Parse once: micro figures"). Pages are the bench's
 * ({@link BenchRecords}, 100 per page, Stripe-like envelope), rendered once in memory. Each round runs every
 * variant over all pages on this thread, variants interleaved, and reads this thread's CPU time and allocated bytes
 * ({@code ThreadMXBean}), so a loaded machine changes the figures far less than wall clock would.
 *
 * <pre>
 *   io_tree    JsonBodies.parse(page) → selectNodes → JsonBodies.write(record)   (the I/O thread before)
 *   io_split   selector.split(page) → records.bytes(i) → node(last)              (the I/O thread now)
 *   task_row   JsonRowConverter.convert(record text)                             (the task thread: String)
 *   task_bytes JsonRowConverter.convert(record bytes)                            (the task thread: byte[])
 * </pre>
 *
 * <p>Run: {@code java -cp <tools test classpath> dev.ingest.tools.bench.ParseOnceMicroBench [pages] [rounds]
 * [out.json]}.
 */
public final class ParseOnceMicroBench {
  private static final int PAGE_SIZE = 100;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static volatile Object sink;

  private ParseOnceMicroBench() {}

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<byte[]> bodies = render(pages);
    RecordSelector selector = RecordSelector.of("data");
    List<String> sample = selector.split(bodies.get(0)).records().texts();
    JsonRowConverter converter = new JsonRowConverter(MetadataColumns.withMetadata(SchemaInference.infer(sample)));
    List<String> texts = new ArrayList<>();
    List<byte[]> slices = new ArrayList<>();
    for (byte[] body : bodies) {
      RecordSlices records = selector.split(body).records();
      texts.addAll(records.texts());
      for (int i = 0; i < records.size(); i++) {
        slices.add(records.bytes(i));
      }
    }
    long records = (long) pages * PAGE_SIZE;
    long bytes = bodies.stream().mapToLong(b -> b.length).sum();
    String[] names = {"io_tree", "io_split", "task_row", "task_bytes"};
    double[][] cpu = new double[names.length][rounds];
    double[][] alloc = new double[names.length][rounds];
    String load = loadAverage();
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < names.length; v++) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long a0 = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        switch (v) {
          case 0 -> ioTree(bodies, selector);
          case 1 -> ioSplit(bodies, selector);
          case 2 -> taskRow(texts, converter);
          default -> taskBytes(slices, converter);
        }
        cpu[v][r] = (THREADS.getCurrentThreadCpuTime() - c0) / (double) records;
        alloc[v][r] = (THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - a0) / (double) records;
      }
    }
    String loadEnd = loadAverage();
    int warm = rounds / 2;
    StringBuilder json = new StringBuilder("{\n");
    json.append(String.format(Locale.ROOT, "  \"records_per_round\": %d,%n  \"json_bytes_per_record\": %.0f,%n"
        + "  \"rounds\": %d,%n  \"measured_rounds\": \"%d..%d\",%n  \"load_average_start\": \"%s\",%n"
        + "  \"load_average_end\": \"%s\",%n", records, bytes / (double) records, rounds, warm + 1, rounds, load,
        loadEnd));
    for (int v = 0; v < names.length; v++) {
      double[] c = Arrays.copyOfRange(cpu[v], warm, rounds);
      double[] a = Arrays.copyOfRange(alloc[v], warm, rounds);
      Arrays.sort(c);
      Arrays.sort(a);
      json.append(String.format(Locale.ROOT, "  \"%s_cpu_ns_per_record\": {\"min\": %.0f, \"median\": %.0f, "
          + "\"max\": %.0f},%n  \"%s_alloc_bytes_per_record\": %.0f%s%n", names[v], c[0], c[c.length / 2],
          c[c.length - 1], names[v], a[a.length / 2], v == names.length - 1 ? "" : ","));
    }
    json.append("}\n");
    System.out.print(json);
    if (args.length > 2) {
      Files.writeString(Path.of(args[2]), json);
    }
  }

  private static void ioTree(List<byte[]> bodies, RecordSelector selector) throws IOException {
    for (byte[] body : bodies) {
      List<JsonNode> nodes = selector.selectNodes(JsonBodies.parse(body)).nodes();
      List<String> texts = new ArrayList<>(nodes.size());
      nodes.forEach(node -> texts.add(JsonBodies.write(node)));
      sink = texts;
    }
  }

  private static void ioSplit(List<byte[]> bodies, RecordSelector selector) throws IOException {
    for (byte[] body : bodies) {
      RecordSlices records = selector.split(body).records();
      for (int i = 0; i < records.size(); i++) {
        sink = records.bytes(i); // what the split reader hands to the task
      }
      sink = records.node(records.size() - 1); // the last record, for cursor paginators
    }
  }

  private static void taskRow(List<String> texts, JsonRowConverter converter) throws RecordConversionException {
    for (String text : texts) {
      sink = converter.convert(text, "run-1", 1_700_000_000_000L);
    }
  }

  private static void taskBytes(List<byte[]> records, JsonRowConverter converter)
      throws RecordConversionException {
    for (byte[] record : records) {
      sink = converter.convert(record, "run-1", 1_700_000_000_000L);
    }
  }

  private static List<byte[]> render(int pages) throws IOException {
    JsonFactory factory = new JsonFactory();
    List<byte[]> bodies = new ArrayList<>(pages);
    for (int p = 0; p < pages; p++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
      try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
        json.writeStartObject();
        json.writeStringField("object", "list");
        json.writeStringField("url", PageFile.PATH);
        json.writeBooleanField("has_more", p < pages - 1);
        json.writeArrayFieldStart("data");
        for (int i = 0; i < PAGE_SIZE; i++) {
          BenchRecords.write(json, (long) p * PAGE_SIZE + i);
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      bodies.add(out.toByteArray());
    }
    return bodies;
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
