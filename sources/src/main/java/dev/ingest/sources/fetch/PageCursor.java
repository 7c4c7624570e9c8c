package dev.ingest.sources.fetch;

import java.util.Objects;

/**
 * Where the next page of an endpoint starts. A typed value, one variant per paging style, never a sentinel.
 *
 * <p>{@link #encode()} / {@link #decode(String)} give a stable text form used by checkpoint serializers and the
 * runs table; the text form is versioned by its prefix.
 */
public sealed interface PageCursor
    permits PageCursor.First, PageCursor.PageNumber, PageCursor.Token, PageCursor.Url, PageCursor.Offset,
    PageCursor.Nested {

  /** The first page of the endpoint: the request as the endpoint defines it, with no paging state. */
  static PageCursor first() {
    return First.INSTANCE;
  }

  static PageCursor page(long number) {
    return new PageNumber(number);
  }

  static PageCursor token(String token) {
    return new Token(token);
  }

  static PageCursor url(String url) {
    return new Url(url);
  }

  static PageCursor offset(long offset) {
    return new Offset(offset);
  }

  static PageCursor nested(PageCursor parentPage, int parentIndex, PageCursor child) {
    return new Nested(parentPage, parentIndex, child);
  }

  /** A stable text form: {@code first}, {@code page:3}, {@code token:abc}, {@code url:https://…}, {@code offset:200}. */
  String encode();

  static PageCursor decode(String text) {
    Objects.requireNonNull(text, "cursor text");
    if (text.equals("first")) {
      return first();
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a page cursor: " + text);
    }
    String kind = text.substring(0, colon);
    String value = text.substring(colon + 1);
    return switch (kind) {
      case "page" -> page(Long.parseLong(value));
      case "token" -> token(value);
      case "url" -> url(value);
      case "offset" -> offset(Long.parseLong(value));
      case "nested" -> Nested.decodeValue(value);
      default -> throw new IllegalArgumentException("unknown page cursor kind '" + kind + "'");
    };
  }

  /** The first page. */
  final class First implements PageCursor {
    static final First INSTANCE = new First();

    private First() {}

    @Override
    public String encode() {
      return "first";
    }

    @Override
    public String toString() {
      return "first";
    }
  }

  /** A 1-based (or 0-based, as the endpoint says) page number. */
  record PageNumber(long number) implements PageCursor {
    @Override
    public String encode() {
      return "page:" + number;
    }
  }

  /** An opaque token read from the previous response (body cursor). */
  record Token(String token) implements PageCursor {
    public Token {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String encode() {
      return "token:" + token;
    }
  }

  /** A full next-page URL (Link header, or a next URL in the body, already resolved against the base). */
  record Url(String url) implements PageCursor {
    public Url {
      Objects.requireNonNull(url, "url");
    }

    @Override
    public String encode() {
      return "url:" + url;
    }
  }

  /**
   * The position in a child endpoint that iterates over a parent's records: the parent page being walked, the
   * index of the parent record on it, and the cursor inside that parent's child result set. Text form
   * {@code nested:<index>:<length of parent>:<parent><child>}.
   */
  record Nested(PageCursor parentPage, int parentIndex, PageCursor child) implements PageCursor {
    public Nested {
      Objects.requireNonNull(parentPage, "parentPage");
      Objects.requireNonNull(child, "child");
      if (parentIndex < 0) {
        throw new IllegalArgumentException("parentIndex must be >= 0");
      }
    }

    @Override
    public String encode() {
      String parent = parentPage.encode();
      return "nested:" + parentIndex + ":" + parent.length() + ":" + parent + child.encode();
    }

    static Nested decodeValue(String value) {
      int a = value.indexOf(':');
      int b = value.indexOf(':', a + 1);
      if (a < 0 || b < 0) {
        throw new IllegalArgumentException("malformed nested page cursor");
      }
      int index = Integer.parseInt(value.substring(0, a));
      int length = Integer.parseInt(value.substring(a + 1, b));
      String rest = value.substring(b + 1);
      if (length > rest.length()) {
        throw new IllegalArgumentException("malformed nested page cursor");
      }
      return new Nested(PageCursor.decode(rest.substring(0, length)), index, PageCursor.decode(rest.substring(length)));
    }
  }

  /** A record offset (offset/limit paging). */
  record Offset(long offset) implements PageCursor {
    @Override
    public String encode() {
      return "offset:" + offset;
    }
  }
}
