package dev.ingest.sources.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One HTTP request as the runtime builds it: method, URL (without query), query parameters in order, headers.
 * Immutable; each {@code with*} returns a copy.
 *
 * <p>Query parameters taken from a URL (a {@code Link} header, a next-page URL) keep their encoding as served;
 * parameters set with {@link #withParam} are percent-encoded here. {@link #toString()} and {@link #redactedUrl()}
 * mask {@code Authorization}, {@code Cookie} and every header or query parameter marked sensitive (API keys).
 */
public final class ApiRequest {
  private static final Set<String> ALWAYS_SENSITIVE_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie");
  private static final String MASK = "***";

  private final String method;
  private final String target;
  private final List<QueryParam> query;
  private final Headers headers;
  private final Set<String> sensitiveParams;
  private final Set<String> sensitiveHeaders;
  private final String body;

  /**
   * One query parameter.
   *
   * @param name the decoded name
   * @param value the decoded value
   * @param encoded {@code name=value} as sent on the wire
   */
  public record QueryParam(String name, String value, String encoded) {
    static QueryParam of(String name, String value) {
      return new QueryParam(name, value,
          UrlCodec.encodeQueryComponent(name) + "=" + UrlCodec.encodeQueryComponent(value));
    }

    static QueryParam parse(String raw) {
      int eq = raw.indexOf('=');
      String name = eq < 0 ? raw : raw.substring(0, eq);
      String value = eq < 0 ? "" : raw.substring(eq + 1);
      return new QueryParam(UrlCodec.decode(name), UrlCodec.decode(value), raw);
    }
  }

  private ApiRequest(String method, String target, List<QueryParam> query, Headers headers,
      Set<String> sensitiveParams, Set<String> sensitiveHeaders) {
    this(method, target, query, headers, sensitiveParams, sensitiveHeaders, null);
  }

  private ApiRequest(String method, String target, List<QueryParam> query, Headers headers,
      Set<String> sensitiveParams, Set<String> sensitiveHeaders, String body) {
    this.body = body;
    this.method = method;
    this.target = target;
    this.query = List.copyOf(query);
    this.headers = headers;
    this.sensitiveParams = sensitiveParams;
    this.sensitiveHeaders = sensitiveHeaders;
  }

  /**
   * A GET of {@code url}; a query string in it is kept as served, a fragment is dropped.
   *
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
   */
  public static ApiRequest get(String url) {
    ApiRequest empty = new ApiRequest("GET", "", List.of(), Headers.empty(), Set.of(), Set.of());
    return empty.withUrl(url);
  }

  /** A copy sending to {@code url} (its query replaces the current parameters); headers are kept. */
  public ApiRequest withUrl(String url) {
    Objects.requireNonNull(url, "url");
    String noFragment = url.indexOf('#') < 0 ? url : url.substring(0, url.indexOf('#'));
    int q = noFragment.indexOf('?');
    String base = q < 0 ? noFragment : noFragment.substring(0, q);
    URI check = URI.create(base);
    if (check.getScheme() == null || check.getHost() == null
        || !(check.getScheme().equalsIgnoreCase("http") || check.getScheme().equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("not an absolute http(s) URL: " + redactQuery(noFragment));
    }
    List<QueryParam> params = new ArrayList<>();
    if (q >= 0) {
      for (String raw : noFragment.substring(q + 1).split("&")) {
        if (!raw.isEmpty()) {
          params.add(QueryParam.parse(raw));
        }
      }
    }
    return new ApiRequest(method, base, params, headers, sensitiveParams, sensitiveHeaders, body);
  }

  /** A copy with {@code name} set to {@code value}: earlier values of {@code name} are removed. */
  public ApiRequest withParam(String name, String value) {
    List<QueryParam> params = new ArrayList<>(query.size() + 1);
    query.stream().filter(p -> !p.name().equals(name)).forEach(params::add);
    params.add(QueryParam.of(name, value));
    return new ApiRequest(method, target, params, headers, sensitiveParams, sensitiveHeaders, body);
  }

  /** A copy without parameter {@code name}. */
  public ApiRequest withoutParam(String name) {
    List<QueryParam> params = query.stream().filter(p -> !p.name().equals(name)).toList();
    return new ApiRequest(method, target, params, headers, sensitiveParams, sensitiveHeaders, body);
  }

  /** A copy with header {@code name} set to {@code value}. */
  public ApiRequest withHeader(String name, String value) {
    return new ApiRequest(
        method, target, query, headers.with(name, value), sensitiveParams, sensitiveHeaders, body);
  }

  /** A copy with every header of {@code more} set. */
  public ApiRequest withHeaders(Headers more) {
    return new ApiRequest(method, target, query, headers.withAll(more), sensitiveParams, sensitiveHeaders, body);
  }

  /** A copy whose query parameter {@code name} is masked in {@link #toString()} and {@link #redactedUrl()}. */
  public ApiRequest withSensitiveParam(String name) {
    Set<String> names = new TreeSet<>(sensitiveParams);
    names.add(name);
    return new ApiRequest(method, target, query, headers, Set.copyOf(names), sensitiveHeaders, body);
  }

  /** A copy whose header {@code name} is masked in {@link #toString()}. */
  public ApiRequest withSensitiveHeader(String name) {
    Set<String> names = new TreeSet<>(sensitiveHeaders);
    names.add(name.toLowerCase(Locale.ROOT));
    return new ApiRequest(method, target, query, headers, sensitiveParams, Set.copyOf(names), body);
  }

  /**
   * A copy with {@code method} and a request body ({@code null} for none), e.g. a JSON document for
   * {@code POST}. The body may hold credentials (OAuth token requests): it is never printed.
   */
  public ApiRequest withMethodAndBody(String method, String body) {
    Objects.requireNonNull(method, "method");
    if (!method.matches("[A-Z]+")) {
      throw new IllegalArgumentException("not an HTTP method: " + method);
    }
    return new ApiRequest(method, target, query, headers, sensitiveParams, sensitiveHeaders, body);
  }

  /** A copy with the same method and {@code body} ({@code null} for none). */
  public ApiRequest withBody(String body) {
    return new ApiRequest(method, target, query, headers, sensitiveParams, sensitiveHeaders, body);
  }

  /** The request body, if any (UTF-8 text). */
  public Optional<String> body() {
    return Optional.ofNullable(body);
  }

  /** The HTTP method ({@code GET}). */
  public String method() {
    return method;
  }

  /** The URL without its query: {@code https://host/path}. */
  public String target() {
    return target;
  }

  /** The query parameters, in order. */
  public List<QueryParam> query() {
    return query;
  }

  /** The last value of query parameter {@code name}. */
  public Optional<String> param(String name) {
    Optional<String> found = Optional.empty();
    for (QueryParam p : query) {
      if (p.name().equals(name)) {
        found = Optional.of(p.value());
      }
    }
    return found;
  }

  /** The headers. */
  public Headers headers() {
    return headers;
  }

  /** The names of query parameters masked when printed. */
  public Set<String> sensitiveParams() {
    return sensitiveParams;
  }

  /** The full URL as sent (contains credentials when an API key travels in the query: never log it). */
  public String url() {
    if (query.isEmpty()) {
      return target;
    }
    StringBuilder sb = new StringBuilder(target).append('?');
    for (int i = 0; i < query.size(); i++) {
      sb.append(i == 0 ? "" : "&").append(query.get(i).encoded());
    }
    return sb.toString();
  }

  /** {@link #url()} as a URI. */
  public URI uri() {
    return URI.create(url());
  }

  /** The URL with sensitive query parameter values replaced by {@code ***}. */
  public String redactedUrl() {
    if (query.isEmpty()) {
      return target;
    }
    StringBuilder sb = new StringBuilder(target).append('?');
    for (int i = 0; i < query.size(); i++) {
      QueryParam p = query.get(i);
      sb.append(i == 0 ? "" : "&");
      sb.append(sensitiveParams.contains(p.name()) ? UrlCodec.encodeQueryComponent(p.name()) + "=" + MASK
          : p.encoded());
    }
    return sb.toString();
  }

  private String redactQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  /** True when header {@code name} is masked when printed. */
  public boolean isSensitiveHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return ALWAYS_SENSITIVE_HEADERS.contains(lower) || sensitiveHeaders.contains(lower);
  }

  /** Method, redacted URL and headers with sensitive values masked; a body only by its size. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(method).append(' ').append(redactedUrl()).append(" {");
    boolean first = true;
    for (String name : headers.names()) {
      sb.append(first ? "" : ", ").append(name).append(": ");
      sb.append(isSensitiveHeader(name) ? MASK : String.join(",", headers.all(name)));
      first = false;
    }
    sb.append('}');
    if (body != null) {
      sb.append(" body=").append(body.length()).append(" chars");
    }
    return sb.toString();
  }
}
