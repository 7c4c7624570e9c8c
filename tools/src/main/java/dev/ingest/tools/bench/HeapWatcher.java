package dev.ingest.tools.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Tracks the peak <em>live</em> heap of this JVM: the largest heap occupancy left after any garbage collection while
 * watching. Occupancy after GC is what a run actually retains; the raw peak only says how lazily the collector ran,
 * which grows with {@code -Xmx}, not with the run.
 */
final class HeapWatcher implements AutoCloseable {
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = (notification, handback) -> {
    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long used = 0;
      for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
        used += usage.getUsed();
      }
      peakAfterGc.accumulateAndGet(used, Math::max);
    }
  };

  HeapWatcher() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** Peak heap left after a collection since this watcher started, in bytes. */
  long peakLiveBytes() {
    return peakAfterGc.get();
  }

  /** Collects and returns the heap in use right after, in bytes (heap pools only). */
  static long liveHeapNow() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() throws Exception {
    for (NotificationEmitter emitter : emitters) {
      emitter.removeNotificationListener(listener);
    }
  }
}
