package dev.ingest.control.api;

import dev.ingest.control.store.StoredPipeline;
import dev.ingest.jobs.spec.PipelineSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which stored pipelines name which secrets: for the API credential ({@code credentials.secret}), the catalog
 * ({@code destination.credentials}) and the object store ({@code destination.s3.credentials}). Names only; no
 * value is read. A definition that no longer parses is skipped.
 */
final class CredentialUsage {
  /** One pipeline's use of a secret; {@code role} is credentials, destination or destination s3. */
  record Use(String pipeline, String role) {}

  private CredentialUsage() {}

  /** Secret name to its uses, by name. */
  static Map<String, List<Use>> of(PipelineService pipelines) {
    Map<String, List<Use>> uses = new TreeMap<>();
    for (StoredPipeline p : pipelines.list()) {
      PipelineSpec spec;
      try {
        spec = pipelines.spec(p);
      } catch (RuntimeException e) {
        continue;
      }
      spec.credentialsSecret().ifPresent(s -> add(uses, s, p.name(), "credentials"));
      spec.destination().catalogSecretName().ifPresent(s -> add(uses, s, p.name(), "destination"));
      spec.destination().storageSecretName().ifPresent(s -> add(uses, s, p.name(), "destination s3"));
    }
    return uses;
  }

  /** The pipelines other than {@code except} that use {@code secret}, by name, each once. */
  static List<String> othersUsing(PipelineService pipelines, String secret, String except) {
    return of(pipelines).getOrDefault(secret, List.of()).stream().map(Use::pipeline)
        .filter(p -> !p.equals(except)).distinct().sorted().toList();
  }

  private static void add(Map<String, List<Use>> uses, String secret, String pipeline, String role) {
    uses.computeIfAbsent(secret, k -> new ArrayList<>()).add(new Use(pipeline, role));
  }
}
