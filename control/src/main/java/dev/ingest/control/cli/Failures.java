package dev.ingest.control.cli;

import dev.ingest.sources.fetch.EndpointException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a failed run's exception chain into one readable line, without Flink's wrappers. An endpoint failure in
 * the chain (schema discovery at job start, for example) is worded as {@code check} words it ({@link FailureText}:
 * class, method, URL, cause, attempts); any other chain is described by its innermost exception that has a
 * message, naming the innermost cause when that one has none ({@code ConnectException: … (ClosedChannelException)}).
 */
final class Failures {
  private Failures() {}

  static String describe(Throwable t) {
    List<Throwable> chain = chain(t);
    for (Throwable link : chain) {
      if (link instanceof EndpointException e) {
        return FailureText.of(e);
      }
    }
    Throwable root = chain.get(chain.size() - 1);
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable link = chain.get(i);
      if (link.getMessage() != null && !link.getMessage().isBlank()) {
        String text = link.getClass().getSimpleName() + ": " + link.getMessage();
        return link == root ? text : text + " (" + root.getClass().getSimpleName() + ")";
      }
    }
    return root.getClass().getSimpleName();
  }

  /** {@code t} and its causes, outermost first; a cause cycle ends the list. */
  private static List<Throwable> chain(Throwable t) {
    Set<Throwable> seen = new LinkedHashSet<>();
    for (Throwable link = t; link != null && seen.add(link); link = link.getCause()) {
      // collects the chain
    }
    return new ArrayList<>(seen);
  }
}
