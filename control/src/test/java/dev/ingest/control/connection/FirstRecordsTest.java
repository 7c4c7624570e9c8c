package dev.ingest.control.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.EndpointSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first record a connection test shows: fields the schema marks secret and credential values masked. */
class FirstRecordsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static EndpointSpec endpoint() throws Exception {
    return ConnectorLoader.parse("""
        name: users
        base_url: http://127.0.0.1:1
        endpoints:
          users:
            path: /users
            records: $
            schema:
              type: object
              properties:
                id: {type: integer}
                api_key: {type: string, secret: true}
                profile:
                  type: object
                  properties:
                    password: {type: string, airbyte_secret: true}
                    name: {type: string}
                sessions:
                  type: array
                  items: {type: object, properties: {token: {type: string, secret: true}, at: {type: string}}}
        """, "users.yaml").endpoints().get("users");
  }

  @Test
  void masksSchemaSecretFieldsAtAnyDepthAndCredentialValuesAnywhere() throws Exception {
    String record = """
        {"id": 7, "api_key": "k-123456", "note": "called with tok_SECRET_42 today",
         "profile": {"password": "hunter22", "name": "Ada"},
         "sessions": [{"token": "s-1", "at": "2026-01-01"}], "extra": null}""";

    assertThat(FirstRecords.redacted(record, endpoint(), Redactor.of(List.of("tok_SECRET_42"))))
        .isEqualTo(MAPPER.readTree("""
            {"id": 7, "api_key": "***", "note": "called with *** today",
             "profile": {"password": "***", "name": "Ada"},
             "sessions": [{"token": "***", "at": "2026-01-01"}], "extra": null}"""));
  }

  @Test
  void aRecordThatIsNotJsonIsShownAsMaskedText() throws Exception {
    assertThat(FirstRecords.redacted("not json tok_SECRET_42", endpoint(), Redactor.of(List.of("tok_SECRET_42")))
        .asText()).isEqualTo("not json ***");
  }
}
