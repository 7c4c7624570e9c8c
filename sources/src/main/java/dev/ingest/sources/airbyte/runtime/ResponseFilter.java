package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.http.ApiResponse;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One Airbyte {@code HttpResponseFilter}: a response matches when its status is in {@code http_codes}, or
 * {@code predicate} (over {@code response} and {@code headers}) holds, or its error message (the first of
 * {@code message}, {@code error}, {@code errors}, {@code detail}, … found in the JSON body, else the body text)
 * contains {@code error_message_contains}. A match yields {@code action} and the interpolated
 * {@code error_message}.
 */
final class ResponseFilter {
  /** Airbyte's response actions this engine runs. */
  enum Action { SUCCESS, FAIL, RETRY, IGNORE, RATE_LIMITED }

  private static final String[] MESSAGE_KEYS = {"message", "messages", "error", "errors", "failures", "failure",
      "detail", "err", "error_message", "msg", "reason", "status_message"};

  private final Component filter;
  private final Templates templates;
  private final Action action;
  private final Set<Integer> codes = new HashSet<>();

  ResponseFilter(Component filter, Templates templates) {
    this.filter = filter;
    this.templates = templates;
    String name = filter.text("action", "");
    try {
      this.action = Action.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw filter.refuse("action '" + name + "' is not supported (SUCCESS, FAIL, RETRY, IGNORE, RATE_LIMITED)");
    }
    filter.field("http_codes").forEach(code -> codes.add(code.asInt()));
    if (codes.isEmpty() && filter.text("predicate", "").isEmpty()
        && filter.text("error_message_contains", "").isEmpty()) {
      throw filter.refuse("HttpResponseFilter requires a filter condition (http_codes, predicate or "
          + "error_message_contains) when an action is specified");
    }
  }

  Action action() {
    return action;
  }

  /** True when the response matches; {@code context} holds {@code response} and {@code headers}. */
  boolean matches(ApiResponse response, JsonNode body, EvalContext context) {
    if (codes.contains(response.status())) {
      return true;
    }
    if (!filter.text("predicate", "").isEmpty() && templates.condition(filter, "predicate", context, false)) {
      return true;
    }
    String contains = filter.text("error_message_contains", "");
    if (contains.isEmpty()) {
      return false;
    }
    String message = body == null ? response.bodyText() : errorMessage(body);
    return message != null && message.contains(contains);
  }

  /** The interpolated {@code error_message}, or null when the filter has none. */
  String message(EvalContext context) {
    String message = templates.text(filter, "error_message", context, "");
    return message.isEmpty() ? null : message;
  }

  /** Airbyte's {@code JsonErrorMessageParser}: the first error-like value, lists joined with ", ". */
  static String errorMessage(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isArray()) {
      StringBuilder out = new StringBuilder();
      for (JsonNode v : value) {
        String m = errorMessage(v);
        if (m != null) {
          out.append(out.length() == 0 ? "" : ", ").append(m);
        }
      }
      return out.toString();
    }
    if (value.isObject()) {
      for (String key : MESSAGE_KEYS) {
        JsonNode v = value.get(key);
        if (v != null && Truthiness.truthy(EvalContext.plain(v))) {
          return errorMessage(v);
        }
      }
    }
    return null;
  }
}
