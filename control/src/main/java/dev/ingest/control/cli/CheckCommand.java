package dev.ingest.control.cli;

import dev.ingest.jobs.compile.StoreCatalogSecrets;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.DestinationProbe;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.runtime.EndpointCheck;
import dev.ingest.sources.airbyte.CredentialForm;
import dev.ingest.sources.spec.CredentialField;
import dev.ingest.sources.spec.SpecException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ./ingest check PIPELINE.yaml}: validates the pipeline, tests its credential with one cheap request
 * ({@link CredentialProbe}) and tests its destination ({@link DestinationProbe}: the catalog loads the pipeline's
 * namespace; a probe object is written, read back and deleted through the job's FileIO). Exit 0 when both
 * passed, 1 when either failed (the credential was refused, the secret is missing, the API is unreachable, the
 * destination refused a write or returned other bytes), 2 when the pipeline is invalid.
 */
@Command(name = "check",
    description = "Validate a pipeline, test its credential with one request and its destination with a probe object.")
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PIPELINE.yaml") Path file;

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() throws InterruptedException {
    PipelineSpec pipeline;
    try {
      pipeline = new PipelineLoader(homeOption.home().specDefaults()).load(file);
    } catch (SpecException e) {
      System.err.println(e.getMessage());
      return IngestCli.INVALID;
    }
    System.out.printf("pipeline %s is valid: connector %s (auth method %s), endpoints %s%n", pipeline.name(),
        pipeline.connector().name(), pipeline.connector().authMethod(), String.join(", ", pipeline.endpointNames()));
    boolean sourceOk = checkSource(pipeline);
    boolean destinationOk = checkDestination(pipeline);
    return sourceOk && destinationOk ? IngestCli.OK : IngestCli.FAILED;
  }

  private boolean checkDestination(PipelineSpec pipeline) {
    DestinationProbe.Result probe = DestinationProbe.run(pipeline.destination(),
        new StoreCatalogSecrets(homeOption.secrets()), pipeline.name());
    probe.checked().forEach(line -> System.out.println("ok: " + line));
    if (!probe.ok()) {
      System.err.println("check failed: " + probe.failure());
    }
    return probe.ok();
  }

  private boolean checkSource(PipelineSpec pipeline) throws InterruptedException {
    EndpointCheck check = CredentialProbe.run(pipeline, homeOption.secrets());
    String secret = pipeline.credentialsSecret().map(s -> "secret '" + s + "'").orElse("no credential");
    if (check.ok()) {
      System.out.printf("ok: %s accepted %s: endpoint %s answered with %d record(s) on its first page%n",
          pipeline.connector().name(), secret, check.endpoint(), check.records());
      return true;
    }
    if (check.errorClass() == ErrorClass.AUTH_FAILED) {
      System.err.printf("check failed: %s rejected the credential in %s (AUTH_FAILED) on endpoint %s:%n  %s%n",
          pipeline.connector().name(), secret, check.endpoint(), check.message());
      if (pipeline.airbyteManifest().isPresent()) { // the manifest's own form, oneOf auth variants included
        CredentialForm.of(pipeline.airbyteManifest().get().connectionSpecification()).lines()
            .forEach(line -> System.err.println("  " + line));
        return false;
      }
      System.err.printf("  with auth method %s (%s) the secret must hold a valid value for:%n",
          pipeline.connector().authMethod(), pipeline.connector().selectedAuthMethod().label());
      for (CredentialField field : pipeline.connector().credentials().values()) {
        System.err.printf("    %s (%s)%s%n", field.key(), field.label(),
            field.help().isEmpty() ? "" : ": " + field.help());
      }
      if (pipeline.connector().authMethods().size() > 1) {
        System.err.printf("  other auth methods (credentials.auth_method): %s%n", pipeline.connector().authMethods()
            .keySet().stream().filter(m -> !m.equals(pipeline.connector().authMethod()))
            .collect(java.util.stream.Collectors.joining(", ")));
      }
    } else {
      System.err.printf("check failed: endpoint %s of %s failed (%s):%n  %s%n", check.endpoint(),
          pipeline.connector().name(), check.errorClass(), check.message());
    }
    return false;
  }
}
