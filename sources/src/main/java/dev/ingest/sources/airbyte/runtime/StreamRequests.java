package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.http.ApiRequest;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Builds the request of one page from an Airbyte {@code HttpRequester}: {@code url_base} (or the pipeline's
 * override) joined with {@code path} (or the paginator's next URL), {@code http_method}, {@code request_parameters},
 * {@code request_headers}, {@code request_body_json} / {@code request_body_data} (null values dropped, as Airbyte
 * drops them), then the paginator's and the partition's request options. Not authenticated yet.
 */
final class StreamRequests implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Component requester;
  private final Templates templates;
  private final String urlBaseOverride;

  /** @param urlBaseOverride the pipeline's {@code url_base}, or null for the manifest's */
  StreamRequests(Component requester, Templates templates, String urlBaseOverride) {
    this.requester = requester;
    this.templates = templates;
    this.urlBaseOverride = urlBaseOverride;
  }

  /** The URL base of this stream's requests. */
  String urlBase(EvalContext context) {
    return urlBaseOverride != null ? urlBaseOverride : templates.text(requester, "url_base", context, "");
  }

  /**
   * The request of one page.
   *
   * @param partitionOptions request options of the partition (option component, value), injected last
   */
  ApiRequest request(EvalContext context, DefaultPaginator paginator, Object token,
      List<Map.Entry<Component, Object>> partitionOptions) {
    RequestParts parts = new RequestParts();
    parts.method = requester.text("http_method", "GET").toUpperCase(java.util.Locale.ROOT);
    String path = paginator.path(token).orElseGet(() -> templates.text(requester, "path", context, ""));
    parts.url = requote(join(urlBase(context), path));
    putAll(parts.params, templates.value(requester, "request_parameters", context), "request_parameters");
    putAll(parts.headers, templates.value(requester, "request_headers", context), "request_headers");
    Object json = templates.value(requester, "request_body_json", context);
    if (json instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (v != null) {
          parts.bodyJson.put(String.valueOf(k), v);
        }
      });
    } else if (json instanceof String s && !s.isEmpty()) {
      parts.rawBody = s;
    }
    Object data = templates.value(requester, "request_body_data", context);
    if (data instanceof Map<?, ?>) {
      putAll(parts.bodyData, data, "request_body_data");
    } else if (data instanceof String s && !s.isEmpty()) {
      parts.rawBody = s;
    }
    paginator.apply(parts, token, context);
    for (Map.Entry<Component, Object> option : partitionOptions) {
      RequestOptions.inject(option.getKey(), option.getValue(), parts, templates, context);
    }
    try {
      return parts.toRequest();
    } catch (IllegalArgumentException e) {
      throw requester.refuse(e.getMessage());
    }
  }

  private void putAll(Map<String, String> into, Object values, String field) {
    if (values == null || (values instanceof String s && s.isEmpty())) {
      return;
    }
    if (!(values instanceof Map<?, ?> map)) {
      throw requester.refuse(field + " must be a mapping, got '" + values + "'");
    }
    map.forEach((k, v) -> {
      if (v != null) {
        into.put(String.valueOf(k), Templates.asText(v));
      }
    });
  }

  private static final String URI_SAFE = "-._~!#$%&'()*+,/:;=?@[]";

  /**
   * python-requests' {@code requote_uri}, which every Airbyte request URL goes through: characters a URI may not
   * hold ({@code |}, spaces, non-ASCII, ...) are percent-encoded as UTF-8, existing {@code %XX} escapes are kept
   * and a {@code %} that starts none becomes {@code %25}. A path rendered from record values
   * ({@code /members/auth0|u1/roles}) thus becomes a valid URL ({@code /members/auth0%7Cu1/roles}).
   */
  static String requote(String url) {
    StringBuilder out = new StringBuilder(url.length() + 16);
    byte[] bytes = url.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean escape = b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]);
      if (b < 0x80 && (Character.isLetterOrDigit(b) || (URI_SAFE.indexOf(b) >= 0 && (b != '%' || escape)))) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static boolean hex(byte b) {
    return Character.digit(b, 16) >= 0;
  }

  /** Airbyte's {@code _join_url}: an absolute path wins; otherwise base and path joined by one slash. */
  static String join(String base, String path) {
    if (path == null || path.isEmpty()) {
      return base;
    }
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return path;
    }
    String left = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String right = path.startsWith("/") ? path.substring(1) : path;
    return left + "/" + right;
  }
}
