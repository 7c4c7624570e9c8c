package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.fetch.PageFetcherFactory;
import java.util.function.UnaryOperator;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;

/** The compile options' defaults, and withers that change one part only. */
class CompileOptionsTest {

  @Test
  void startsWithoutDecoratorsOrColumnEvolution() {
    CompileOptions options = CompileOptions.scheduled();

    assertThat(options.mode()).isEqualTo(CompileOptions.Mode.SCHEDULED);
    assertThat(CompileOptions.once().mode()).isEqualTo(CompileOptions.Mode.ONCE);
    assertThat(options.evolveColumnsWithinRun()).isFalse();
    assertThat(options.fetcherDecorator().apply(null)).isNull();
    assertThat(options.catalogDecorator().apply(null)).isNull();
  }

  @Test
  void eachWitherChangesOnlyItsPart() {
    UnaryOperator<PageFetcherFactory> fetchers = f -> f;
    UnaryOperator<CatalogLoader> catalog = c -> c;

    CompileOptions options = CompileOptions.once().withFetcherDecorator(fetchers).withCatalogDecorator(catalog)
        .withColumnsEvolvingWithinRun(true);

    assertThat(options).isEqualTo(new CompileOptions(CompileOptions.Mode.ONCE, fetchers, catalog, true));
    assertThat(options.withColumnsEvolvingWithinRun(false))
        .isEqualTo(new CompileOptions(CompileOptions.Mode.ONCE, fetchers, catalog, false));
  }
}
