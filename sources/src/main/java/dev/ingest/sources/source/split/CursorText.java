package dev.ingest.sources.source.split;

import dev.ingest.sources.fetch.PageCursor;
import java.net.URI;

/**
 * Log-safe descriptions of page cursors. Next-page URLs and tokens can carry values an API treats as secret
 * (signed links, keys in query strings), so logs and {@code toString} show their shape, never their text.
 */
public final class CursorText {
  private CursorText() {}

  /** {@code first}, {@code page:3}, {@code offset:200}, {@code token(40 chars)}, {@code url(host/path)}. */
  public static String describe(PageCursor cursor) {
    if (cursor instanceof PageCursor.Token token) {
      return "token(" + token.token().length() + " chars)";
    }
    if (cursor instanceof PageCursor.Url url) {
      return "url(" + hostAndPath(url.url()) + ")";
    }
    if (cursor instanceof PageCursor.Nested nested) {
      return "nested(parent " + describe(nested.parentPage()) + " #" + nested.parentIndex() + ", "
          + describe(nested.child()) + ")";
    }
    return cursor.encode();
  }

  private static String hostAndPath(String url) {
    try {
      URI uri = URI.create(url);
      return (uri.getHost() == null ? "?" : uri.getHost()) + (uri.getPath() == null ? "" : uri.getPath());
    } catch (IllegalArgumentException e) {
      return "unparseable";
    }
  }
}
