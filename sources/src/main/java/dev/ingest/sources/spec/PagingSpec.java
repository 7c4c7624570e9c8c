package dev.ingest.sources.spec;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an endpoint walks its result set ({@code paging:} in YAML). Options a style does not use are null or zero;
 * the loader rejects them in YAML.
 *
 * @param type the paging style
 * @param pageParam the query parameter carrying the page number ({@link Type#PAGE_NUMBER}), else null
 * @param sizeParam the query parameter carrying the page size, or null to send none
 * @param pageSize the page size sent in {@link #sizeParam()} and used by the short-page stop rule
 * @param startPage the number of the first page ({@link Type#PAGE_NUMBER}), usually 1 or 0
 * @param stop when page-number and offset paging stop; null for other styles
 * @param cursorPath the dotted JSON path of the next cursor in the body ({@link Type#BODY_CURSOR}), else null
 * @param cursorParam the query parameter the cursor is sent in ({@link Type#BODY_CURSOR}), else null
 * @param offsetParam the query parameter carrying the record offset ({@link Type#OFFSET}), else null
 * @param nextUrlPath the dotted JSON path of the next page's URL in the body ({@link Type#NEXT_URL}), else null
 * @param maxPages the most pages one endpoint run may fetch; more is a pagination error
 * @param cursorIn where the cursor (and page size) is sent: {@link ParamIn#QUERY} parameters, or fields of the
 *     JSON request body ({@link ParamIn#BODY}: {@code cursor_param} and {@code size_param} are dotted paths)
 * @param hasMorePath a dotted JSON path of a boolean in the body; {@code false} ends the result set; or null
 * @param totalPath a dotted JSON path of the total record count ({@link Type#OFFSET}, {@link Type#PAGE_NUMBER});
 *     the result set ends once that many records arrived; or null
 * @param connectionPath the dotted path of the GraphQL connection ({@link Type#GRAPHQL}), e.g. {@code data.issues}
 * @param cursorRecordField for {@link Type#BODY_CURSOR}: the dotted path, inside the page's last record, of the next
 *     cursor (Stripe's {@code starting_after} = the last object's {@code id}), instead of {@code cursorPath}; or null
 * @param endPath a dotted JSON path of a boolean in the body; {@code true} ends the result set (Zendesk's incremental
 *     export {@code end_of_stream}); or null
 * @param parallel how many pages may be requested at once ({@link Type#PAGE_NUMBER} and {@link Type#OFFSET} with a
 *     {@code totalPath}); 1 fetches one page after the other
 */
public record PagingSpec(
    Type type,
    String pageParam,
    String sizeParam,
    int pageSize,
    long startPage,
    Stop stop,
    String cursorPath,
    String cursorParam,
    String offsetParam,
    String nextUrlPath,
    int maxPages,
    ParamIn cursorIn,
    String hasMorePath,
    String totalPath,
    String connectionPath,
    int parallel,
    String cursorRecordField,
    String endPath) implements Serializable {

  /** The default guard on the number of pages per endpoint run. */
  public static final int DEFAULT_MAX_PAGES = 100_000;
  /** The default page size. */
  public static final int DEFAULT_PAGE_SIZE = 100;
  /** A single request, no paging. */
  public static final PagingSpec NONE =
      new PagingSpec(Type.NONE, null, null, 0, 0, null, null, null, null, null, 1);

  /** A spec without body cursors, has-more or total stop paths (the options of the first paging styles). */
  public PagingSpec(Type type, String pageParam, String sizeParam, int pageSize, long startPage, Stop stop,
      String cursorPath, String cursorParam, String offsetParam, String nextUrlPath, int maxPages) {
    this(type, pageParam, sizeParam, pageSize, startPage, stop, cursorPath, cursorParam, offsetParam, nextUrlPath,
        maxPages, ParamIn.QUERY, null, null, null);
  }

  /** A spec fetching one page at a time. */
  public PagingSpec(Type type, String pageParam, String sizeParam, int pageSize, long startPage, Stop stop,
      String cursorPath, String cursorParam, String offsetParam, String nextUrlPath, int maxPages, ParamIn cursorIn,
      String hasMorePath, String totalPath, String connectionPath) {
    this(type, pageParam, sizeParam, pageSize, startPage, stop, cursorPath, cursorParam, offsetParam, nextUrlPath,
        maxPages, cursorIn, hasMorePath, totalPath, connectionPath, 1, null);
  }

  /** A spec without an end path. */
  public PagingSpec(Type type, String pageParam, String sizeParam, int pageSize, long startPage, Stop stop,
      String cursorPath, String cursorParam, String offsetParam, String nextUrlPath, int maxPages, ParamIn cursorIn,
      String hasMorePath, String totalPath, String connectionPath, int parallel, String cursorRecordField) {
    this(type, pageParam, sizeParam, pageSize, startPage, stop, cursorPath, cursorParam, offsetParam, nextUrlPath,
        maxPages, cursorIn, hasMorePath, totalPath, connectionPath, parallel, cursorRecordField, null);
  }

  public PagingSpec {
    Objects.requireNonNull(type, "type");
    cursorIn = cursorIn == null ? ParamIn.QUERY : cursorIn;
    parallel = Math.max(1, parallel);
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be >= 1");
    }
  }

  /** The paging styles, by their YAML name. */
  public enum Type {
    /** {@code ?page=N}: increment a page number until the stop rule says the result set ended. */
    PAGE_NUMBER,
    /** A cursor read from the response body, sent back as a query parameter; stops when it is absent. */
    BODY_CURSOR,
    /** Follows the RFC 8288 {@code Link: <…>; rel="next"} response header; stops when there is none. */
    LINK_HEADER,
    /** {@code ?offset=N&limit=M}: advance by the records received until the stop rule says it ended. */
    OFFSET,
    /** Follows a next-page URL read from the response body; stops when it is absent. */
    NEXT_URL,
    /**
     * GraphQL relay connections: {@code pageInfo.endCursor} goes into the query variable {@code cursor_param}
     * ({@code after}); stops when {@code pageInfo.hasNextPage} is false.
     */
    GRAPHQL,
    /** One request. */
    NONE;

    /** The name used in YAML ({@code body_cursor}). */
    public String yamlName() {
      return name().toLowerCase();
    }

    /** The style named {@code name} in YAML. */
    public static Optional<Type> of(String name) {
      return Arrays.stream(values()).filter(t -> t.yamlName().equals(name)).findFirst();
    }

    /** The YAML names, comma separated, for error messages. */
    public static String names() {
      return Arrays.stream(values()).map(Type::yamlName).collect(Collectors.joining(", "));
    }
  }

  /** Where a cursor travels. */
  public enum ParamIn {
    QUERY, BODY;

    /** The name used in YAML. */
    public String yamlName() {
      return name().toLowerCase();
    }
  }

  /** When page-number and offset paging decide the result set ended. */
  public enum Stop {
    /** After a page with no records (always safe; costs one extra request). */
    EMPTY_PAGE,
    /** After a page with fewer records than {@code page_size} (saves a request; wrong if the API caps the size lower). */
    SHORT_PAGE;

    /** The name used in YAML. */
    public String yamlName() {
      return name().toLowerCase();
    }

    /** The rule named {@code name} in YAML. */
    public static Optional<Stop> of(String name) {
      return Arrays.stream(values()).filter(t -> t.yamlName().equals(name)).findFirst();
    }
  }
}
