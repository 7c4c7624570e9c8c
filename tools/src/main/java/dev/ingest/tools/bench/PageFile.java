package dev.ingest.tools.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * Every page of a benchmark run rendered once, before any timing, into a file (plain JSON, and optionally each page
 * gzipped into a second file): Stripe-like list pages {@code {"object":"list","url":"/v1/events","has_more":..,
 * "data":[..]}} of {@link BenchRecords}, {@code pageSize} per page, plus one empty page for offsets past the end.
 * The server sends byte ranges of these files with {@code FileChannel.transferTo}, so the pages live in the page
 * cache, never in the measured Java heap, and serving costs no rendering.
 */
final class PageFile implements AutoCloseable {
  static final String PATH = "/v1/events";
  private static final JsonFactory JSON = new JsonFactory();

  private final long records;
  private final int pageSize;
  private final Rendered plain;
  private final Rendered gzip;
  private final long recordJsonBytes;

  /** One file of pages and where each page is; page {@code pages} is the empty page. */
  record Rendered(Path file, FileChannel channel, long[] offsets, int[] lengths) {
    long size() {
      return offsets[offsets.length - 1] + lengths[lengths.length - 1];
    }
  }

  private PageFile(long records, int pageSize, Rendered plain, Rendered gzip, long recordJsonBytes) {
    this.records = records;
    this.pageSize = pageSize;
    this.plain = plain;
    this.gzip = gzip;
    this.recordJsonBytes = recordJsonBytes;
  }

  /** Renders {@code records} records into {@code dir}; {@code withGzip}: also a file of gzipped pages. */
  static PageFile render(Path dir, long records, int pageSize, boolean withGzip) throws IOException {
    if (records < 1 || pageSize < 1) {
      throw new IllegalArgumentException("records and pageSize must be positive: " + records + ", " + pageSize);
    }
    Files.createDirectories(dir);
    int pages = Math.toIntExact((records + pageSize - 1) / pageSize);
    long[] offsets = new long[pages + 1];
    int[] lengths = new int[pages + 1];
    long[] gzOffsets = new long[pages + 1];
    int[] gzLengths = new int[pages + 1];
    Path plainFile = dir.resolve("pages.json");
    Path gzipFile = dir.resolve("pages.json.gz");
    long dataBytes = 0;
    ByteArrayOutputStream page = new ByteArrayOutputStream(pageSize * 1200 + 200);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream(pageSize * 300 + 200);
    try (OutputStream plainOut = Files.newOutputStream(plainFile);
        OutputStream gzipOut = withGzip ? Files.newOutputStream(gzipFile) : OutputStream.nullOutputStream()) {
      long plainAt = 0;
      long gzipAt = 0;
      for (int p = 0; p <= pages; p++) {
        page.reset();
        long from = (long) p * pageSize;
        long to = Math.min(records, from + pageSize);
        dataBytes += renderPage(page, from, to, to < records);
        offsets[p] = plainAt;
        lengths[p] = page.size();
        page.writeTo(plainOut);
        plainAt += page.size();
        if (withGzip) {
          zipped.reset();
          try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
            page.writeTo(z);
          }
          gzOffsets[p] = gzipAt;
          gzLengths[p] = zipped.size();
          zipped.writeTo(gzipOut);
          gzipAt += zipped.size();
        }
      }
    }
    Rendered plain = new Rendered(plainFile, FileChannel.open(plainFile, StandardOpenOption.READ), offsets,
        lengths);
    Rendered gzip = withGzip ? new Rendered(gzipFile, FileChannel.open(gzipFile, StandardOpenOption.READ),
        gzOffsets, gzLengths) : null;
    return new PageFile(records, pageSize, plain, gzip, dataBytes);
  }

  /** Renders records {@code [from, to)} as one page; returns the bytes of the records alone (with commas). */
  private static long renderPage(ByteArrayOutputStream out, long from, long to, boolean hasMore)
      throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeStringField("object", "list");
      json.writeStringField("url", PATH);
      json.writeBooleanField("has_more", hasMore);
      json.writeArrayFieldStart("data");
      json.flush();
      int before = out.size();
      for (long i = from; i < to; i++) {
        BenchRecords.write(json, i);
      }
      json.flush();
      int after = out.size();
      json.writeEndArray();
      json.writeEndObject();
      return after - before;
    }
  }

  long records() {
    return records;
  }

  int pageSize() {
    return pageSize;
  }

  /** Average JSON bytes per record (the record objects alone, without the page envelope). */
  double recordJsonBytes() {
    return (double) recordJsonBytes / records;
  }

  /** Number of data pages (the empty page after them not counted). */
  int pages() {
    return plain.offsets().length - 1;
  }

  /** The page for {@code offset}, or the empty page when the offset is at or past the end. */
  int pageFor(long offset) {
    return (int) Math.min(pages(), offset / pageSize);
  }

  Rendered plain() {
    return plain;
  }

  /** The gzipped pages, or null when they were not rendered. */
  Rendered gzip() {
    return gzip;
  }

  /** Reads one page back (tests and the discovery of what was served). */
  byte[] read(Rendered rendered, int page) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(rendered.lengths()[page]);
    long at = rendered.offsets()[page];
    while (buffer.hasRemaining()) {
      if (rendered.channel().read(buffer, at + buffer.position()) < 0) {
        throw new IOException("page file ends early: " + rendered.file());
      }
    }
    return buffer.array();
  }

  @Override
  public void close() throws IOException {
    plain.channel().close();
    Files.deleteIfExists(plain.file());
    if (gzip != null) {
      gzip.channel().close();
      Files.deleteIfExists(gzip.file());
    }
  }
}
