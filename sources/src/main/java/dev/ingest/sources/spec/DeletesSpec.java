package dev.ingest.sources.spec;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The endpoint's records are deletions of another endpoint's records (connector key {@code deletes}): an API's
 * listing of archived records ({@code GET /crm/v3/objects/contacts?archived=true}) or its deletion events
 * ({@code GET /v1/events?type=customer.deleted}). In a pipeline whose target endpoint is an upsert, each such record
 * deletes the target's row with the same primary key (an Iceberg equality delete), besides landing in its own table.
 *
 * <pre>{@code
 * deletes: { endpoint: customers, key: [data.object.id] }   # key: one JSON path per primary-key column of the
 *                                                           # target, in order; default the target's key names
 * }</pre>
 *
 * @param endpoint the endpoint whose rows the records delete
 * @param key JSON paths into this endpoint's record giving the target's primary-key values, in the target key's
 *     order; empty for the target's key names themselves
 */
public record DeletesSpec(String endpoint, List<String> key) implements Serializable {
  public DeletesSpec {
    Objects.requireNonNull(endpoint, "endpoint");
    key = List.copyOf(key);
  }

  /** The JSON paths of the key values in a record, given the target endpoint's primary key. */
  public List<String> keyPaths(List<String> targetKey) {
    return key.isEmpty() ? List.copyOf(targetKey) : key;
  }
}
