package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DiscoveryAwareFetchersTest {
  private static final String FIRST_RUN = "20261206T120000Z-000001";
  private static final String SECOND_RUN = "20261206T130000Z-000002";
  private static final FetchStats PAGE = new FetchStats(1, 0, 0, 100, 0);
  private static final FetchStats DISCOVERY = new FetchStats(3, 2, 1, 250, 1_500);

  /** Serves one-record pages costing {@link #PAGE}; counts opens; says {@code tasks} has a parent. */
  private static final class Pages implements PageFetcherFactory {
    static final AtomicInteger OPENED = new AtomicInteger();

    @Override
    public PageFetcher open(FetchTarget target) {
      OPENED.incrementAndGet();
      return cursor -> new Page(List.of("{\"id\":1}"), Optional.of(PageCursor.page(2)), PAGE);
    }

    @Override
    public boolean hasParent(String endpoint) {
      return endpoint.equals("tasks");
    }
  }

  private static DiscoveryAwareFetchers fetchers() {
    EndpointException failure = new EndpointException(ErrorClass.NOT_FOUND, 404, "GET http://api/x: 404", null,
        new FetchStats(1, 0, 0, 20, 0));
    return new DiscoveryAwareFetchers(new Pages(),
        new TablePlan(List.of(), Map.of("broken", failure), Map.of("items", DISCOVERY)));
  }

  @Test
  void addsTheDiscoveryCostToTheFirstPageOfTheFirstRunOnly() throws Exception {
    DiscoveryAwareFetchers fetchers = fetchers();

    PageFetcher first = fetchers.open(FetchTarget.of("items", FIRST_RUN));
    assertThat(first.fetch(PageCursor.first()).stats()).isEqualTo(new FetchStats(4, 2, 1, 350, 1_500));
    assertThat(first.fetch(PageCursor.page(2)).stats()).isEqualTo(PAGE);
    assertThat(first.fetch(PageCursor.first()).stats()).as("added once per split").isEqualTo(PAGE);

    assertThat(fetchers.open(FetchTarget.of("items", SECOND_RUN)).fetch(PageCursor.first()).stats()).isEqualTo(PAGE);
    assertThat(fetchers.open(new FetchTarget("items", FIRST_RUN, Map.of(), FetchTarget.Scope.ONE_PARENT))
        .fetch(PageCursor.first()).stats()).isEqualTo(PAGE);
    assertThat(fetchers.open(FetchTarget.of("other", FIRST_RUN)).fetch(PageCursor.first()).stats()).isEqualTo(PAGE);
  }

  @Test
  void failsAnEndpointWhoseDiscoveryFailedWithoutOpeningTheRealFetcher() throws Exception {
    DiscoveryAwareFetchers fetchers = fetchers();
    int opened = Pages.OPENED.get();

    PageFetcher broken = fetchers.open(FetchTarget.of("broken", FIRST_RUN));
    assertThatThrownBy(() -> broken.fetch(PageCursor.first()))
        .isInstanceOfSatisfying(EndpointException.class, e -> {
          assertThat(e.errorClass()).isEqualTo(ErrorClass.NOT_FOUND);
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.getMessage()).isEqualTo(DiscoveryAwareFetchers.FAILED_PREFIX + "GET http://api/x: 404");
          assertThat(e.stats()).isEqualTo(new FetchStats(1, 0, 0, 20, 0));
        });
    assertThatThrownBy(() -> fetchers.open(FetchTarget.of("broken", SECOND_RUN)).fetch(PageCursor.first()))
        .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.stats()).isEqualTo(FetchStats.NONE));
    assertThat(Pages.OPENED.get()).isEqualTo(opened);
  }

  @Test
  void delegatesParentsAndSurvivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(fetchers());
    }
    PageFetcherFactory copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (PageFetcherFactory) in.readObject();
    }

    assertThat(copy.hasParent("tasks")).isTrue();
    assertThat(copy.hasParent("items")).isFalse();
    assertThat(copy.open(FetchTarget.of("items", FIRST_RUN)).fetch(PageCursor.first()).stats())
        .isEqualTo(new FetchStats(4, 2, 1, 350, 1_500));
    assertThatThrownBy(() -> copy.open(FetchTarget.of("broken", FIRST_RUN)).fetch(PageCursor.first()))
        .isInstanceOf(EndpointException.class);
  }
}
