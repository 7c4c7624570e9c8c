package dev.ingest.jobs.spec;

import dev.ingest.sinks.catalog.DestinationConfig;
import dev.ingest.sources.airbyte.ManifestConnector;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.spec.ConnectorSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated pipeline: which connector, which credential (a reference, never a value), which endpoints, where
 * they land and when they run. Built only by {@link PipelineLoader}, which rejects invalid definitions with field
 * paths, so a {@code PipelineSpec} is always deployable.
 *
 * @param name the pipeline name; also the Iceberg namespace of its tables
 * @param connector the resolved connector definition (built-in or the user's own file)
 * @param config values for the connector's {@code config.*} templates (defaults applied)
 * @param credentialsSecret the secret-store name holding the credential, or empty for connectors without auth
 * @param endpoints the endpoints to fetch, in the order given
 * @param destination where the tables live
 * @param schedule a cron expression (5 fields, or 6 with leading seconds)
 * @param runtime Flink settings
 * @param maintenance compaction and snapshot-expiry settings of the pipeline's tables
 * @param network the network policy the pipeline was validated with; the HTTP runtime re-checks it before every
 *     request (a host that resolves to a refused address later is not called)
 * @param manifest the Airbyte manifest the connector was translated from ({@code connector_file} of
 *     {@code type: DeclarativeSource}), or null for a native connector
 * @param lineage where the pipeline's OpenLineage run events go ({@link LineageOptions#OFF} by default)
 */
public record PipelineSpec(
    String name,
    ConnectorSpec connector,
    Map<String, String> config,
    Optional<String> credentialsSecret,
    List<EndpointSelection> endpoints,
    DestinationConfig destination,
    String schedule,
    RuntimeOptions runtime,
    MaintenanceOptions maintenance,
    AddressPolicy network,
    ManifestConnector manifest,
    LineageOptions lineage)
    implements Serializable {

  /** A pipeline of a native connector, without lineage. */
  public PipelineSpec(String name, ConnectorSpec connector, Map<String, String> config,
      Optional<String> credentialsSecret, List<EndpointSelection> endpoints, DestinationConfig destination,
      String schedule, RuntimeOptions runtime, MaintenanceOptions maintenance, AddressPolicy network) {
    this(name, connector, config, credentialsSecret, endpoints, destination, schedule, runtime, maintenance, network,
        null, LineageOptions.OFF);
  }

  /** The Airbyte manifest this pipeline runs, if its connector is one. */
  public Optional<ManifestConnector> airbyteManifest() {
    return Optional.ofNullable(manifest);
  }

  public PipelineSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(connector, "connector");
    config = Map.copyOf(config);
    Objects.requireNonNull(credentialsSecret, "credentialsSecret");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(maintenance, "maintenance");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(lineage, "lineage");
  }

  /** The selection of one endpoint. */
  public EndpointSelection endpoint(String endpoint) {
    return endpoints.stream().filter(e -> e.name().equals(endpoint)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("endpoint " + endpoint + " is not part of pipeline " + name));
  }

  public List<String> endpointNames() {
    return endpoints.stream().map(EndpointSelection::name).toList();
  }
}
