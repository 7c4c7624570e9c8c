package dev.ingest.control.cli;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.NetworkSettings;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./ingest demo}: starts the bundled sandbox API on loopback, stores a generated sandbox token in the local
 * secret store, writes a demo pipeline to {@code <home>/pipelines/demo.yaml}, runs it once on a local MiniCluster
 * and checks that every endpoint's landed row count equals what the sandbox served.
 */
@Command(name = "demo", description = "Run the demo pipeline against the bundled sandbox API (no internet needed).")
final class DemoCommand implements Callable<Integer> {
  static final String PIPELINE = "demo";
  static final String SECRET = "sandbox-demo";
  static final List<String> ENDPOINTS = List.of("tickets", "contacts", "issues");

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() throws Exception {
    IngestHome home = homeOption.home();
    String token = "sbx_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    try (SandboxApi sandbox = SandboxApi.builder().port(0).requireBearerToken(token).build().start()) {
      System.out.println("sandbox API listening on " + sandbox.baseUrl());
      SecretStoreProvider secrets = homeOption.secrets();
      secrets.open().write(SECRET, Map.of("token", token));
      Path file = writePipeline(home, sandbox.baseUrl());
      System.out.println("pipeline " + file + " (credential stored as secret '" + SECRET + "' in " + secrets + ")");

      PipelineSpec pipeline = new PipelineLoader(home.specDefaults(
          NetworkSettings.policy(home).allowingBaseUrl(sandbox.baseUrl()))).load(file);
      RunReport report = new LocalPipelineRunner(home, secrets).runOnce(pipeline);
      ReportPrinter.print(report, System.out);

      boolean exact = true;
      for (RunReport.EndpointResult e : report.endpoints()) {
        int served = sandbox.size(e.endpoint());
        if (e.failed() || e.rows() != served) {
          exact = false;
          System.err.printf("%s: landed %d rows but the sandbox served %d%n", e.endpoint(), e.rows(), served);
        }
      }
      if (!exact || report.endpoints().size() != ENDPOINTS.size()) {
        return IngestCli.FAILED;
      }
      System.out.println("every endpoint landed exactly the records the sandbox served. Try: ./ingest tables");
      return IngestCli.OK;
    } catch (Exception e) {
      System.err.println("demo failed: " + Failures.describe(e));
      return IngestCli.FAILED;
    }
  }

  static Path writePipeline(IngestHome home, String baseUrl) throws Exception {
    Files.createDirectories(home.pipelines());
    Path file = home.pipelines().resolve(PIPELINE + ".yaml");
    String yaml = """
        # Written by `ingest demo`: the bundled sandbox API, three endpoints, three paging styles.
        name: %s
        connector: sandbox
        config:
          base_url: %s
        credentials:
          secret: %s
        endpoints: [%s]
        schedule: "*/15 * * * *"
        write_mode: append
        runtime:
          parallelism: 2
          checkpoint_interval: 2s
        """.formatted(PIPELINE, baseUrl, SECRET, String.join(", ", ENDPOINTS));
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }
}
