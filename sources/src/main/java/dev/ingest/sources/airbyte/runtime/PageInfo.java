package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a pagination strategy may look at after a page: the template context with {@code response},
 * {@code headers}, {@code last_record} and {@code last_page_size} set, the records the extractor found (before
 * filters, what {@code PageIncrement} and {@code OffsetIncrement} count) and the records kept.
 *
 * @param context the evaluation context after the response
 * @param extracted how many records the extractor found on the page
 * @param kept how many records remained after filtering ({@code last_page_size})
 * @param lastRecord the last kept record, or null
 */
public record PageInfo(EvalContext context, int extracted, int kept, JsonNode lastRecord) {}
