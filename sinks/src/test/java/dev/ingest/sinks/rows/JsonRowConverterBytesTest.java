package dev.ingest.sinks.rows;

import java.nio.charset.StandardCharsets;
import org.apache.flink.table.data.GenericRowData;

/**
 * Every {@link JsonRowConverterTest} case, with the record given as UTF-8 bytes (as the source hands records over,
 * cut out of the page) instead of text: the same rows, extras and errors.
 */
class JsonRowConverterBytesTest extends JsonRowConverterTest {
  @Override
  GenericRowData convert(String json) throws RecordConversionException {
    byte[] bytes = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    return (GenericRowData) converter.convert(bytes, "run-1", NOW);
  }
}
