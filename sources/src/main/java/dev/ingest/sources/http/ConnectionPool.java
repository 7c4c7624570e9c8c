package dev.ingest.sources.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Idle keep-alive connections per origin. A connection is taken out for one exchange and given back only when its
 * response was read completely and the server allows reuse; connections idle longer than the idle limit, or that
 * the server closed meanwhile ({@link HttpConnection#stillOpen()}), are closed instead of reused. Thread-safe.
 */
final class ConnectionPool {
  private final int maxIdlePerOrigin;
  private final long maxIdleMillis;
  private final Map<HttpConnection.Origin, Deque<HttpConnection>> idle = new HashMap<>();
  private boolean closed;

  ConnectionPool(int maxIdlePerOrigin, long maxIdleMillis) {
    this.maxIdlePerOrigin = maxIdlePerOrigin;
    this.maxIdleMillis = maxIdleMillis;
  }

  /** An open idle connection to {@code origin}, most recently used first, if any. */
  Optional<HttpConnection> take(HttpConnection.Origin origin, long nowMillis) {
    while (true) {
      HttpConnection connection;
      synchronized (this) {
        Deque<HttpConnection> connections = idle.get(origin);
        connection = connections == null ? null : connections.pollFirst();
      }
      if (connection == null) {
        return Optional.empty();
      }
      if (nowMillis - connection.idleSince() <= maxIdleMillis && connection.stillOpen()) {
        return Optional.of(connection);
      }
      connection.close();
    }
  }

  /** Gives {@code connection} back for reuse. */
  void release(HttpConnection connection, long nowMillis) {
    connection.idle(nowMillis);
    HttpConnection evicted = null;
    synchronized (this) {
      if (closed) {
        evicted = connection;
      } else {
        Deque<HttpConnection> connections = idle.computeIfAbsent(connection.origin(), o -> new ArrayDeque<>());
        connections.addFirst(connection);
        if (connections.size() > maxIdlePerOrigin) {
          evicted = connections.pollLast();
        }
        for (Iterator<HttpConnection> it = connections.descendingIterator(); it.hasNext(); ) {
          HttpConnection old = it.next();
          if (old != evicted && nowMillis - old.idleSince() > maxIdleMillis) {
            it.remove();
            old.close();
          }
        }
      }
    }
    if (evicted != null) {
      evicted.close();
    }
  }

  /** Closes every idle connection; later releases close theirs. */
  void close() {
    synchronized (this) {
      closed = true;
      idle.values().forEach(connections -> connections.forEach(HttpConnection::close));
      idle.clear();
    }
  }
}
