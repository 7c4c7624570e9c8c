package dev.ingest.sources.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.Headers;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.spec.PagingSpec;
import dev.ingest.sources.spec.PagingSpec.ParamIn;
import dev.ingest.sources.spec.PagingSpec.Stop;
import dev.ingest.sources.spec.PagingSpec.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every paging style as the pure function it is: request of a cursor, next cursor of a response. */
class PaginatorsTest {
  private static final String BASE = "https://api.example.com/v1";
  private static final ApiRequest GET = ApiRequest.get(BASE + "/items?status=open");
  private static final ApiRequest POST = ApiRequest.get(BASE + "/search")
      .withMethodAndBody("POST", "{\"filter\":{\"x\":1}}");

  private static PagingSpec spec(Type type, String cursorPath, String cursorParam, ParamIn in, String sizeParam,
      Stop stop, String hasMore, String total, String connection) {
    return new PagingSpec(type, type == Type.PAGE_NUMBER ? "page" : null, sizeParam, 10, 1, stop, cursorPath,
        cursorParam, type == Type.OFFSET ? "offset" : null, type == Type.NEXT_URL ? "next" : null, 100, in, hasMore,
        total, connection);
  }

  private static PageResponse body(String json, int records) {
    return new PageResponse(Headers.empty(), json(json), records);
  }

  private static JsonNode json(String text) {
    try {
      return JsonBodies.parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void offsetStopsWhenTheDeclaredTotalIsReached() {
    Paginator p = Paginators.create(spec(Type.OFFSET, null, null, null, "count", Stop.EMPTY_PAGE, null,
        "total_items", null), BASE);

    assertThat(p.request(GET, PageCursor.first()).url()).isEqualTo(BASE + "/items?status=open&count=10&offset=0");
    Optional<PageCursor> next = p.next(PageCursor.first(), GET, body("{\"total_items\":15}", 10));
    assertThat(next).contains(PageCursor.offset(10));
    assertThat(p.next(next.get(), GET, body("{\"total_items\":15}", 5))).isEmpty();
  }

  @Test
  void anEmptyPageBeforeTheDeclaredTotalIsReportedNotSwallowed() {
    Paginator p = Paginators.create(spec(Type.OFFSET, null, null, null, "count", Stop.EMPTY_PAGE, null,
        "total_items", null), BASE);

    assertThatThrownBy(() -> p.next(PageCursor.offset(10), GET, body("{\"total_items\":15}", 0)))
        .hasMessageContaining("empty page after 10 records").hasMessageContaining("says 15");
  }

  @Test
  void pageNumberStopsOnShortPageOrHasMoreFalse() {
    Paginator shortPage = Paginators.create(spec(Type.PAGE_NUMBER, null, null, null, "per_page", Stop.SHORT_PAGE,
        null, null, null), BASE);
    Paginator hasMore = Paginators.create(spec(Type.PAGE_NUMBER, null, null, null, "per_page", Stop.EMPTY_PAGE,
        "has_more", null, null), BASE);

    assertThat(shortPage.request(GET, PageCursor.page(3)).param("page")).contains("3");
    assertThat(shortPage.next(PageCursor.page(3), GET, body("{}", 10))).contains(PageCursor.page(4));
    assertThat(shortPage.next(PageCursor.page(3), GET, body("{}", 9))).isEmpty();
    assertThat(hasMore.next(PageCursor.first(), GET, body("{\"has_more\":true}", 10))).contains(PageCursor.page(2));
    assertThat(hasMore.next(PageCursor.first(), GET, body("{\"has_more\":false}", 10))).isEmpty();
  }

  @Test
  void bodyCursorInQueryStopsOnMissingCursorOrHasMoreFalse() {
    Paginator p = Paginators.create(spec(Type.BODY_CURSOR, "meta.after_cursor", "page[after]", ParamIn.QUERY,
        "page[size]", null, "meta.has_more", null, null), BASE);

    assertThat(p.request(GET, PageCursor.token("abc")).url())
        .isEqualTo(BASE + "/items?status=open&page%5Bsize%5D=10&page%5Bafter%5D=abc");
    assertThat(p.next(PageCursor.first(), GET, body("{\"meta\":{\"has_more\":true,\"after_cursor\":\"x\"}}", 10)))
        .contains(PageCursor.token("x"));
    assertThat(p.next(PageCursor.first(), GET, body("{\"meta\":{\"has_more\":false,\"after_cursor\":\"x\"}}", 10)))
        .isEmpty();
    assertThat(p.next(PageCursor.first(), GET, body("{\"meta\":{\"after_cursor\":null}}", 10))).isEmpty();
  }

  @Test
  void stripeStyleCursorIsTheLastRecordsIdUntilHasMoreIsFalse() {
    Paginator p = Paginators.create(new PagingSpec(Type.BODY_CURSOR, null, "limit", 100, 1, null, null,
        "starting_after", null, null, 100, ParamIn.QUERY, "has_more", null, null, 1, "id"), BASE);
    JsonNode last = json("{\"id\":\"cus_3\",\"object\":\"customer\"}");

    assertThat(p.next(PageCursor.first(), GET, new PageResponse(Headers.empty(), json("{\"has_more\":true}"), 3,
        last))).contains(PageCursor.token("cus_3"));
    assertThat(p.request(GET, PageCursor.token("cus_3")).param("starting_after")).contains("cus_3");
    assertThat(p.next(PageCursor.first(), GET, new PageResponse(Headers.empty(), json("{\"has_more\":false}"), 3,
        last))).isEmpty();
    assertThat(p.next(PageCursor.first(), GET, new PageResponse(Headers.empty(), json("{\"has_more\":true}"), 0,
        null))).as("no record, no cursor").isEmpty();
  }

  @Test
  void bodyCursorInPostBodySetsNestedFieldsAndKeepsTheFilter() {
    Paginator p = Paginators.create(spec(Type.BODY_CURSOR, "paging.next.after", "after", ParamIn.BODY, "limit",
        null, null, null, null), BASE);

    ApiRequest second = p.request(POST, PageCursor.token("200"));

    assertThat(second.method()).isEqualTo("POST");
    assertThat(json(second.body().orElseThrow()))
        .isEqualTo(json("{\"filter\":{\"x\":1},\"limit\":10,\"after\":\"200\"}"));
    assertThat(json(p.request(POST, PageCursor.first()).body().orElseThrow()))
        .isEqualTo(json("{\"filter\":{\"x\":1},\"limit\":10}"));
  }

  @Test
  void bodyCursorInBodyNeedsABody() {
    Paginator p = Paginators.create(spec(Type.BODY_CURSOR, "next_cursor", "start_cursor", ParamIn.BODY, null,
        null, null, null, null), BASE);

    assertThatThrownBy(() -> p.request(GET, PageCursor.token("t"))).hasMessageContaining("has no body");
  }

  @Test
  void graphQlRelayCursorGoesIntoVariables() {
    Paginator p = Paginators.create(spec(Type.GRAPHQL, null, "after", ParamIn.BODY, "first", null, null, null,
        "data.issues"), BASE);
    ApiRequest query = ApiRequest.get(BASE + "/graphql")
        .withMethodAndBody("POST", "{\"query\":\"query($first:Int,$after:String){issues{nodes{id}}}\"}");

    assertThat(json(p.request(query, PageCursor.token("c1")).body().orElseThrow()).get("variables"))
        .isEqualTo(json("{\"first\":10,\"after\":\"c1\"}"));
    assertThat(p.next(PageCursor.first(), query,
        body("{\"data\":{\"issues\":{\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c2\"}}}}", 10)))
        .contains(PageCursor.token("c2"));
    assertThat(p.next(PageCursor.first(), query,
        body("{\"data\":{\"issues\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"c3\"}}}}", 10)))
        .isEmpty();
  }

  @Test
  void nextUrlResolvesRelativeUrlsAgainstTheBase() {
    Paginator p = Paginators.create(spec(Type.NEXT_URL, null, null, null, null, null, null, null, null), BASE);
    PageResponse salesforce = body("{\"next\":\"/services/data/v66.0/query/01g-2000\"}", 10);
    PageResponse relative = body("{\"next\":\"items?page=2\"}", 10);
    PageResponse absolute = body("{\"next\":\"https://other.example.com/x?y=1\"}", 10);

    assertThat(p.next(PageCursor.first(), GET, salesforce))
        .contains(PageCursor.url("https://api.example.com/services/data/v66.0/query/01g-2000"));
    assertThat(p.next(PageCursor.first(), GET, relative)).contains(PageCursor.url(BASE + "/items?page=2"));
    assertThat(p.next(PageCursor.first(), GET, absolute)).contains(PageCursor.url("https://other.example.com/x?y=1"));
    assertThat(p.next(PageCursor.first(), GET, body("{\"next\":null}", 10))).isEmpty();
  }

  @Test
  void linkHeaderFollowsRelNext() {
    Paginator p = Paginators.create(spec(Type.LINK_HEADER, null, null, null, "per_page", null, null, null, null),
        BASE);
    PageResponse response = new PageResponse(Headers.of(Map.of("Link", List.of(
        "<https://api.example.com/v1/items?page=2>; rel=\"next\", <https://api.example.com/v1/items?page=9>; "
            + "rel=\"last\""))), json("[]"), 10);

    assertThat(p.next(PageCursor.first(), GET, response)).contains(PageCursor.url(BASE + "/items?page=2"));
    assertThat(p.next(PageCursor.first(), GET, new PageResponse(Headers.empty(), json("[]"), 10))).isEmpty();
  }

  @Test
  void randomAccessStylesPredictTheFollowingPagesFromTheDeclaredTotal() {
    RandomAccessPaginator pages = (RandomAccessPaginator) Paginators.create(spec(Type.PAGE_NUMBER, null, null, null,
        "per_page", Stop.EMPTY_PAGE, null, "count", null), BASE);
    RandomAccessPaginator offsets = (RandomAccessPaginator) Paginators.create(spec(Type.OFFSET, null, null, null,
        "limit", Stop.EMPTY_PAGE, null, "total", null), BASE);

    assertThat(pages.upcoming(PageCursor.first(), GET, body("{\"count\":45}", 10), 3))
        .containsExactly(PageCursor.page(2), PageCursor.page(3), PageCursor.page(4));
    assertThat(pages.upcoming(PageCursor.page(4), GET, body("{\"count\":45}", 10), 9))
        .containsExactly(PageCursor.page(5));
    assertThat(offsets.upcoming(PageCursor.offset(20), GET, body("{\"total\":45}", 10), 9))
        .containsExactly(PageCursor.offset(30), PageCursor.offset(40));
    assertThat(offsets.upcoming(PageCursor.first(), GET, body("{}", 10), 9)).as("no total, no prediction").isEmpty();
  }

  @Test
  void rejectsCursorsOfAnotherStyle() {
    Paginator p = Paginators.create(spec(Type.OFFSET, null, null, null, "limit", Stop.EMPTY_PAGE, null, null,
        null), BASE);

    assertThatThrownBy(() -> p.request(GET, PageCursor.token("x"))).hasMessageContaining("offset paging");
  }
}
