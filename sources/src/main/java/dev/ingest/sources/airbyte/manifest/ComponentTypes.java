package dev.ingest.sources.airbyte.manifest;

import java.util.Map;

/**
 * The component types Airbyte infers from the parent field when a manifest omits {@code type} (its
 * {@code DEFAULT_MODEL_TYPES} and {@code CUSTOM_COMPONENTS_MAPPING} tables), keyed {@code ParentType.field}.
 */
final class ComponentTypes {
  private static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("CompositeErrorHandler.error_handlers", "DefaultErrorHandler"),
      Map.entry("CursorPagination.decoder", "JsonDecoder"),
      Map.entry("DatetimeBasedCursor.end_datetime", "MinMaxDatetime"),
      Map.entry("DatetimeBasedCursor.end_time_option", "RequestOption"),
      Map.entry("DatetimeBasedCursor.start_datetime", "MinMaxDatetime"),
      Map.entry("DatetimeBasedCursor.start_time_option", "RequestOption"),
      Map.entry("DeclarativeSource.check", "CheckStream"),
      Map.entry("DeclarativeSource.spec", "Spec"),
      Map.entry("DeclarativeSource.streams", "DeclarativeStream"),
      Map.entry("DeclarativeStream.retriever", "SimpleRetriever"),
      Map.entry("DeclarativeStream.schema_loader", "JsonFileSchemaLoader"),
      Map.entry("DefaultErrorHandler.response_filters", "HttpResponseFilter"),
      Map.entry("DefaultPaginator.decoder", "JsonDecoder"),
      Map.entry("DefaultPaginator.page_size_option", "RequestOption"),
      Map.entry("DpathExtractor.decoder", "JsonDecoder"),
      Map.entry("HttpRequester.error_handler", "DefaultErrorHandler"),
      Map.entry("ListPartitionRouter.request_option", "RequestOption"),
      Map.entry("ParentStreamConfig.request_option", "RequestOption"),
      Map.entry("ParentStreamConfig.stream", "DeclarativeStream"),
      Map.entry("RecordSelector.extractor", "DpathExtractor"),
      Map.entry("RecordSelector.record_filter", "RecordFilter"),
      Map.entry("SimpleRetriever.paginator", "NoPagination"),
      Map.entry("SimpleRetriever.record_selector", "RecordSelector"),
      Map.entry("SimpleRetriever.requester", "HttpRequester"),
      Map.entry("SubstreamPartitionRouter.parent_stream_configs", "ParentStreamConfig"),
      Map.entry("AddFields.fields", "AddedFieldDefinition"),
      Map.entry("CustomPartitionRouter.parent_stream_configs", "ParentStreamConfig"));
  private static final Map<String, String> CUSTOM = Map.ofEntries(
      Map.entry("CompositeErrorHandler.backoff_strategies", "CustomBackoffStrategy"),
      Map.entry("DeclarativeStream.retriever", "CustomRetriever"),
      Map.entry("DeclarativeStream.transformations", "CustomTransformation"),
      Map.entry("DefaultErrorHandler.backoff_strategies", "CustomBackoffStrategy"),
      Map.entry("DefaultPaginator.pagination_strategy", "CustomPaginationStrategy"),
      Map.entry("HttpRequester.authenticator", "CustomAuthenticator"),
      Map.entry("HttpRequester.error_handler", "CustomErrorHandler"),
      Map.entry("RecordSelector.extractor", "CustomRecordExtractor"),
      Map.entry("SimpleRetriever.partition_router", "CustomPartitionRouter"));

  private ComponentTypes() {}

  /** The type a mapping without {@code type} in {@code field} has, or null. */
  static String defaultType(String field) {
    return DEFAULTS.get(field);
  }

  /** The custom type a mapping with {@code class_name} in {@code field} has, or null. */
  static String customType(String field) {
    return CUSTOM.get(field);
  }
}
