package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * A converter for a primitive column, dispatching on the JSON kind of the value: each kind a column does not
 * accept is a misfit (objects and arrays are skipped whole). Text conversion is also used for map keys, which are
 * JSON names.
 */
abstract class ScalarConverter implements ValueConverter {

  @Override
  public Object convert(JsonParser p, Conversion c) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> text(p.getText(), c);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(p, c);
      case VALUE_TRUE -> bool(true, c);
      case VALUE_FALSE -> bool(false, c);
      default -> c.misfit(p);
    };
  }

  /** The value of JSON text {@code s}. */
  Object text(String s, Conversion c) {
    return c.misfit();
  }

  /** The value of the JSON number at the parser's current token. */
  Object number(JsonParser p, Conversion c) throws IOException {
    return c.misfit();
  }

  /** The value of a JSON boolean. */
  Object bool(boolean b, Conversion c) {
    return c.misfit();
  }
}
