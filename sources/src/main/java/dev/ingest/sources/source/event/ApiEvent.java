package dev.ingest.sources.source.event;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What {@code ApiSource} emits: either one record of an endpoint ({@link #RECORD}, raw JSON) or the summary of one
 * endpoint's run ({@link #ENDPOINT_RUN}), emitted after the endpoint's last record. Both travel in the same
 * checkpointed stream, so a run summary is committed exactly once, together with the records it counts.
 *
 * <p>A Flink POJO (public no-arg constructor, public fields): Flink serializes it with its POJO serializer, never
 * Kryo.
 */
public class ApiEvent {
  public static final byte RECORD = 0;
  public static final byte ENDPOINT_RUN = 1;

  /** {@link #RECORD} or {@link #ENDPOINT_RUN}. */
  public byte kind;
  /** The endpoint name as the connector defines it. */
  public String endpoint;
  /** The run this event belongs to. */
  public String runId;
  /** Epoch millis at which the run was created by the enumerator. */
  public long runStartedAt;
  /**
   * The record's raw JSON as UTF-8 bytes, as cut out of the response (never re-serialized); null for
   * {@link #ENDPOINT_RUN}.
   */
  public byte[] json;
  /** The endpoint run summary; null for {@link #RECORD}. */
  public EndpointRun run;

  public ApiEvent() {}

  public static ApiEvent record(String endpoint, String runId, long runStartedAt, byte[] json) {
    ApiEvent e = new ApiEvent();
    e.kind = RECORD;
    e.endpoint = endpoint;
    e.runId = runId;
    e.runStartedAt = runStartedAt;
    e.json = Objects.requireNonNull(json, "json");
    return e;
  }

  /** A record given as JSON text. */
  public static ApiEvent record(String endpoint, String runId, long runStartedAt, String json) {
    return record(endpoint, runId, runStartedAt,
        Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /** The record's JSON text (decoded on each call); null for {@link #ENDPOINT_RUN}. */
  public String text() {
    return json == null ? null : new String(json, StandardCharsets.UTF_8);
  }

  public static ApiEvent endpointRun(EndpointRun run) {
    ApiEvent e = new ApiEvent();
    e.kind = ENDPOINT_RUN;
    e.endpoint = run.endpoint;
    e.runId = run.runId;
    e.runStartedAt = run.runStartedAt;
    e.run = run;
    return e;
  }

  public boolean isRecord() {
    return kind == RECORD;
  }

  @Override
  public String toString() {
    return isRecord()
        ? "ApiEvent{record " + endpoint + " run=" + runId + " bytes=" + (json == null ? 0 : json.length) + "}"
        : "ApiEvent{" + run + "}";
  }
}
