package dev.ingest.sources.airbyte.interpolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One {@link Interpolator} serves several threads (a task manager's source readers): every result stays exact. */
class InterpolatorConcurrencyTest {

  @Test
  void evaluatesConcurrentlyWithExactResults() throws Exception {
    Interpolator interpolator = new Interpolator(CorpusFixture.CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < 300; i++) {
            InterpolationContext ctx = InterpolationContext.builder()
                .config(Map.of("n", thread * 1000 + i)).response(Map.of("items", List.of(i)))
                .build();
            Object sum = interpolator.eval("{{ config['n'] + response.get('items', [])[0] }}", ctx);
            boolean stop = interpolator.evalBoolean("{{ not response.get('items') }}", ctx);
            if (sum.equals((long) thread * 1000 + 2L * i) && !stop) {
              ok++;
            }
          }
          return ok;
        }));
      }
      for (Future<Integer> f : futures) {
        assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(300);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
