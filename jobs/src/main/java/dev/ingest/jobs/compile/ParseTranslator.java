package dev.ingest.jobs.compile;

import dev.ingest.jobs.lineage.RunSignal;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.deadletter.DeadLetterTable;
import dev.ingest.sinks.rows.JsonRowConverter;
import dev.ingest.sinks.runs.RunsTable;
import dev.ingest.sources.source.event.ApiEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * Adds the parsing operator ({@link ParseFunction}) after the source, chained to it at the same parallelism: one
 * row converter and side output per endpoint table, and side outputs for run summaries, dead letters and
 * full-refresh run completions. With {@link CompileOptions#evolveColumnsWithinRun} it also watches for new fields
 * ({@link NewColumnGuard}).
 */
final class ParseTranslator {
  /** The parsing operator's uid; fixed, its dead-letter counts are restored by it. */
  static final String UID = "parse";

  private final CompileOptions options;
  private final CatalogLoader catalogLoader;

  /** @param catalogLoader the loader the new-column guard alters tables with */
  ParseTranslator(CompileOptions options, CatalogLoader catalogLoader) {
    this.options = options;
    this.catalogLoader = catalogLoader;
  }

  /** @param fullRefreshEndpoints the endpoints whose run summaries also go out as {@link RunCompletion}s */
  ParsedStreams translate(DataStream<ApiEvent> events, PipelineSpec pipeline, List<EndpointTable> tables,
      Set<String> fullRefreshEndpoints) {
    Map<String, JsonRowConverter> converters = new HashMap<>();
    Map<String, OutputTag<RowData>> tags = new HashMap<>();
    for (EndpointTable table : tables) {
      converters.put(table.endpoint(), new JsonRowConverter(table.schema()));
      tags.put(table.endpoint(), new OutputTag<>("rows-" + table.endpoint(), typeOf(table.schema())));
    }
    OutputTag<RowData> runsTag = new OutputTag<>("runs", typeOf(RunsTable.schema()));
    OutputTag<RowData> deadTag = new OutputTag<>("dead-letters", typeOf(DeadLetterTable.schema()));
    OutputTag<RunCompletion> completionTag = new OutputTag<>("run-completions", TypeInformation.of(RunCompletion.class));

    ParseFunction parse = new ParseFunction(pipeline.name(), converters, tags, runsTag, deadTag, completionTag,
        fullRefreshEndpoints);
    OutputTag<RunSignal> lineageTag = null;
    if (pipeline.lineage().enabled()) {
      lineageTag = new OutputTag<>("run-signals", TypeInformation.of(RunSignal.class));
      parse.reportingRunsTo(lineageTag);
    }
    Map<String, DeletionRows> deletions = deletions(pipeline, converters.keySet());
    if (!deletions.isEmpty()) {
      parse.deleting(deletions);
    }
    if (options.evolveColumnsWithinRun()) {
      parse.evolvingColumnsWith(new NewColumnGuard(catalogLoader, tables));
    }
    SingleOutputStreamOperator<RowData> parsed = events
        .process(parse)
        .returns(typeOf(RunsTable.schema()))
        .name("parse " + pipeline.name())
        .uid(UID)
        .setParallelism(pipeline.runtime().parallelism());
    return new ParsedStreams(parsed, tags, runsTag, deadTag, completionTag, lineageTag);
  }

  /**
   * The deletions endpoints whose target is an upsert table of this pipeline (the loader checked the key); a
   * deletions endpoint without its target in the pipeline only lands in its own table.
   */
  private static Map<String, DeletionRows> deletions(PipelineSpec pipeline, Set<String> planned) {
    Map<String, DeletionRows> out = new HashMap<>();
    for (var selection : pipeline.endpoints()) {
      var deletes = pipeline.connector().endpoints().get(selection.name()).deletes();
      if (deletes == null || !planned.contains(selection.name()) || !planned.contains(deletes.endpoint())) {
        continue;
      }
      var target = pipeline.endpoint(deletes.endpoint());
      if (target.writeMode() == dev.ingest.sinks.write.WriteMode.UPSERT) {
        out.put(selection.name(), new DeletionRows(target.name(), target.primaryKey(),
            deletes.keyPaths(pipeline.connector().endpoints().get(target.name()).primaryKey())));
      }
    }
    return out;
  }

  private static InternalTypeInfo<RowData> typeOf(Schema schema) {
    return InternalTypeInfo.of(FlinkSchemaUtil.convert(schema));
  }
}
