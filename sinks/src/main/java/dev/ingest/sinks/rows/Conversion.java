package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Per-field conversion state: set when some part of the value did not fit its column (a type conflict, an
 * unknown nested key, a null for a required nested field), so the whole original field is kept in
 * {@code _ingest_extra}.
 */
final class Conversion {

  boolean misfit;

  /** Marks the current field as not fully converted and returns {@code null} for the part that did not fit. */
  Object misfit() {
    misfit = true;
    return null;
  }

  /**
   * As {@link #misfit()} for the value at the parser's current token, which is skipped (with its children when it
   * is an object or array) so the parser ends on the value's last token.
   */
  Object misfit(JsonParser parser) throws IOException {
    parser.skipChildren();
    return misfit();
  }
}
