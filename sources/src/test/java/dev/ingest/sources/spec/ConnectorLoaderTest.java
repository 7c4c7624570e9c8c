package dev.ingest.sources.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ingest.sources.spec.AuthSpec.ApiKeyIn;
import dev.ingest.sources.spec.PagingSpec.Stop;
import dev.ingest.sources.spec.PagingSpec.Type;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorLoaderTest {

  static final String FULL = """
      name: acme_crm
      description: Acme CRM
      base_url: "https://{{ config.subdomain }}.acme.example/api/v2/"
      config:
        subdomain: { required: true, description: "Your Acme subdomain" }
        version: { default: 2024-01 }
      credentials:
        api_key: { label: "API key", help: "Settings > API" }
        region: { secret: false, required: false }
      auth:
        type: api_key
        api_key: { in: query, name: api_token, value: "{{ credentials.api_key }}" }
      headers:
        Acme-Version: "{{ config.version }}"
      paging:
        type: page_number
        page_param: p
        size_param: per_page
        page_size: 50
        start_page: 0
        stop: short_page
        max_pages: 500
      endpoints:
        deals:
          description: Deals
          path: /deals
          params: { sort: id, active: true }
          records: $.data
          primary_key: id
          schema: { type: object, properties: { id: { type: integer }, name: { type: string } } }
        notes:
          path: /deals/{{ vars.parent.id }}/notes
          headers: { X-Trace: "1" }
          records: "$"
          primary_key: [deal_id, id]
          paging: { page_size: 10 }
        people:
          path: /people
          records: results
          paging:
            type: body_cursor
            cursor_path: meta.next
            cursor_param: cursor
            size_param: limit
        events:
          path: /events
          records: items
          paging: { type: offset, offset_param: skip, size_param: take, page_size: 200 }
        exports:
          path: /exports
          records: records
          paging: { type: next_url, next_url_path: nextRecordsUrl }
        commits:
          path: /commits
          records: $
          paging: { type: link_header, size_param: per_page }
        me:
          path: /me
          records: $
          paging: { type: none }
      """;

  static final String MINIMAL = """
      name: demo
      base_url: "https://api.example.com"
      credentials:
        token: { label: Token }
      auth: { type: bearer, token: "{{ credentials.token }}" }
      endpoints:
        tickets:
          path: /tickets
          records: tickets
      """;

  @Test
  void loadsEveryOption() throws Exception {
    ConnectorSpec spec = ConnectorLoader.parse(FULL, "full.yaml");

    assertThat(spec.name()).isEqualTo("acme_crm");
    assertThat(spec.description()).isEqualTo("Acme CRM");
    assertThat(spec.baseUrl()).isEqualTo("https://{{ config.subdomain }}.acme.example/api/v2/");
    assertThat(spec.config().get("subdomain")).isEqualTo(new ConfigField("subdomain", true, "Your Acme subdomain",
        null));
    assertThat(spec.config().get("version").defaultValue()).isEqualTo("2024-01");
    assertThat(spec.credentials().get("api_key"))
        .isEqualTo(new CredentialField("api_key", true, "API key", "Settings > API", true));
    assertThat(spec.credentials().get("region"))
        .isEqualTo(new CredentialField("region", false, "region", "", false));
    assertThat(spec.auth()).isEqualTo(AuthSpec.apiKey(ApiKeyIn.QUERY, "api_token", "{{ credentials.api_key }}"));
    assertThat(spec.headers()).containsEntry("Acme-Version", "{{ config.version }}");
    assertThat(spec.paging()).isEqualTo(new PagingSpec(Type.PAGE_NUMBER, "p", "per_page", 50, 0, Stop.SHORT_PAGE,
        null, null, null, null, 500));
    assertThat(spec.endpointNames()).containsExactly("deals", "notes", "people", "events", "exports", "commits", "me");

    EndpointSpec deals = spec.endpoint("deals").orElseThrow();
    assertThat(deals.params()).containsExactly(
        java.util.Map.entry("sort", "id"), java.util.Map.entry("active", "true"));
    assertThat(deals.records()).isEqualTo("$.data");
    assertThat(deals.primaryKey()).containsExactly("id");
    assertThat(deals.declaredSchema()).hasValueSatisfying(
        s -> assertThat(s.at("/properties/id/type").asText()).isEqualTo("integer"));
    assertThat(deals.paging()).isSameAs(spec.paging());

    EndpointSpec notes = spec.endpoint("notes").orElseThrow();
    assertThat(notes.primaryKey()).containsExactly("deal_id", "id");
    assertThat(notes.schema()).isNull();
    assertThat(notes.headers()).containsEntry("X-Trace", "1");
    assertThat(notes.paging()).as("same-type override inherits the default's options")
        .isEqualTo(new PagingSpec(Type.PAGE_NUMBER, "p", "per_page", 10, 0, Stop.SHORT_PAGE, null, null, null, null,
            500));

    assertThat(spec.endpoint("people").orElseThrow().paging()).as("another type replaces the default")
        .isEqualTo(new PagingSpec(Type.BODY_CURSOR, null, "limit", 100, 1, null, "meta.next", "cursor", null, null,
            PagingSpec.DEFAULT_MAX_PAGES));
    assertThat(spec.endpoint("events").orElseThrow().paging())
        .isEqualTo(new PagingSpec(Type.OFFSET, null, "take", 200, 1, Stop.EMPTY_PAGE, null, null, "skip", null,
            PagingSpec.DEFAULT_MAX_PAGES));
    assertThat(spec.endpoint("exports").orElseThrow().paging().nextUrlPath()).isEqualTo("nextRecordsUrl");
    assertThat(spec.endpoint("commits").orElseThrow().paging().type()).isEqualTo(Type.LINK_HEADER);
    assertThat(spec.endpoint("me").orElseThrow().paging()).isEqualTo(PagingSpec.NONE);
    assertThat(spec.needsSecret()).isTrue();
  }

  @Test
  void specsAreSerializable() throws Exception {
    ConnectorSpec spec = ConnectorLoader.parse(FULL, "full.yaml");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(spec);
    }
    Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertThat(copy).isEqualTo(spec);
    assertThat(((ConnectorSpec) copy).endpointNames()).containsExactlyElementsOf(spec.endpointNames());
  }

  @Test
  void specsAreImmutable() throws Exception {
    ConnectorSpec spec = ConnectorLoader.parse(FULL, "full.yaml");
    assertThatThrownBy(() -> spec.endpoints().clear()).isInstanceOf(UnsupportedOperationException.class);
    EndpointSpec deals = spec.endpoint("deals").orElseThrow();
    ((com.fasterxml.jackson.databind.node.ObjectNode) deals.schema()).put("type", "array");
    assertThat(deals.schema().get("type").asText()).isEqualTo("object");
  }

  @Test
  void reportsEveryErrorAtOnceWithFieldPaths() {
    SpecException e = rejected("""
        name: Bad-Name
        base_url: "https://api.example.com"
        auth: { type: oauth3 }
        endpoints:
          tickets:
            path: tickets
            records: tickets
            pagin: { type: page_number }
          contacts:
            path: /contacts
            records: results
            paging: { type: body_cursor, cursor_param: after }
        """);
    assertThat(e.errors()).extracting(FieldError::toString).containsExactlyInAnyOrder(
        "name: invalid connector name 'Bad-Name' (expected [a-z][a-z0-9_]*)",
        "auth.type: unknown auth type 'oauth3' (expected one of none, bearer, api_key, basic, oauth2)",
        "endpoints.tickets.path: must start with '/'",
        "endpoints.tickets.pagin: unknown field (did you mean 'paging'?)",
        "endpoints.contacts.paging.cursor_path: required");
    assertThat(e.source()).isEqualTo("test.yaml");
    assertThat(e.getMessage()).startsWith("invalid test.yaml:\n  - ");
  }

  @Test
  void rejectsBadSpecsNamingTheField() {
    List<String[]> cases = List.of(
        bad(MINIMAL.replace("name: demo\n", ""), "name: required"),
        bad(MINIMAL.replace("name: demo", "name: 9lives"),
            "name: invalid connector name '9lives' (expected [a-z][a-z0-9_]*)"),
        bad(MINIMAL.replace("name: demo", "name: demo\ndescripton: x"),
            "descripton: unknown field (did you mean 'description'?)"),
        bad(MINIMAL.replace("https://api.example.com", "ftp://files.example.com"),
            "base_url: must resolve to an http(s) URL, got 'ftp://files.example.com'"),
        bad(MINIMAL.replace("https://api.example.com", "https://{{ vars.host }}"),
            "base_url: 'vars.host' cannot be used here: vars may only be used in endpoint paths, params, headers and bodies"),
        bad(MINIMAL.replace("{ type: bearer, token: \"{{ credentials.token }}\" }",
                "{ type: bearer, token: \"{{ credentials.api_token }}\" }"),
            "auth.token: unknown variable 'credentials.api_token' (declared credentials: token)"),
        bad(MINIMAL.replace("{ type: bearer, token: \"{{ credentials.token }}\" }", "{ type: bearer }"),
            "auth.token: required"),
        bad(MINIMAL.replace("{ type: bearer, token: \"{{ credentials.token }}\" }",
                "{ type: bearer, token: \"{{ credentials.token }}\", basic: { username: u } }"),
            "auth.basic: not used by auth type 'bearer'"),
        bad(MINIMAL.replace("{ type: bearer, token: \"{{ credentials.token }}\" }",
                "{ type: api_key, api_key: { in: cookie, name: k, value: \"{{ credentials.token }}\" } }"),
            "auth.api_key.in: must be header or query, got 'cookie'"),
        bad(MINIMAL.replace("{ type: bearer, token: \"{{ credentials.token }}\" }", "{ type: basic }"),
            "auth.basic: required"),
        bad(MINIMAL.replace("records: tickets", "records: tickets\n    params: { key: \"{{ credentials.token }}\" }"),
            "endpoints.tickets.params.key: 'credentials.token' cannot be used here: credentials may only be used "
                + "under auth"),
        bad(MINIMAL.replace("records: tickets", "records: tickets\n    params: { sort: \"{{ config.sort_by }}\" }"),
            "endpoints.tickets.params.sort: unknown variable 'config.sort_by' (declared config keys: none)"),
        bad(MINIMAL.replace("path: /tickets", "path: \"/t/{{ config.x\""),
            "endpoints.tickets.path: unclosed '{{' at offset 3 in template \"/t/{{ config.x\""),
        bad(MINIMAL.replace("    records: tickets\n", ""), "endpoints.tickets.records: required"),
        bad(MINIMAL.replace("records: tickets", "records: data..items"),
            "endpoints.tickets.records: invalid JSON path 'data..items' (expected '$' for the root or dotted keys "
                + "such as 'data.items' or '$.results')"),
        bad(MINIMAL.replace("  tickets:", "  Tickets:"),
            "endpoints.Tickets: invalid endpoint name (expected [a-z][a-z0-9_]*)"),
        bad(MINIMAL.substring(0, MINIMAL.indexOf("endpoints:")) + "endpoints: {}\n",
            "endpoints: must declare at least one endpoint"),
        bad(MINIMAL.substring(0, MINIMAL.indexOf("endpoints:")), "endpoints: required"),
        bad(MINIMAL.replace("records: tickets", "records: tickets\n    primary_key: [idd]\n"
                + "    schema: { type: object, properties: { id: { type: integer } } }"),
            "endpoints.tickets.primary_key: field 'idd' is not in schema.properties"),
        bad(MINIMAL.replace("records: tickets", "records: tickets\n    schema: { type: array }"),
            "endpoints.tickets.schema.type: must be 'object' (the schema of one record)"),
        bad(MINIMAL + "paging: { type: cursor }\n",
            "paging.type: unknown paging type 'cursor' (expected one of page_number, body_cursor, link_header, "
                + "offset, next_url, graphql, none)"),
        bad(MINIMAL + "paging: { type: page_number, cursor_path: next }\n",
            "paging.cursor_path: not used by paging type 'page_number'"),
        bad(MINIMAL + "paging: { type: page_number, page_size: 0 }\n",
            "paging.page_size: must be an integer between 1 and 100000"),
        bad(MINIMAL + "paging: { type: offset, stop: never }\n",
            "paging.stop: unknown stop rule 'never' (expected one of empty_page, short_page)"),
        bad(MINIMAL + "paging: { type: link_header, max_pages: 0 }\n",
            "paging.max_pages: must be an integer between 1 and 2147483647"),
        bad(MINIMAL + "paging: { type: next_url }\n", "paging.next_url_path: required"),
        bad(MINIMAL + "paging: { type: body_cursor, cursor_path: $, cursor_param: c }\n",
            "paging.cursor_path: must name a field, not the root '$'"),
        bad(MINIMAL.replace("records: tickets", "records: tickets\n    paging: { type: body_cursor, "
                + "cursor_path: next, cursor_param: after, pge_size: 5 }"),
            "endpoints.tickets.paging.pge_size: unknown field (did you mean 'page_size'?)"),
        bad(MINIMAL + "config: { x: { required: yes-please } }\n", "config.x.required: must be true or false"),
        bad(MINIMAL + "config: { x: { secret: true } }\n", "config.x.secret: unknown field"),
        bad(MINIMAL + "headers: { Accept: [a, b] }\n", "headers.Accept: must be a string, number or boolean"),
        bad(MINIMAL + "headers: { \"Bad Header\": x }\n", "headers.Bad Header: not a valid header name"),
        bad(MINIMAL.replace("credentials:\n  token: { label: Token }", "credentials:\n  token: { label: [x] }"),
            "credentials.token.label: must be a string"));
    assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
    for (String[] c : cases) {
      SpecException e = rejected(c[0]);
      assertThat(e.errors()).extracting(FieldError::toString).as("errors of:\n%s", c[0]).contains(c[1]);
    }
  }

  @Test
  void readsWhereTheApiStatesTheTotal() throws Exception {
    ConnectorSpec header = ConnectorLoader.parse(
        MINIMAL.replace("records: tickets", "records: tickets\n    total: { header: X-Total-Count }"), "h.yaml");
    ConnectorSpec path = ConnectorLoader.parse(
        MINIMAL.replace("records: tickets", "records: tickets\n    total: { path: meta.total }"), "p.yaml");

    assertThat(header.endpoints().get("tickets").statedTotal()).contains(TotalSpec.header("X-Total-Count"));
    assertThat(path.endpoints().get("tickets").statedTotal()).contains(TotalSpec.path("meta.total"));
    assertThat(ConnectorLoader.parse(MINIMAL, "m.yaml").endpoints().get("tickets").statedTotal()).isEmpty();
  }

  @Test
  void rejectsATotalWithoutExactlyOneSource() {
    assertThat(rejected(MINIMAL.replace("records: tickets", "records: tickets\n    total: X-Total-Count")).errors())
        .extracting(FieldError::toString)
        .contains("endpoints.tickets.total: must be a mapping {header: <name>} or {path: <JSON path>}");
    assertThat(rejected(MINIMAL.replace("records: tickets",
        "records: tickets\n    total: { header: X-Total, path: total }")).errors())
        .extracting(FieldError::toString).contains("endpoints.tickets.total: needs exactly one of header and path");
    assertThat(rejected(MINIMAL.replace("records: tickets", "records: tickets\n    total: { heder: X-Total }"))
        .errors()).extracting(FieldError::toString).anyMatch(e -> e.startsWith("endpoints.tickets.total.heder"));
  }

  @Test
  void readsAndChecksDeletionEndpoints() throws Exception {
    String keyed = MINIMAL.replace("records: tickets", "records: tickets\n    primary_key: [id]");
    ConnectorSpec spec = ConnectorLoader.parse(keyed + """
          deleted_tickets:
            path: /events
            records: events
            deletes: { endpoint: tickets, key: [data.object.id] }
          archived_tickets:
            path: /tickets
            records: tickets
            deletes: { endpoint: tickets }
        """, "d.yaml");
    assertThat(spec.endpoints().get("deleted_tickets").deletions())
        .contains(new DeletesSpec("tickets", List.of("data.object.id")));
    assertThat(spec.endpoints().get("archived_tickets").deletes().keyPaths(List.of("id"))).containsExactly("id");
    assertThat(spec.endpoints().get("tickets").deletions()).isEmpty();

    assertThat(rejected(keyed + """
          gone:
            path: /gone
            records: gone
            deletes: { endpoint: nope }
        """).errors()).extracting(FieldError::toString)
        .containsExactly("endpoints.gone.deletes.endpoint: unknown endpoint 'nope' (known: tickets, gone)");
    assertThat(rejected(MINIMAL + """
          gone:
            path: /gone
            records: gone
            deletes: { endpoint: tickets }
        """).errors()).extracting(FieldError::toString)
        .containsExactly("endpoints.gone.deletes.endpoint: endpoint 'tickets' declares no primary_key, so its rows "
            + "cannot be deleted by key");
    assertThat(rejected(keyed + """
          gone:
            path: /gone
            records: gone
            deletes: { endpoint: tickets, key: [a, b] }
        """).errors()).extracting(FieldError::toString)
        .containsExactly("endpoints.gone.deletes.key: needs one JSON path per primary-key column of 'tickets' [id], "
            + "got [a, b]");
    assertThat(rejected(keyed + """
          gone:
            path: /gone
            records: gone
            deletes: tickets
        """).errors()).extracting(FieldError::toString)
        .containsExactly("endpoints.gone.deletes: must be a mapping {endpoint: <name>, key: [<JSON path>, ...]}");
  }

  @Test
  void inheritedPagingErrorsAreReportedOnceAtTheDefault() {
    SpecException e = rejected(MINIMAL.replace("records: tickets", "records: tickets\n    paging: { page_size: 5 }")
        + "paging: { type: body_cursor, cursor_path: next, cursor_param: after, stop: empty_page }\n");
    assertThat(e.errors()).extracting(FieldError::toString)
        .containsExactly("paging.stop: not used by paging type 'body_cursor'");
  }

  @Test
  void endpointOverrideMissingARequiredOptionIsReportedAtTheEndpoint() {
    SpecException e = rejected(MINIMAL.replace("records: tickets",
        "records: tickets\n    paging: { type: body_cursor, cursor_path: next }")
        + "paging: { type: page_number }\n");
    assertThat(e.errors()).extracting(FieldError::toString)
        .containsExactly("endpoints.tickets.paging.cursor_param: required");
  }

  @Test
  void rejectsAliasBombs() {
    String bomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """;
    assertThat(rejected(bomb).errors()).extracting(FieldError::toString).containsExactly(
        "line 2, column 8: YAML aliases (*name) are not supported in Ingest definitions; write the value out");
  }

  @Test
  void rejectsAnySingleAliasBecauseJacksonWouldNotExpandIt() {
    SpecException e = rejected(MINIMAL + "x: &t /tickets\ny: *t\n");
    assertThat(e.getMessage()).contains("line 11, column 4: YAML aliases (*name) are not supported");
  }

  @Test
  void rejectsNonUtf8Input() {
    byte[] latin1 = "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    SpecException e = catchThrowableOfType(SpecException.class, () -> ConnectorLoader.parse(latin1, "latin1.yaml"));
    assertThat(e.getMessage()).isEqualTo(
        "invalid latin1.yaml:\n  - not valid UTF-8: invalid byte 0xE9 at offset 9; save the file as UTF-8");

    byte[] utf16 = "name: x\n".getBytes(StandardCharsets.UTF_16);
    assertThatThrownBy(() -> ConnectorLoader.parse(utf16, "utf16.yaml"))
        .hasMessageContaining("not UTF-8: the file is UTF-16 encoded; save it as UTF-8");
  }

  @Test
  void acceptsAUtf8ByteOrderMark() throws Exception {
    byte[] text = MINIMAL.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[text.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, withBom, 3, text.length);
    assertThat(ConnectorLoader.parse(withBom, "bom.yaml").name()).isEqualTo("demo");
  }

  @Test
  void rejectsDeepNestingHugeFilesSeveralDocumentsAndDuplicateKeys() {
    assertThat(rejected("x: " + "[".repeat(60) + "]".repeat(60) + "\n").getMessage())
        .contains("nesting deeper than 40 levels");
    byte[] huge = ("# " + "x".repeat(SafeYaml.MAX_BYTES) + "\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ConnectorLoader.parse(huge, "huge.yaml")).hasMessageContaining("larger than 2097152");
    assertThat(rejected(MINIMAL + "---\nname: other\n").getMessage()).contains("expected one YAML document");
    assertThat(rejected(MINIMAL + "name: again\n").getMessage()).contains("Duplicate field 'name'");
  }

  @Test
  void reportsSyntaxErrorsWithTheirLine() {
    assertThat(rejected("name: demo\nbase_url: [unclosed\n").getMessage())
        .contains("YAML syntax error").contains("line");
    assertThat(rejected("").getMessage()).contains("the file is empty");
    assertThat(rejected("- a\n- b\n").getMessage()).contains("a connector file must be a YAML mapping");
  }

  @Test
  void loadsAUserFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("my.yaml");
    Files.writeString(file, MINIMAL);
    assertThat(ConnectorLoader.load(file).name()).isEqualTo("demo");
    assertThatThrownBy(() -> ConnectorLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("nope.yaml")
        .hasMessageContaining("file not found");
  }

  private static String[] bad(String yaml, String expected) {
    return new String[] {yaml, expected};
  }

  private static SpecException rejected(String yaml) {
    return catchThrowableOfType(SpecException.class, () -> ConnectorLoader.parse(yaml, "test.yaml"));
  }
}
