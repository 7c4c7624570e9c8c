package dev.ingest.sources.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.source.event.EndpointRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiSplitTest {

  @Test
  void validatesInTheConstructor() {
    assertThatThrownBy(() -> ApiSplit.start(" ", "tasks", "r", 0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("pipeline must not be blank");
    assertThatThrownBy(() -> ApiSplit.start("p", "", "r", 0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("endpoint must not be blank");
    assertThatThrownBy(() -> new ApiSplit("p", "e", "r", 0, PageCursor.first(), -1, SplitProgress.NONE,
        SplitStatus.ACTIVE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("recordsToSkip must be >= 0, got -1");
    assertThatThrownBy(() -> new SplitProgress(0, -2, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("pages must be >= 0, got -2");
  }

  @Test
  void toStringNeverShowsCursorText() {
    ApiSplit split = new ApiSplit("p", "tasks", "r1", 0,
        PageCursor.url("https://api.example.com/tasks?api_key=SECRET123&page=2"), 0, SplitProgress.NONE,
        SplitStatus.ACTIVE, Map.of("parent.token", "SECRET456"));

    assertThat(split.toString())
        .contains("r1/tasks", "url(api.example.com/tasks)", "parent.token")
        .doesNotContain("SECRET123", "SECRET456");
    assertThat(CursorText.describe(PageCursor.token("SECRET789"))).isEqualTo("token(9 chars)");
  }

  @Test
  void stateAdvancesPerRecordAndPerPage() {
    ApiSplitState state = new ApiSplitState(ApiSplit.start("p", "tasks", "r1", 5, Map.of()));

    state.recordEmitted();
    state.recordEmitted();
    assertThat(state.toSplit().cursor()).isEqualTo(PageCursor.first());
    assertThat(state.toSplit().recordsToSkip()).isEqualTo(2);

    state.pageEnded(PageCursor.page(2), new FetchStats(2, 1, 1, 300, 40), 1_000);
    ApiSplit afterPage = state.toSplit();
    assertThat(afterPage.cursor()).isEqualTo(PageCursor.page(2));
    assertThat(afterPage.recordsToSkip()).isZero();
    assertThat(afterPage.progress()).isEqualTo(new SplitProgress(1_000, 1, 2, 2, 300, 1, 1, 40));

    EndpointRun run = state.complete(SplitStatus.SUCCEEDED, null, null, 1_500);
    assertThat(run.status).isEqualTo(EndpointRun.SUCCEEDED);
    assertThat(run.rows).isEqualTo(2);
    assertThat(run.durationMillis()).isEqualTo(500);
    assertThat(state.toSplit().isCompleted()).isTrue();
    assertThatThrownBy(state::recordEmitted).isInstanceOf(IllegalStateException.class)
        .hasMessage("split r1/tasks is already SUCCEEDED");
  }
}
