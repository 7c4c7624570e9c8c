package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.SecretSettings;
import dev.ingest.jobs.compile.StoreCatalogSecrets;
import dev.ingest.jobs.destination.FakeGlue;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.testing.S3ProxyServer;
import dev.ingest.sinks.testing.S3rverServer;
import dev.ingest.sandbox.SandboxApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.TestRestCatalogServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands a user runs against a destination, in process through {@link IngestCli}, for every destination
 * type: {@code check} (the destination probe), {@code run --once} twice (the second run appends), {@code tables
 * PIPELINE.yaml} with exact live rows after each run, {@code snowflake-sql}, {@code dbt-sources} and
 * {@code maintain}. Object stores: S3Proxy (in process) and s3rver (npm, not written here); catalogs: the local
 * warehouse, the embedded JDBC catalog of {@code s3}, a {@code jdbc} catalog on SQLite, Iceberg's own REST catalog
 * server and the fake Glue catalog. The job and the commands open the catalog under one name; before that was so,
 * every {@code s3} run exited 1 ("recorded no run") and the commands saw no tables.
 */
class DestinationCommandsITCase {
  private static final String TOKEN = "sbx-destinations-7c1d";
  private static final int TICKETS = 150;

  @TempDir Path home;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  private SandboxApi sandbox;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(TOKEN).datasetSize("tickets", TICKETS).build().start();
    Files.writeString(home.resolve("config.yaml"), "network: {allowed_hosts: [127.0.0.1]}\n");
    secret("sandbox-token", Map.of("token", TOKEN));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void localWarehouse() throws Exception {
    landReadBackAndAppend("", true);
  }

  @Test
  void s3OnS3Proxy() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start()) {
      secret("lake-keys", S3ProxyServer.keysSecret());
      landReadBackAndAppend(s3Destination("s3", "s3://lake/wh", s3.endpoint(), "lake-keys"), true);
    }
  }

  @Test
  void s3OnS3rver() throws Exception {
    try (S3rverServer s3 = S3rverServer.start(home.resolve("s3rver"))) {
      secret("lake-keys", S3rverServer.keysSecret());
      landReadBackAndAppend(s3Destination("s3", "s3://lake/wh", s3.endpoint(), "lake-keys"), true);
      assertThat(s3.log()).as("s3rver served the run").contains("Stored object \"wh/desk/tickets/metadata/");
    }
  }

  @Test
  void jdbcCatalogOnSqlite() throws Exception {
    landReadBackAndAppend("""
        destination:
          type: jdbc
          uri: "jdbc:sqlite:%s"
          warehouse: "%s"
        """.formatted(home.resolve("jdbc.db"), home.resolve("jdbc-warehouse")), true);
  }

  @Test
  void icebergRestCatalogServerWithS3Storage() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start()) {
      secret("lake-keys", S3ProxyServer.keysSecret());
      Map<String, String> backend = new HashMap<>(s3.fileIoOptions());
      backend.put("warehouse", "s3://lake/rest");
      backend.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
      backend.put("uri", "jdbc:sqlite:" + home.resolve("rest-backend.db"));
      backend.put("s3.access-key-id", S3ProxyServer.ACCESS_KEY);
      backend.put("s3.secret-access-key", S3ProxyServer.SECRET_KEY);
      try (TestRestCatalogServers.Started rest = TestRestCatalogServers.start(backend)) {
        landReadBackAndAppend(s3Destination("rest", "s3://lake/rest", s3.endpoint(), "lake-keys")
            + "  uri: \"" + rest.uri() + "\"\n", false);
      }
    }
  }

  @Test
  void glueCatalogWithS3Storage() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start();
        FakeGlue glue = new FakeGlue(S3ProxyServer.REGION, S3ProxyServer.ACCESS_KEY)) {
      secret("aws-keys", S3ProxyServer.keysSecret());
      landReadBackAndAppend("""
          destination:
            type: glue
            warehouse: s3://lake/glue
            glue: {endpoint: "%s"}
            credentials: {secret: aws-keys}
            s3: {endpoint: "%s", region: us-east-1, path_style_access: true}
          """.formatted(glue.endpoint(), s3.endpoint()), true);
    }
  }

  /** Upsert on s3rver: the second run rewrites every key; tables and the run summary show live rows. */
  @Test
  void upsertTableReportsLiveRowsAfterTheSecondRunRewritesEveryKey() throws Exception {
    try (S3rverServer s3 = S3rverServer.start(home.resolve("s3rver"))) {
      secret("lake-keys", S3rverServer.keysSecret());
      Path file = pipeline("endpoints: [{name: tickets, write_mode: upsert}]\n"
          + s3Destination("s3", "s3://lake/up", s3.endpoint(), "lake-keys"));
      assertThat(cli("run", "--once", file.toString())).as(console.err()).isEqualTo(IngestCli.OK);
      console.reset();
      assertThat(cli("run", "--once", file.toString())).as(console.err()).isEqualTo(IngestCli.OK);
      assertThat(console.out()).as("run summary: 150 rows landed, 150 live rows")
          .containsPattern("tickets\\s+SUCCEEDED\\s+150\\s+\\d+\\s+\\d+\\s+\\d+\\s+150\\n");

      assertThat(tables(file)).containsEntry("desk.tickets", (long) TICKETS).containsEntry("desk._ingest_runs", 2L);
      PipelineSpec spec = new PipelineLoader(new IngestHome(home).specDefaults()).load(file);
      var table = Catalogs.open(spec.destination(), new StoreCatalogSecrets(SecretSettings.provider(new IngestHome(home))))
          .loadTable(TableIdentifier.of("desk", "tickets"));
      assertThat(table.currentSnapshot().summary()).as("added records count both runs; deletes make them 150")
          .containsEntry("total-records", "300");
    }
  }

  @Test
  void checkReportsWrongKeysAWrongBucketAndAStoreThatKeepsChunkedFramingByNameAndCause() throws Exception {
    try (S3rverServer s3 = S3rverServer.start(home.resolve("s3rver"))) {
      secret("lake-keys", S3rverServer.keysSecret());
      secret("wrong-keys", Map.of("access_key_id", "NOT-S3RVER", "secret_access_key", "nope"));
      String where = "check failed: s3 destination s3://lake/wh, endpoint " + s3.endpoint();

      assertThat(cli("check", pipeline(s3Destination("s3", "s3://lake/wh", s3.endpoint(), "wrong-keys")).toString()))
          .as(console.err()).isEqualTo(IngestCli.FAILED);
      assertThat(console.err()).contains(where).contains("cannot write the probe object s3://lake/wh/.ingest-probe-")
          .contains("Status Code: 403").doesNotContain("nope");
      assertThat(console.out()).contains("ok: sandbox accepted").contains("ok: catalog answered");

      console.reset();
      assertThat(cli("check", pipeline(s3Destination("s3", "s3://nobucket/wh", s3.endpoint(), "lake-keys"))
          .toString())).isEqualTo(IngestCli.FAILED);
      assertThat(console.err()).contains("check failed: s3 destination s3://nobucket/wh, endpoint " + s3.endpoint())
          .contains("Status Code: 404").contains("bucket does not exist");

      console.reset();
      String chunked = s3Destination("s3", "s3://lake/wh", s3.endpoint(), "lake-keys")
          .replace("path_style_access: true\n",
              "path_style_access: true\n    chunked_encoding: true\n    checksums: when_supported\n");
      assertThat(cli("check", pipeline(chunked).toString())).as(console.err()).isEqualTo(IngestCli.FAILED);
      assertThat(console.err()).contains(where).contains("-byte probe object")
          .contains("keeps the upload's aws-chunked framing").contains("chunked_encoding: false");

      console.reset();
      assertThat(cli("check", pipeline(s3Destination("s3", "s3://lake/wh", s3.endpoint(), "lake-keys")).toString()))
          .as(console.err()).isEqualTo(IngestCli.OK);
      assertThat(console.out()).contains("ok: storage: wrote, read back and deleted a 4096-byte probe object under "
          + "s3://lake/wh");
    }
  }

  /** A run into a store that keeps aws-chunked framing fails naming the destination and the cause. */
  @Test
  void aRunIntoAStoreThatKeepsChunkedFramingNamesTheDestinationAndTheCause() throws Exception {
    try (S3rverServer s3 = S3rverServer.start(home.resolve("s3rver"))) {
      secret("lake-keys", S3rverServer.keysSecret());
      Path file = pipeline(s3Destination("s3", "s3://lake/wh", s3.endpoint(), "lake-keys").replace(
          "path_style_access: true\n", "path_style_access: true\n    chunked_encoding: true\n    checksums: when_supported\n"));

      assertThat(cli("run", "--once", file.toString())).isEqualTo(IngestCli.FAILED);

      assertThat(console.err()).contains("pipeline desk failed: ")
          .contains("destination check failed: s3 destination s3://lake/wh, endpoint " + s3.endpoint())
          .contains("keeps the upload's aws-chunked framing").contains("chunked_encoding: false");
    }
  }

  private void landReadBackAndAppend(String destination, boolean objectProbe) throws Exception {
    Path file = pipeline(destination);

    assertThat(cli("check", file.toString())).as("check; stderr: %s", console.err()).isEqualTo(IngestCli.OK);
    assertThat(console.out()).contains("ok: catalog answered: namespace desk does not exist yet");
    if (objectProbe) {
      assertThat(console.out()).contains("ok: storage: wrote, read back and deleted a 4096-byte probe object");
    }

    console.reset();
    assertThat(cli("run", "--once", file.toString())).as("first run; stderr: %s", console.err())
        .isEqualTo(IngestCli.OK);
    assertThat(console.out()).containsPattern("tickets\\s+SUCCEEDED\\s+150\\s");
    assertThat(tables(file)).isEqualTo(Map.of("desk.tickets", 150L, "desk._ingest_runs", 1L, "desk._ingest_dead_letters", 0L));

    console.reset();
    assertThat(cli("snowflake-sql", file.toString())).as(console.err()).isEqualTo(IngestCli.OK);
    assertThat(Pattern.compile("CREATE ICEBERG TABLE IF NOT EXISTS").matcher(console.out()).results().count())
        .isEqualTo(3);
    console.reset();
    assertThat(cli("dbt-sources", file.toString(), "-o", "-")).as(console.err()).isEqualTo(IngestCli.OK);
    assertThat(console.out()).contains("name: tickets").contains("name: _ingest_runs");

    console.reset();
    assertThat(cli("run", "--once", file.toString())).as("second run; stderr: %s", console.err())
        .isEqualTo(IngestCli.OK);
    assertThat(console.out()).containsPattern("tickets\\s+SUCCEEDED\\s+150\\s+\\d+\\s+\\d+\\s+\\d+\\s+300\\n");
    assertThat(tables(file)).isEqualTo(Map.of("desk.tickets", 300L, "desk._ingest_runs", 2L, "desk._ingest_dead_letters", 0L));

    console.reset();
    assertThat(cli("maintain", file.toString())).as(console.err()).isEqualTo(IngestCli.OK);
    assertThat(console.out()).contains("desk.tickets");
    assertThat(tables(file)).as("maintenance keeps every row")
        .isEqualTo(Map.of("desk.tickets", 300L, "desk._ingest_runs", 2L, "desk._ingest_dead_letters", 0L));
  }

  /** {@code ./ingest tables PIPELINE.yaml} parsed into table → rows. */
  private Map<String, Long> tables(Path file) {
    console.reset();
    assertThat(cli("tables", file.toString())).as("tables; stderr: %s", console.err()).isEqualTo(IngestCli.OK);
    Map<String, Long> rows = new TreeMap<>();
    Matcher m = Pattern.compile("(?m)^(desk\\.\\S+)\\s+(\\d+)$").matcher(console.out());
    while (m.find()) {
      rows.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return rows;
  }

  private static String s3Destination(String type, String warehouse, String endpoint, String secret) {
    return """
        destination:
          type: %s
          warehouse: %s
          s3:
            endpoint: "%s"
            region: us-east-1
            path_style_access: true
            credentials: {secret: %s}
        """.formatted(type, warehouse, endpoint, secret);
  }

  private Path pipeline(String rest) throws Exception {
    Path file = home.resolve("desk-" + System.nanoTime() + ".yaml");
    Files.writeString(file, """
        name: desk
        connector: sandbox
        config: {base_url: "%s"}
        credentials: {secret: sandbox-token}
        schedule: "0 * * * *"
        runtime: {parallelism: 1, checkpoint_interval: 1s}
        """.formatted(sandbox.baseUrl())
        // a second run appends (what the tests count); an endpoint's own write_mode still wins
        + (rest.contains("write_mode") ? "" : "write_mode: append\n")
        + (rest.contains("endpoints:") ? "" : "endpoints: [tickets]\n") + rest);
    return file;
  }

  private void secret(String name, Map<String, String> fields) throws Exception {
    SecretSettings.provider(new IngestHome(home)).open().write(name, fields);
  }

  private int cli(String... args) {
    String[] withHome = new String[args.length + 2];
    withHome[0] = args[0];
    withHome[1] = "--home";
    withHome[2] = home.toString();
    System.arraycopy(args, 1, withHome, 3, args.length - 1);
    return IngestCli.execute(withHome);
  }
}
