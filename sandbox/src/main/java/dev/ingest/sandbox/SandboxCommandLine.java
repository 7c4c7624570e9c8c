package dev.ingest.sandbox;

import java.time.Duration;

/** Parses the standalone sandbox's command line into a {@link SandboxApi.Builder}. */
final class SandboxCommandLine {
  static final int DEFAULT_PORT = 8089;

  private SandboxCommandLine() {}

  static SandboxApi.Builder parse(String[] args) {
    SandboxApi.Builder builder = SandboxApi.builder().port(DEFAULT_PORT);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--port" -> builder.port(Integer.parseInt(value));
        case "--host" -> builder.host(value);
        case "--latency-ms" -> builder.latency(Duration.ofMillis(Long.parseLong(value)));
        case "--token" -> builder.requireBearerToken(value);
        case "--max-page-size" -> builder.maxPageSize(Integer.parseInt(value));
        case "--size" -> {
          int eq = value.indexOf('=');
          if (eq < 0) {
            throw new IllegalArgumentException("--size expects resource=N, got " + value);
          }
          builder.datasetSize(value.substring(0, eq), Integer.parseInt(value.substring(eq + 1)));
        }
        default -> throw new IllegalArgumentException("unknown option " + flag
            + " (expected --port, --host, --latency-ms, --token, --max-page-size, --size)");
      }
    }
    return builder;
  }
}
