package dev.ingest.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsListTest {
  @TempDir Path dir;
  ApiFixture fx;

  static String pipeline(String name, String secret) {
    return "{\"name\":\"" + name + "\",\"connector\":\"sandbox\",\"config\":{\"base_url\":\"http://127.0.0.1:9\"},"
        + "\"credentials\":{\"secret\":\"" + secret + "\"},\"endpoints\":[\"tickets\"],\"schedule\":\"*/15 * * * *\"}";
  }

  @BeforeEach
  void start() throws Exception {
    fx = new ApiFixture(dir);
    for (String[] p : new String[][] {{"billing", "shared-token"}, {"support", "shared-token"}, {"crm", "crm-token"}}) {
      assertThat(fx.call("POST", "/api/pipelines", pipeline(p[0], p[1])).statusCode()).isEqualTo(201);
    }
    fx.secrets.write("shared-token", Map.of("token", "sbx_original_value"));
    fx.secrets.write("orphan", Map.of("token", "sbx_unused_value"));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void listsEverySecretWithThePipelinesUsingItAndNoValue() throws Exception {
    HttpResponse<String> response = fx.get("/api/credentials");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ApiFixture.json(response).toString()).isEqualTo("{\"credentials\":["
        + "{\"name\":\"crm-token\",\"stored\":false,\"pipelines\":[{\"pipeline\":\"crm\",\"role\":\"credentials\"}],"
        + "\"shared\":false},"
        + "{\"name\":\"orphan\",\"stored\":true,\"pipelines\":[],\"shared\":false},"
        + "{\"name\":\"shared-token\",\"stored\":true,\"pipelines\":[{\"pipeline\":\"billing\",\"role\":\"credentials\"},"
        + "{\"pipeline\":\"support\",\"role\":\"credentials\"}],\"shared\":true}]}");
    assertThat(response.body()).doesNotContain("sbx_original_value").doesNotContain("sbx_unused_value");
    // the control plane wrote its rate-lease token to the same store; it is not a credential and is not listed
    assertThat(fx.secrets.names()).contains(dev.ingest.sources.ratelimit.RateBudgetSettings.LEASE_TOKEN_SECRET);
  }

  @Test
  void replacingASharedCredentialIsRefusedUntilConfirmed() throws Exception {
    HttpResponse<String> refused = fx.call("PUT", "/api/pipelines/support/credentials",
        "{\"fields\":{\"token\":\"sbx_new_value\"}}");

    assertThat(refused.statusCode()).isEqualTo(409);
    JsonNode body = ApiFixture.json(refused);
    assertThat(body.get("error").asText()).isEqualTo("shared_credential");
    assertThat(body.get("pipelines").toString()).isEqualTo("[\"billing\"]");
    assertThat(body.get("message").asText()).startsWith("secret shared-token is also used by pipeline(s) billing");
    assertThat(refused.body()).doesNotContain("sbx_new_value");
    assertThat(fx.secrets.read("shared-token")).isEqualTo(Optional.of(Map.of("token", "sbx_original_value")));

    HttpResponse<String> named = fx.call("PUT", "/api/credentials/shared-token", "{\"fields\":{\"token\":\"sbx_x\"}}");
    assertThat(named.statusCode()).isEqualTo(409);
    assertThat(ApiFixture.json(named).get("pipelines").toString()).isEqualTo("[\"billing\",\"support\"]");

    assertThat(fx.call("PUT", "/api/pipelines/support/credentials?confirm_shared=true",
        "{\"fields\":{\"token\":\"sbx_new_value\"}}").statusCode()).isEqualTo(200);
    assertThat(fx.secrets.read("shared-token")).isEqualTo(Optional.of(Map.of("token", "sbx_new_value")));
  }

  @Test
  void aCredentialOnlyThisPipelineUsesIsWrittenWithoutAsking() throws Exception {
    assertThat(fx.call("PUT", "/api/pipelines/crm/credentials", "{\"fields\":{\"token\":\"sbx_crm\"}}").statusCode())
        .isEqualTo(200);
    assertThat(fx.call("PUT", "/api/credentials/crm-token", "{\"fields\":{\"token\":\"sbx_crm2\"}}").statusCode())
        .isEqualTo(200);
    assertThat(fx.secrets.read("crm-token")).isEqualTo(Optional.of(Map.of("token", "sbx_crm2")));
  }
}
