package dev.ingest.sources.airbyte.interpolation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code headers['link']} value Airbyte interpolates: python-requests' {@code Response.links}, a map from each
 * link's {@code rel} (or its URL when it has none) to the link's parameters plus {@code url}, parsed exactly as
 * requests' {@code parse_header_links} does ({@code <url>; rel="next", <url2>; rel="last"}).
 */
final class LinkHeader {

  private static final String QUOTES = " '\"";
  private static final Pattern LINK_SEPARATOR = Pattern.compile(", *<");

  private LinkHeader() {}

  static Map<String, Object> parse(String header) {
    Map<String, Object> links = new LinkedHashMap<>();
    String value = StringMethods.strip(header == null ? "" : header, QUOTES, true, true);
    if (value.isEmpty()) {
      return links;
    }
    for (String part : LINK_SEPARATOR.split(value, -1)) {
      int semicolon = part.indexOf(';');
      String url = semicolon < 0 ? part : part.substring(0, semicolon);
      String params = semicolon < 0 ? "" : part.substring(semicolon + 1);
      Map<String, Object> link = new LinkedHashMap<>();
      link.put("url", StringMethods.strip(url, "<> '\"", true, true));
      for (String param : params.split(";", -1)) {
        String[] kv = param.split("=", -1);
        if (kv.length != 2) {
          break;
        }
        link.put(StringMethods.strip(kv[0], QUOTES, true, true), StringMethods.strip(kv[1], QUOTES, true, true));
      }
      Object rel = link.get("rel");
      links.put(rel == null || rel.toString().isEmpty() ? (String) link.get("url") : rel.toString(), link);
    }
    return links;
  }
}
