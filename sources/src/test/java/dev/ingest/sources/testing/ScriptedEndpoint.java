package dev.ingest.sources.testing;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The script of one endpoint of a {@link ScriptedPageFetcherFactory}: how many pages of how many records, the
 * cursor style, faults, and counters of what was fetched. Configure it fluently before the job starts; read the
 * counters afterwards. Thread-safe.
 *
 * <p>Page {@code k} (1-based) is fetched at {@link #cursorOf(int) cursorOf(k)}: {@link PageCursor#first()} for
 * page 1, then a cursor of the chosen {@link CursorStyle}. Its records are {@link #recordJson(String, int, int)}.
 */
public final class ScriptedEndpoint {
  /** How the cursors of pages 2.. look. */
  public enum CursorStyle { PAGE_NUMBER, TOKEN, OFFSET, URL }

  private final String name;
  private volatile int pages = 1;
  private volatile int recordsPerPage = 1;
  private volatile CursorStyle cursorStyle = CursorStyle.PAGE_NUMBER;
  private volatile Duration pageDelay = Duration.ZERO;
  private volatile int failAtPage;
  private volatile EndpointException failure;
  private volatile EndpointException openFailure;
  private volatile int crashAtPage;
  private volatile Runnable beforeCrash = () -> {};
  private volatile int holdAtPage;
  private volatile CountDownLatch hold;
  private final AtomicBoolean crashed = new AtomicBoolean();
  private final Map<String, AtomicInteger> fetchesByCursor = new ConcurrentHashMap<>();
  private final List<PageCursor> fetchLog = new CopyOnWriteArrayList<>();
  private final AtomicInteger opens = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();

  ScriptedEndpoint(String name) {
    this.name = name;
  }

  /** The deterministic JSON of record {@code index} (0-based) of page {@code page} (1-based). */
  public static String recordJson(String endpoint, int page, int index) {
    return "{\"id\":\"" + endpoint + "-" + page + "-" + index + "\",\"endpoint\":\"" + endpoint + "\",\"page\":"
        + page + ",\"index\":" + index + "}";
  }

  public ScriptedEndpoint pages(int pages) {
    if (pages < 1) {
      throw new IllegalArgumentException("pages must be >= 1");
    }
    this.pages = pages;
    return this;
  }

  public ScriptedEndpoint recordsPerPage(int recordsPerPage) {
    if (recordsPerPage < 0) {
      throw new IllegalArgumentException("recordsPerPage must be >= 0");
    }
    this.recordsPerPage = recordsPerPage;
    return this;
  }

  public ScriptedEndpoint cursorStyle(CursorStyle style) {
    this.cursorStyle = style;
    return this;
  }

  /** Each fetch takes this long (interruptible), so checkpoints fall in the middle of a run. */
  public ScriptedEndpoint pageDelay(Duration delay) {
    this.pageDelay = delay;
    return this;
  }

  /** Fetching page {@code page} (and any later attempt at it) throws an {@link EndpointException}. */
  public ScriptedEndpoint failAt(int page, ErrorClass errorClass, String message) {
    this.failAtPage = page;
    this.failure = new EndpointException(errorClass, message);
    return this;
  }

  /** Opening a fetcher for this endpoint throws an {@link EndpointException}. */
  public ScriptedEndpoint failOnOpen(ErrorClass errorClass, String message) {
    this.openFailure = new EndpointException(errorClass, message);
    return this;
  }

  /** The first fetch of page {@code page} throws a {@link RuntimeException} (a task failure); later ones work. */
  public ScriptedEndpoint crashOnceAt(int page) {
    return crashOnceAt(page, () -> {});
  }

  /**
   * Like {@link #crashOnceAt(int)}, running {@code beforeCrash} on the fetching thread first, e.g. to wait until
   * a checkpoint has completed. The script lives in a static registry, so the hook needs not be serializable.
   */
  public ScriptedEndpoint crashOnceAt(int page, Runnable beforeCrash) {
    this.crashAtPage = page;
    this.beforeCrash = beforeCrash;
    return this;
  }

  /**
   * Fetches of page {@code page} block (interruptibly) until {@code release} is counted down: a slow API under the
   * test's control.
   */
  public ScriptedEndpoint holdAt(int page, CountDownLatch release) {
    this.holdAtPage = page;
    this.hold = release;
    return this;
  }

  /** The cursor page {@code page} (1-based) is fetched at. */
  public PageCursor cursorOf(int page) {
    if (page == 1) {
      return PageCursor.first();
    }
    return switch (cursorStyle) {
      case PAGE_NUMBER -> PageCursor.page(page);
      case TOKEN -> PageCursor.token("tok-" + name + "-" + page);
      case OFFSET -> PageCursor.offset((long) (page - 1) * recordsPerPage);
      case URL -> PageCursor.url("https://api.example.test/" + name + "?page=" + page);
    };
  }

  /** All records of the endpoint, in order. */
  public List<String> expectedRecords() {
    List<String> records = new ArrayList<>();
    for (int page = 1; page <= pages; page++) {
      records.addAll(recordsOf(page));
    }
    return records;
  }

  /** Records in all pages: what a successful run emits. */
  public int totalRecords() {
    return pages * recordsPerPage;
  }

  public int pageCount() {
    return pages;
  }

  /** How often the page at {@code cursor} was fetched. */
  public int fetchCount(PageCursor cursor) {
    AtomicInteger count = fetchesByCursor.get(cursor.encode());
    return count == null ? 0 : count.get();
  }

  /** How often page {@code page} (1-based) was fetched. */
  public int fetchCountOfPage(int page) {
    return fetchCount(cursorOf(page));
  }

  /** Every fetch, in order. */
  public List<PageCursor> fetchLog() {
    return List.copyOf(fetchLog);
  }

  /** Whether the scripted crash happened. */
  public boolean crashed() {
    return crashed.get();
  }

  public int opens() {
    return opens.get();
  }

  public int closes() {
    return closes.get();
  }

  public String name() {
    return name;
  }

  void opened() throws EndpointException {
    opens.incrementAndGet();
    if (openFailure != null) {
      throw openFailure;
    }
  }

  void closed() {
    closes.incrementAndGet();
  }

  Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
    fetchesByCursor.computeIfAbsent(cursor.encode(), c -> new AtomicInteger()).incrementAndGet();
    fetchLog.add(cursor);
    int page = pageOf(cursor).orElseThrow(() -> new EndpointException(ErrorClass.PAGINATION,
        "scripted endpoint " + name + " has no page at " + cursor.encode()));
    if (!pageDelay.isZero()) {
      Thread.sleep(pageDelay.toMillis());
    }
    CountDownLatch latch = hold;
    if (latch != null && page == holdAtPage) {
      latch.await();
    }
    if (failure != null && page == failAtPage) {
      throw failure;
    }
    if (page == crashAtPage && crashed.compareAndSet(false, true)) {
      beforeCrash.run();
      throw new IllegalStateException("scripted crash at page " + page + " of " + name);
    }
    List<String> records = recordsOf(page);
    long bytes = records.stream().mapToLong(String::length).sum();
    Optional<PageCursor> next = page < pages ? Optional.of(cursorOf(page + 1)) : Optional.empty();
    return new Page(records, next, new FetchStats(1, 0, 0, bytes, 0));
  }

  private List<String> recordsOf(int page) {
    List<String> records = new ArrayList<>(recordsPerPage);
    for (int i = 0; i < recordsPerPage; i++) {
      records.add(recordJson(name, page, i));
    }
    return records;
  }

  private Optional<Integer> pageOf(PageCursor cursor) {
    Map<String, Integer> pagesByCursor = new HashMap<>();
    for (int page = 1; page <= pages; page++) {
      pagesByCursor.put(cursorOf(page).encode(), page);
    }
    return Optional.ofNullable(pagesByCursor.get(cursor.encode()));
  }
}
