package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ingest.sources.airbyte.runtime.ResponseFilter.Action;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.retry.ResponseClassifier.Verdict;
import dev.ingest.sources.retry.ResponseRules;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A requester's {@code error_handler} ({@code DefaultErrorHandler} or {@code CompositeErrorHandler}) as the
 * runtime's {@link ResponseRules}, with Airbyte's semantics:
 *
 * <ul>
 *   <li>a {@code DefaultErrorHandler} answers with its first matching {@code HttpResponseFilter}; else a 2xx is a
 *       success and any other status takes Airbyte's default mapping (400, 401, 403, 404, 405 FAIL; 408, 5xx
 *       RETRY; 429 RATE_LIMITED; any other status RETRY);
 *   <li>a {@code CompositeErrorHandler} asks its handlers in order and returns the first SUCCESS, RETRY or IGNORE
 *       answer, else the last handler's;
 *   <li>the wait before a retry is the first wait any handler's {@code backoff_strategies} give (flattened, in
 *       order), else the runtime's (Retry-After, backoff); {@code max_retries} is the first handler's (default 5);
 *   <li>IGNORE and SUCCESS accept the response: the fetcher turns an ignored one into an empty last page.
 * </ul>
 * Only built when the requester declares an error handler; without one the runtime's own classification applies.
 */
final class ManifestErrorHandler implements ResponseRules {
  private static final Set<Integer> DEFAULT_FAIL = Set.of(400, 401, 403, 404, 405);
  private static final int DEFAULT_MAX_RETRIES = 5;

  /** One handler of the tree: its filters, or its children when composite. */
  private record Handler(List<ResponseFilter> filters, List<Handler> children) {}

  /** What a handler answered, and whether a filter (not the default mapping) said it. */
  private record Resolution(Action action, String message) {}

  private final Handler root;
  private final List<BackoffStrategy> strategies;
  private final int maxRetries;
  private final EvalContext context;
  private final Clock clock;

  private ManifestErrorHandler(Handler root, List<BackoffStrategy> strategies, int maxRetries,
      EvalContext context, Clock clock) {
    this.root = root;
    this.strategies = List.copyOf(strategies);
    this.maxRetries = maxRetries;
    this.context = context;
    this.clock = clock;
  }

  /** The rules of {@code errorHandler}, or empty when the requester declares none. */
  static Optional<ManifestErrorHandler> of(Component errorHandler, Templates templates, EvalContext context,
      Clock clock) {
    if (errorHandler == null) {
      return Optional.empty();
    }
    List<BackoffStrategy> strategies = new ArrayList<>();
    Handler root = handler(errorHandler, templates, context, strategies);
    return Optional.of(new ManifestErrorHandler(root, strategies, maxRetries(errorHandler, templates, context),
        context, clock));
  }

  private static Handler handler(Component handler, Templates templates, EvalContext context,
      List<BackoffStrategy> strategies) {
    if (handler.type().equals("CompositeErrorHandler")) {
      List<Handler> children = new ArrayList<>();
      for (int i = 0; i < handler.field("error_handlers").size(); i++) {
        children.add(handler(handler.element("error_handlers", i), templates, context, strategies));
      }
      if (children.isEmpty()) {
        throw handler.refuse("error_handlers must not be empty");
      }
      return new Handler(List.of(), children);
    }
    if (!handler.type().isEmpty() && !handler.type().equals("DefaultErrorHandler")) {
      throw handler.refuse(handler.type() + " is not a supported error handler");
    }
    List<ResponseFilter> filters = new ArrayList<>();
    for (int i = 0; i < handler.field("response_filters").size(); i++) {
      Component filter = handler.element("response_filters", i);
      if (filter.has("action")) { // Airbyte: a filter without an action never matches
        filters.add(new ResponseFilter(filter, templates));
      }
    }
    for (int i = 0; i < handler.field("backoff_strategies").size(); i++) {
      strategies.add(BackoffStrategy.of(handler.element("backoff_strategies", i), templates, context));
    }
    return new Handler(filters, List.of());
  }

  private static int maxRetries(Component handler, Templates templates, EvalContext context) {
    Component first = handler;
    while (first.type().equals("CompositeErrorHandler")) {
      first = first.element("error_handlers", 0);
    }
    Object value = templates.value(first, "max_retries", context);
    if (value == null || (value instanceof String s && s.isEmpty())) {
      return DEFAULT_MAX_RETRIES;
    }
    try {
      int retries = Integer.parseInt(String.valueOf(value).trim());
      if (retries < 0 || retries > 1000) {
        throw first.refuse("max_retries must be between 0 and 1000, got " + retries);
      }
      return retries;
    } catch (NumberFormatException e) {
      throw first.refuse("max_retries did not evaluate to an integer");
    }
  }

  /** Attempts per request: the first try and {@code max_retries} retries. */
  int maxAttempts() {
    return maxRetries + 1;
  }

  @Override
  public Optional<Ruling> judge(ApiResponse response, int attempt) {
    JsonNode body = body(response);
    Resolution resolution = resolve(root, response, body);
    int status = response.status();
    boolean ok = status >= 200 && status < 300;
    return switch (resolution.action()) {
      case SUCCESS -> ok && resolution.message() == null ? Optional.empty()
          : Optional.of(new Ruling(Verdict.SUCCESS, null, Optional.empty()));
      case IGNORE -> Optional.of(new Ruling(Verdict.SUCCESS, null, Optional.empty()));
      case FAIL -> Optional.of(new Ruling(Verdict.fail(failClass(status), status == 429), resolution.message(),
          Optional.empty()));
      case RETRY, RATE_LIMITED -> retry(resolution, response, attempt);
    };
  }

  private Optional<Ruling> retry(Resolution resolution, ApiResponse response, int attempt) {
    boolean limited = resolution.action() == Action.RATE_LIMITED;
    ErrorClass errorClass = limited ? ErrorClass.RATE_LIMITED : retryClass(response.status());
    Verdict verdict = Verdict.retry(errorClass, limited || response.status() == 429);
    try {
      for (BackoffStrategy strategy : strategies) {
        Optional<Duration> wait = strategy.wait(response, attempt, clock);
        if (wait.isPresent()) {
          return Optional.of(new Ruling(verdict, resolution.message(), wait));
        }
      }
    } catch (BackoffStrategy.WaitRefused e) {
      String message = resolution.message() == null ? e.getMessage() : resolution.message() + " (" + e.getMessage()
          + ")";
      return Optional.of(new Ruling(Verdict.fail(errorClass, verdict.throttled()), message, Optional.empty()));
    }
    return Optional.of(new Ruling(verdict, resolution.message(), Optional.empty()));
  }

  /** True when the handler ignores {@code response}: it yields no records and ends the stream's paging. */
  boolean ignores(ApiResponse response) {
    return resolve(root, response, body(response)).action() == Action.IGNORE;
  }

  private Resolution resolve(Handler handler, ApiResponse response, JsonNode body) {
    if (!handler.children().isEmpty()) {
      Resolution last = null;
      for (Handler child : handler.children()) {
        last = resolve(child, response, body);
        if (last.action() == Action.SUCCESS || last.action() == Action.RETRY || last.action() == Action.IGNORE) {
          return last;
        }
      }
      return last;
    }
    EvalContext withResponse = null;
    for (ResponseFilter filter : handler.filters()) {
      if (withResponse == null) {
        withResponse = context.withResponse(body == null ? JsonNodeFactory.instance.objectNode() : body,
            response.headers(), null, 0);
      }
      if (filter.matches(response, body, withResponse)) {
        return new Resolution(filter.action(), filter.message(withResponse));
      }
    }
    return defaultResolution(response.status());
  }

  private static Resolution defaultResolution(int status) {
    if (status >= 200 && status < 300) {
      return new Resolution(Action.SUCCESS, null);
    }
    if (status == 429) {
      return new Resolution(Action.RATE_LIMITED, null);
    }
    return new Resolution(DEFAULT_FAIL.contains(status) ? Action.FAIL : Action.RETRY, null);
  }

  private static ErrorClass failClass(int status) {
    return switch (status) {
      case 401, 403 -> ErrorClass.AUTH_FAILED;
      case 404 -> ErrorClass.NOT_FOUND;
      case 429 -> ErrorClass.RATE_LIMITED;
      default -> status >= 500 ? ErrorClass.SERVER_ERROR : ErrorClass.CLIENT_ERROR;
    };
  }

  private static ErrorClass retryClass(int status) {
    if (status == 408) {
      return ErrorClass.NETWORK;
    }
    return status >= 500 && status < 600 ? ErrorClass.SERVER_ERROR : failClass(status);
  }

  private static JsonNode body(ApiResponse response) {
    if (response.body().length == 0) {
      return null;
    }
    try {
      return JsonBodies.parse(response.body());
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "ManifestErrorHandler{maxRetries=" + maxRetries + ", strategies=" + strategies.size() + "}";
  }
}
