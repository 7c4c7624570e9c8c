package dev.ingest.jobs.local;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/** Creates {@link ProgressReporter}s; configured as {@code metrics.reporter.progress.factory.class}. */
public class ProgressReporterFactory implements MetricReporterFactory {
  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return new ProgressReporter();
  }
}
