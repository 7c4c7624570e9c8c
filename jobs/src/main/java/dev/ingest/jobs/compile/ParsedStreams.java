package dev.ingest.jobs.compile;

import dev.ingest.jobs.lineage.RunSignal;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.OutputTag;

/**
 * The outputs of the parsing operator ({@link ParseTranslator}), one side output each: the rows of every endpoint
 * table, the run summaries, the dead letters, the completions of full-refresh runs and (with lineage on) the run signals. Each is asked for once, by
 * the translator that writes it.
 */
final class ParsedStreams {
  private final SingleOutputStreamOperator<RowData> parsed;
  private final Map<String, OutputTag<RowData>> endpointTags;
  private final OutputTag<RowData> runsTag;
  private final OutputTag<RowData> deadLetterTag;
  private final OutputTag<RunCompletion> completionTag;
  private final OutputTag<RunSignal> lineageTag;

  ParsedStreams(SingleOutputStreamOperator<RowData> parsed, Map<String, OutputTag<RowData>> endpointTags,
      OutputTag<RowData> runsTag, OutputTag<RowData> deadLetterTag, OutputTag<RunCompletion> completionTag,
      OutputTag<RunSignal> lineageTag) {
    this.lineageTag = lineageTag;
    this.parsed = parsed;
    this.endpointTags = Map.copyOf(endpointTags);
    this.runsTag = runsTag;
    this.deadLetterTag = deadLetterTag;
    this.completionTag = completionTag;
  }

  /** The rows of {@code endpoint}'s table. */
  DataStream<RowData> rows(String endpoint) {
    OutputTag<RowData> tag = endpointTags.get(endpoint);
    if (tag == null) {
      throw new IllegalArgumentException("no table planned for endpoint " + endpoint);
    }
    return parsed.getSideOutput(tag);
  }

  /** Rows of the runs table, one per endpoint run. */
  DataStream<RowData> runs() {
    return parsed.getSideOutput(runsTag);
  }

  /** Rows of the dead-letter table, one per record that could not be converted. */
  DataStream<RowData> deadLetters() {
    return parsed.getSideOutput(deadLetterTag);
  }

  /** Run starts and endpoint ends for lineage; only when the pipeline has lineage on. */
  DataStream<RunSignal> runSignals() {
    if (lineageTag == null) {
      throw new IllegalStateException("lineage is off: the parsing operator sends no run signals");
    }
    return parsed.getSideOutput(lineageTag);
  }

  /** The ends of full-refresh endpoint runs, for the publisher. */
  DataStream<RunCompletion> completions() {
    return parsed.getSideOutput(completionTag);
  }
}
