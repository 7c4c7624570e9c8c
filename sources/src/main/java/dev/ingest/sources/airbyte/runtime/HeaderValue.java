package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.http.ApiResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The number in a response header, as Airbyte's {@code get_numeric_value_from_header} reads it: the header's first
 * value, through {@code regex} when given (the match at the start of the value), parsed as a float; empty when the
 * header is absent or not a number.
 */
final class HeaderValue {
  private final String header;
  private final Pattern regex;

  private HeaderValue(String header, Pattern regex) {
    this.header = header;
    this.regex = regex;
  }

  static HeaderValue of(Component strategy, Templates templates, EvalContext context) {
    String header = templates.text(strategy, "header", context, "");
    if (header.isEmpty()) {
      throw strategy.refuse("header is required");
    }
    String regex = templates.text(strategy, "regex", context, "");
    try {
      return new HeaderValue(header, regex.isEmpty() ? null : Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw strategy.refuse("regex is not a valid regular expression: " + e.getDescription());
    }
  }

  Optional<Double> read(ApiResponse response) {
    Optional<String> value = response.headers().first(header).map(String::trim).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get();
    if (regex != null) {
      Matcher m = regex.matcher(text);
      if (m.lookingAt()) {
        text = m.group();
      }
    }
    try {
      double number = Double.parseDouble(text.trim());
      return Double.isNaN(number) ? Optional.empty() : Optional.of(number);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
