package dev.ingest.jobs.compile;

import java.util.List;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.SerializedThrowable;

/**
 * Thrown by the parse operator after it added columns for fields first seen in this run (see {@link NewColumnGuard}):
 * the job must be rebuilt from the new table schema and resume from its latest checkpoint. Flink does not restart
 * the job itself (the parse operator wraps it in a {@code SuppressRestartsException}); the runner does
 * ({@code LocalPipelineRunner}).
 */
public final class NewColumnsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NewColumnsException(String table, List<String> columns) {
    super("new columns " + columns + " in table " + table + ": rebuild the job from the table schema and resume");
  }

  /** Whether {@code failure} (a job's failure, possibly serialized by Flink) was caused by new columns. */
  public static boolean isCause(Throwable failure) {
    return ExceptionUtils.findThrowable(failure, t -> t instanceof NewColumnsException
        || (t instanceof SerializedThrowable s
            && NewColumnsException.class.getName().equals(s.getOriginalErrorClassName()))).isPresent();
  }
}
