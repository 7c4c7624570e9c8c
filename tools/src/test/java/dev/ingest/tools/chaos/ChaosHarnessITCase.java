package dev.ingest.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.spec.StateBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized crash-injection run: one trial of each kind (SIGKILL of a real {@code run --once} process, here
 * {@link RunOnceMain} since the CLI is downstream of this module, and a resume from its retained checkpoint; a task
 * failure at a random page; SIGKILL with upsert tables; a failure inside an Iceberg commit, before it or after it
 * went through, with append and with upsert tables). Every table must hold exactly the served records. Kill delays
 * are chosen so the kill lands mid-run on this machine; a trial that finished before its kill still audits its
 * tables, and the test requires that the failures really happened. The kill trial (a crash, then a new process
 * resuming from the retained checkpoint) runs again with RocksDB state and incremental checkpoints, chosen in the
 * trial home's {@code config.yaml} as an operator would; a task failure on RocksDB is {@code FailoverITCase}'s.
 */
class ChaosHarnessITCase {
  @TempDir Path dir;

  // 15 pages per endpoint at 200 ms each: the job runs for about 5 s; kills land 0.5 to 3 s into it
  private static ChaosHarness.Settings settings(int trials) {
    return new ChaosHarness.Settings(trials, 7, 1_500, Duration.ofMillis(500), Duration.ofMillis(3_000),
        Duration.ofMillis(200));
  }

  @Test
  void everyTrialEndsWithExactlyTheServedRecords() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Map<String, Object> summary = new ChaosHarness(dir, settings(5), new PrintStream(log, true,
        StandardCharsets.UTF_8), RunOnceMain.class.getName()).run();

    assertThat(summary).containsEntry("trials", 5).containsEntry("duplicates", 0L).containsEntry("missing", 0L)
        .containsEntry("unexpected", 0L).containsEntry("state_backend", "hashmap");
    @SuppressWarnings("unchecked")
    List<ChaosHarness.Trial> trials = (List<ChaosHarness.Trial>) summary.get("results");
    assertThat(trials).extracting(ChaosHarness.Trial::kind).containsExactly("kill", "task-failure", "kill-upsert",
        "commit-failure", "commit-failure-upsert");
    assertThat(List.of(trials.get(1), trials.get(3), trials.get(4))).as("the in-job failures were injected: %s", log)
        .allMatch(ChaosHarness.Trial::disrupted);
    assertThat(trials.get(3).detail()).contains("fails before the catalog commit");
    assertThat(trials.get(4).detail()).contains("fails after the catalog commit");
    assertThat(trials.stream().filter(ChaosHarness.Trial::disrupted).count())
        .as("at least one process was killed mid-run: %s", log).isGreaterThanOrEqualTo(4);
    assertThat(trials).allSatisfy(t -> assertThat(t.tables()).hasSize(3)
        .allSatisfy(a -> assertThat(a.rows()).isEqualTo(1_500)));
  }

  @Test
  void aKilledRunResumesExactlyFromItsRocksDbCheckpoint() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Map<String, Object> summary = new ChaosHarness(dir, settings(1).withStateBackend(StateBackend.ROCKSDB),
        new PrintStream(log, true, StandardCharsets.UTF_8), RunOnceMain.class.getName()).run();

    assertThat(summary).as("%s", log).containsEntry("trials", 1).containsEntry("duplicates", 0L)
        .containsEntry("missing", 0L).containsEntry("unexpected", 0L).containsEntry("state_backend", "rocksdb");
    @SuppressWarnings("unchecked")
    List<ChaosHarness.Trial> trials = (List<ChaosHarness.Trial>) summary.get("results");
    assertThat(trials).extracting(ChaosHarness.Trial::kind).containsExactly("kill");
    assertThat(trials).as("the run was killed mid-run: %s", log).allMatch(ChaosHarness.Trial::disrupted);
    assertThat(trials).allSatisfy(t -> assertThat(t.tables()).hasSize(3)
        .allSatisfy(a -> assertThat(a.rows()).isEqualTo(1_500)));
  }
}
