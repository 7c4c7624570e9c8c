package dev.ingest.sinks.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.maintenance.api.DeleteOrphanFiles;
import org.apache.iceberg.flink.maintenance.api.ExpireSnapshots;
import org.apache.iceberg.flink.maintenance.api.MaintenanceTaskBuilder;
import org.apache.iceberg.flink.maintenance.api.RewriteDataFiles;
import org.apache.iceberg.flink.maintenance.api.TableMaintenance;
import org.apache.iceberg.flink.maintenance.operator.MonitorSource;

/**
 * Adds Iceberg's Flink table maintenance ({@code org.apache.iceberg.flink.maintenance.api}) for one table to a
 * streaming job: a monitor source reads the table's new snapshots every {@link MaintenancePlan#checkInterval()},
 * Iceberg's trigger manager fires the tasks on the plan's triggers, one task at a time under Iceberg's lock (the
 * job's coordination lock: the trigger manager's operator coordinator holds it, released when a task's result
 * arrives), and the tasks run as operators of the same job:
 *
 * <pre>
 *  MonitorSource ─▶ TriggerManager ─▶ [0] RewriteDataFiles  (plan ─▶ rewrite ─▶ commit)  ─┐
 *   (snapshots)      (lock, triggers)  [1] ExpireSnapshots   (expire ─▶ delete files)      ├─▶ LockRemover
 *                                      [2] DeleteOrphanFiles (list ─▶ diff ─▶ delete)      ─┘
 *  MonitorSource ─▶ DanglingDeleteRemover (after a compaction commit: drop deletes that apply to nothing)
 * </pre>
 *
 * <p>Compaction rewrites every data file that has a delete file applying to it ({@code deleteFileThreshold 1}), so
 * an upsert table's equality and position deletes are applied to the rows; Iceberg drops the older delete files
 * in that commit and {@link DanglingDeleteRemover} the rest that apply to no data file any more
 * ({@link DanglingDeletes}). Snapshot expiry removes the old snapshots' data and delete files; orphan
 * removal deletes files no snapshot references once older than {@link MaintenancePlan#orphanMinAge()}. Iceberg's
 * 1.11 Flink API has no manifest rewrite task (docs/tables.md).
 */
public final class StreamingMaintenance {
  /** Snapshots the dangling-delete monitor reads back when it starts (Iceberg's monitor default). */
  private static final int MAX_READ_BACK = 100;

  private StreamingMaintenance() {}

  /**
   * Appends the maintenance of {@code table} to {@code env}.
   *
   * @param uidSuffix makes the operators' uids unique and stable per table (savepoints restore them by uid)
   * @param parallelism the tasks' parallelism (the monitor and trigger manager run at 1)
   */
  public static void append(StreamExecutionEnvironment env, TableLoader table, MaintenancePlan plan, String uidSuffix,
      int parallelism) {
    try {
      TableMaintenance.forTable(env, table)
          .uidSuffix(uidSuffix)
          .rateLimit(plan.checkInterval())
          .lockCheckDelay(plan.checkInterval())
          .parallelism(parallelism)
          .add(scheduled(RewriteDataFiles.builder()
              .targetFileSizeBytes(plan.targetFileSizeBytes())
              .deleteFileThreshold(1), plan))
          .add(scheduled(ExpireSnapshots.builder()
              .maxSnapshotAge(plan.snapshotRetention())
              .retainLast(plan.retainLast()), plan))
          .add(scheduled(DeleteOrphanFiles.builder().minAge(plan.orphanMinAge()), plan))
          .append();
      env.fromSource(new MonitorSource(table, RateLimiterStrategy.perSecond(1.0 / plan.checkInterval().toSeconds()),
              MAX_READ_BACK), WatermarkStrategy.noWatermarks(), "Dangling delete monitor " + uidSuffix)
          .uid("dangling-delete-monitor-" + uidSuffix).forceNonParallel()
          .process(new DanglingDeleteRemover(table)).name("Dangling delete remover")
          .uid("dangling-delete-remover-" + uidSuffix).forceNonParallel()
          .sinkTo(new DiscardingSink<>()).name("Dangling deletes removed").uid("dangling-delete-sink-" + uidSuffix)
          .setParallelism(1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add the maintenance of " + table + ": " + e.getMessage(), e);
    }
  }

  private static MaintenanceTaskBuilder<?> scheduled(MaintenanceTaskBuilder<?> task, MaintenancePlan plan) {
    if (plan.afterCommits() > 0) {
      task.scheduleOnCommitCount(plan.afterCommits());
    }
    if (!plan.every().isZero()) {
      task.scheduleOnInterval(plan.every());
    }
    return task;
  }
}
