package dev.ingest.sources.airbyte.interpolation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The variables one interpolation sees, named as Airbyte names them: {@code config}, {@code parameters},
 * {@code stream_slice} (with its aliases {@code stream_interval} and {@code stream_partition}: one mapping of the
 * partition's and the cursor window's keys), {@code next_page_token}, {@code response}, {@code headers} (header
 * names case-insensitive, values of a repeated header joined with {@code ", "}, and {@code link} replaced by the
 * parsed Link header), {@code last_record}, {@code last_page_size}, {@code record}, plus any other name a component
 * passes ({@code creation_response}, {@code stream_name}). Values may be Jackson trees or plain Java values; they are
 * copied into plain maps and lists ({@link PythonValues#plain}). Immutable; build with {@link #builder()}.
 */
public final class InterpolationContext {

  /** Names a component may not set directly: the aliases come from the slice, {@code stream_state} is refused. */
  private static final Set<String> RESERVED = Set.of("stream_interval", "stream_partition", "stream_state");

  private final Map<String, Object> variables;
  private final List<String> redactions;

  private InterpolationContext(Map<String, Object> variables, List<String> redactions) {
    this.variables = Collections.unmodifiableMap(variables);
    this.redactions = List.copyOf(redactions);
  }

  /** A context with only {@code config} and {@code parameters} empty. */
  public static InterpolationContext empty() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The variables as templates see them (read-only). */
  Map<String, Object> variables() {
    return variables;
  }

  /** Texts to redact from error messages: the config's string values and the declared secrets, longest first. */
  List<String> redactions() {
    return redactions;
  }

  /** Builds an {@link InterpolationContext}. */
  public static final class Builder {
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private final List<String> secrets = new ArrayList<>();

    private Builder() {
      variables.put("config", new LinkedHashMap<>());
      variables.put("parameters", new LinkedHashMap<>());
    }

    /** The connector config (a map or a Jackson tree); its string values are redacted from errors. */
    public Builder config(Object config) {
      return put("config", config == null ? new LinkedHashMap<>() : config);
    }

    /** The component's {@code $parameters}. */
    public Builder parameters(Object parameters) {
      return put("parameters", parameters == null ? new LinkedHashMap<>() : parameters);
    }

    /**
     * The stream slice: the partition's keys ({@code parent_id}) and the cursor window's ({@code start_time},
     * {@code end_time}) in one mapping, visible as {@code stream_slice}, {@code stream_partition} and
     * {@code stream_interval}.
     */
    public Builder streamSlice(Map<String, ?> partition, Map<String, ?> cursorSlice) {
      Map<String, Object> merged = new LinkedHashMap<>();
      if (partition != null) {
        merged.putAll(partition);
      }
      if (cursorSlice != null) {
        merged.putAll(cursorSlice);
      }
      return put("stream_slice", merged);
    }

    /** {@code next_page_token} (Airbyte passes a mapping such as {@code {"next_page_token": value}}). */
    public Builder nextPageToken(Object token) {
      return put("next_page_token", token);
    }

    /** The decoded response body. */
    public Builder response(Object response) {
      return put("response", response);
    }

    /** The response headers; {@code headers['link']} becomes the parsed Link header ({@code link.next.url}). */
    public Builder headers(Map<String, ? extends Collection<String>> headers) {
      Map<String, Object> view = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      if (headers != null) {
        headers.forEach((name, values) -> view.put(name, String.join(", ", values)));
      }
      Object link = view.get("link");
      view.put("link", LinkHeader.parse(link == null ? null : link.toString()));
      variables.put("headers", view);
      return this;
    }

    /** The last record of the page ({@code last_record}). */
    public Builder lastRecord(Object record) {
      return put("last_record", record);
    }

    /** The number of records on the page ({@code last_page_size}). */
    public Builder lastPageSize(long size) {
      return put("last_page_size", size);
    }

    /** The record being filtered or transformed ({@code record}). */
    public Builder record(Object record) {
      return put("record", record);
    }

    /** Any other variable a component passes. {@code stream_state} and the slice aliases are refused. */
    public Builder variable(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException(name + " cannot be set directly"
            + (name.equals("stream_state") ? " (Airbyte no longer interpolates stream_state)" : "; use streamSlice"));
      }
      return put(name, value);
    }

    /** A secret to redact from error messages even when it is not in the config (a refreshed access token). */
    public Builder secret(String value) {
      if (value != null && !value.isEmpty()) {
        secrets.add(value);
      }
      return this;
    }

    private Builder put(String name, Object value) {
      variables.put(name, PythonValues.plain(value));
      return this;
    }

    /** The context. */
    public InterpolationContext build() {
      Map<String, Object> copy = new LinkedHashMap<>(variables);
      Object slice = copy.get("stream_slice");
      if (slice != null) {
        copy.put("stream_interval", slice);
        copy.put("stream_partition", slice);
      }
      List<String> redactions = new ArrayList<>(secrets);
      strings(copy.get("config"), redactions, 0);
      redactions.sort((a, b) -> Integer.compare(b.length(), a.length()));
      return new InterpolationContext(copy, redactions);
    }

    private static void strings(Object value, List<String> out, int depth) {
      if (depth > 50) {
        return;
      }
      if (value instanceof String && ((String) value).length() >= 4) {
        out.add((String) value);
      } else if (value instanceof Map) {
        ((Map<?, ?>) value).values().forEach(v -> strings(v, out, depth + 1));
      } else if (value instanceof Collection) {
        ((Collection<?>) value).forEach(v -> strings(v, out, depth + 1));
      }
    }
  }
}
