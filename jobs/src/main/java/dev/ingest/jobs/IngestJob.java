package dev.ingest.jobs;

import dev.ingest.jobs.compile.FetcherFactories;
import dev.ingest.jobs.compile.PipelineCompiler;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.spec.SpecException;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job entry point for clusters (session cluster jar submission, the Flink Kubernetes Operator's application
 * mode): {@code IngestJob --pipeline FILE [--once]}. Local runs use {@code LocalPipelineRunner} instead, which
 * adds progress output and checkpoint resumption. Checkpointing and state backend come from the cluster's
 * configuration.
 */
public final class IngestJob {
  private IngestJob() {}

  public static void main(String[] args) throws Exception {
    Path pipelineFile = null;
    boolean once = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--pipeline" -> pipelineFile = Path.of(args[++i]);
        case "--once" -> once = true;
        default -> throw new IllegalArgumentException("unknown argument '" + args[i]
            + "'; usage: IngestJob --pipeline FILE [--once]");
      }
    }
    if (pipelineFile == null) {
      throw new IllegalArgumentException("usage: IngestJob --pipeline FILE [--once]");
    }
    IngestHome home = IngestHome.fromEnvironment();
    PipelineSpec pipeline;
    try {
      pipeline = new PipelineLoader(home).load(pipelineFile);
    } catch (SpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    PipelineCompiler compiler = new PipelineCompiler(
        Catalogs.loader(pipeline.name(), pipeline.destination()),
        FetcherFactories.forPipeline(pipeline, SecretSettings.provider(home)));
    compiler.compile(env, pipeline, once ? PipelineCompiler.Mode.ONCE : PipelineCompiler.Mode.SCHEDULED);
    env.execute("ingest " + pipeline.name());
  }
}
