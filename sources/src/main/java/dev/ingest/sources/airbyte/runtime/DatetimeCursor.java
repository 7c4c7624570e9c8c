package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.airbyte.interpolation.DatetimeFormats;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.incremental.CursorValues;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stream's {@code DatetimeBasedCursor} for one read: the windows from {@code start_datetime} (or the committed
 * cursor minus {@code lookback_window}) to {@code end_datetime} (default now), each seen by templates as
 * {@code stream_interval.start_time}/{@code end_time} (or the {@code partition_field_*} names) formatted with
 * {@code datetime_format} and sent by {@code start_time_option}/{@code end_time_option}; and, per record, its
 * cursor value ({@code cursor_field} parsed with {@code cursor_datetime_formats}, then {@code datetime_format}).
 *
 * <p>Cursor values leave this class as ISO-8601 UTC text ({@code 2024-01-02T03:04:05.006Z}): that is the form
 * kept in the split state and {@code _ingest_runs.cursor_end}, compared by the runtime's {@link CursorValues}; a
 * partitioned stream's pages wrap it in a per-partition state ({@link StreamMark}).
 * The windows are served as the records of a request-free parent (as {@link ListRouter} serves its values), so the
 * runtime's parent/child walk checkpoints the window a split is in.
 */
final class DatetimeCursor {
  static final String START_VAR = "parent.start";
  static final String END_VAR = "parent.end";
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final Component cursor;
  private final CursorField field;
  private final String datetimeFormat;
  private final OffsetDateTime start;
  private final OffsetDateTime end;
  private final Optional<OffsetDateTime> committed;
  private final DatetimeWindows planner;
  private final StreamMark mark;
  private final Map<String, Object> partition;

  private DatetimeCursor(Component cursor, Templates templates, EvalContext context, StreamMark mark,
      Map<String, Object> partition, OffsetDateTime now) {
    this.cursor = cursor;
    this.mark = mark;
    this.partition = partition;
    this.field = CursorField.of(cursor, templates, context);
    String kept = mark.committed(partition, field.name());
    this.committed = kept == null || kept.isEmpty() ? Optional.empty()
        : Optional.of(CursorValues.timestamp(kept).orElseThrow(() -> cursor.refuse(
            "the committed cursor is not a timestamp")));
    this.datetimeFormat = field.datetimeFormat();
    this.start = boundary("start_datetime", templates, context);
    this.end = cursor.has("end_datetime") ? boundary("end_datetime", templates, context) : now;
    try {
      this.planner = new DatetimeWindows(templates.text(cursor, "step", context, null),
          templates.text(cursor, "cursor_granularity", context, null),
          templates.text(cursor, "lookback_window", context, null),
          cursor.field("is_compare_strictly").asBoolean(false), clamping(cursor, templates, context));
    } catch (IllegalArgumentException e) {
      throw cursor.refuse(e.getMessage());
    }
  }

  /** {@code clamping}, its {@code target} interpolated with the config; null when the cursor has none. */
  private static DatetimeClamping clamping(Component cursor, Templates templates, EvalContext context) {
    Component clamping = cursor.child("clamping");
    if (clamping == null) {
      return null;
    }
    return DatetimeClamping.of(templates.text(clamping, "target", context, "").trim(),
        clamping.field("target_details"));
  }

  /**
   * The cursor of {@code stream}, if it has a {@code DatetimeBasedCursor}.
   *
   * @param mark the stream's committed mark: where this partition's windows start (its own cursor, else the
   *     global one, minus {@code lookback_window}) and the form its pages report
   * @param partition the partition read ({@code stream_partition}; empty for an unpartitioned stream)
   * @param now the default end
   */
  static Optional<DatetimeCursor> of(Component stream, Templates templates, EvalContext context, StreamMark mark,
      Map<String, Object> partition, OffsetDateTime now) {
    Component cursor = stream.child("incremental_sync");
    if (cursor == null || !cursor.type().equals("DatetimeBasedCursor")) {
      return Optional.empty();
    }
    return Optional.of(new DatetimeCursor(cursor, templates, context.withParameters(cursor.parameters()), mark,
        partition, now));
  }

  private OffsetDateTime boundary(String field, Templates templates, EvalContext context) {
    Component value = cursor.child(field);
    if (value == null) {
      throw cursor.refuse(field + " is required");
    }
    if (value.node().isTextual()) {
      return MinMaxDatetime.resolve(value.path(), templates.text(cursor, field, context, ""), datetimeFormat, null,
          null);
    }
    EvalContext own = context.withParameters(value.parameters());
    String format = templates.text(value, "datetime_format", own, "");
    return MinMaxDatetime.resolve(value.path(), templates.text(value, "datetime", own, ""),
        format.isEmpty() ? datetimeFormat : format, templates.text(value, "min_datetime", own, ""),
        templates.text(value, "max_datetime", own, ""));
  }

  /** The windows of this read, in order. */
  List<DatetimeWindows.Window> windows() {
    return planner.windows(start, end, committed);
  }

  /** A fetcher with one page whose records are the windows ({@code {"start": iso, "end": iso}}), no request. */
  PageFetcher windowsFetcher() {
    List<String> records = new ArrayList<>();
    for (DatetimeWindows.Window w : windows()) {
      records.add(Json.node(Map.of("start", iso(w.start()), "end", iso(w.end()))).toString());
    }
    return page -> new Page(records, Optional.empty(), FetchStats.NONE);
  }

  /** The window a {@link #windowsFetcher()} record's vars name. */
  DatetimeWindows.Window window(Map<String, String> vars) {
    return new DatetimeWindows.Window(OffsetDateTime.parse(vars.get(START_VAR)),
        OffsetDateTime.parse(vars.get(END_VAR)));
  }

  /** {@code stream_interval} of a window: its boundaries in {@code datetime_format}. */
  Map<String, Object> slice(DatetimeWindows.Window window) {
    Map<String, Object> slice = new LinkedHashMap<>();
    slice.put(cursor.text("partition_field_start", "start_time"), DatetimeFormats.format(window.start(),
        datetimeFormat));
    slice.put(cursor.text("partition_field_end", "end_time"), DatetimeFormats.format(window.end(), datetimeFormat));
    return slice;
  }

  /** The request options sending a window's boundaries. */
  List<Map.Entry<Component, Object>> options(DatetimeWindows.Window window) {
    Map<String, Object> slice = slice(window);
    List<Map.Entry<Component, Object>> options = new ArrayList<>();
    Component startOption = cursor.child("start_time_option");
    if (startOption != null) {
      options.add(new AbstractMap.SimpleImmutableEntry<>(startOption,
          slice.get(cursor.text("partition_field_start", "start_time"))));
    }
    Component endOption = cursor.child("end_time_option");
    if (endOption != null) {
      options.add(new AbstractMap.SimpleImmutableEntry<>(endOption,
          slice.get(cursor.text("partition_field_end", "end_time"))));
    }
    return options;
  }

  /** A record's cursor value; empty when it has none or it matches none of the formats. */
  Optional<OffsetDateTime> value(JsonNode record) {
    return field.value(record);
  }

  /**
   * Airbyte's {@code should_be_synced}: the record's value lies between where this sync started (the committed
   * cursor, else {@code start_datetime}) and the end; a record without a readable value is kept.
   */
  boolean inRange(JsonNode record) {
    Optional<OffsetDateTime> value = value(record);
    if (value.isEmpty()) {
      return true;
    }
    OffsetDateTime from = committed.filter(c -> c.isAfter(start)).orElse(start);
    return !value.get().isBefore(from) && !value.get().isAfter(planner.end(end));
  }

  /** {@code is_data_feed}: paging stops at the first page whose last record is out of range. */
  boolean isDataFeed() {
    return cursor.field("is_data_feed").asBoolean(false);
  }

  /** {@code is_client_side_incremental}: records out of range are dropped. */
  boolean isClientSide() {
    return cursor.field("is_client_side_incremental").asBoolean(false);
  }

  /** The highest cursor value of {@code records} as ISO-8601 UTC text; empty when none has one. */
  Optional<String> max(List<JsonNode> records) {
    OffsetDateTime max = null;
    for (JsonNode record : records) {
      Optional<OffsetDateTime> value = value(record);
      if (value.isPresent() && (max == null || value.get().isAfter(max))) {
        max = value.get();
      }
    }
    return max == null ? Optional.empty() : Optional.of(iso(max));
  }

  /** The mark a page with {@code records} reports ({@link StreamMark#page}); empty when none has a value. */
  Optional<String> mark(List<JsonNode> records) {
    return mark.page(partition, field.name(), max(records));
  }

  static String iso(OffsetDateTime time) {
    return ISO.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  @Override
  public String toString() {
    return "DatetimeCursor{" + cursor.path() + ", field=" + field + "}";
  }
}
