package dev.ingest.sources.secret.aws;

import dev.ingest.sources.testing.AwsJsonServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The Secrets Manager store against {@link FakeSecretsManager}, through the real AWS SDK v2 client. */
class AwsSecretsManagerStoreITCase {
  private static final String REGION = "eu-west-1";
  private static final String VALUE = "tok_CANARY_aws_77e1";

  private FakeSecretsManager fake;
  private SecretsManagerClient client;
  private AwsSecretsManagerStore store;

  @BeforeEach
  void start() throws IOException {
    fake = new FakeSecretsManager(REGION);
    client = SecretsManagerClient.builder()
        .region(Region.of(REGION))
        .endpointOverride(URI.create(fake.endpoint()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(FakeSecretsManager.ACCESS_KEY, FakeSecretsManager.SECRET_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
    store = new AwsSecretsManagerStore(client, "ingest/");
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  @Test
  void createsOnFirstWriteThenPutsNewVersionsAndReadsThemBack() throws IOException {
    assertThat(store.read("asana-prod")).isEmpty();
    store.write("asana-prod", Map.of("token", VALUE));
    assertThat(fake.secretString("ingest/asana-prod")).isEqualTo("{\"token\":\"" + VALUE + "\"}");
    assertThat(store.read("asana-prod")).contains(Map.of("token", VALUE));

    store.write("asana-prod", Map.of("token", "rotated"));
    assertThat(store.read("asana-prod")).contains(Map.of("token", "rotated"));
    assertThat(fake.calls()).extracting(AwsJsonServer.Call::operation).containsExactly(
        "GetSecretValue", "PutSecretValue", "CreateSecret", "GetSecretValue", "PutSecretValue", "GetSecretValue");
  }

  @Test
  void deletesWithoutRecoveryWindowSoTheNameIsFreeAgain() throws IOException {
    store.write("hubspot", Map.of("client_id", "a", "client_secret", "b"));
    assertThat(store.delete("hubspot")).isTrue();
    assertThat(store.delete("hubspot")).isFalse();
    assertThat(store.read("hubspot")).isEmpty();
    AwsJsonServer.Call delete = fake.calls().stream().filter(c -> c.operation().equals("DeleteSecret"))
        .findFirst().orElseThrow();
    assertThat(delete.body().get("ForceDeleteWithoutRecovery").asBoolean()).isTrue();
    store.write("hubspot", Map.of("client_id", "c"));
    assertThat(store.read("hubspot")).contains(Map.of("client_id", "c"));
  }

  @Test
  void namesListsTheSecretsUnderThePrefixAcrossPagesWithoutReadingValues() throws IOException {
    for (int i = 0; i < 205; i++) {
      store.write(String.format("s%03d", i), Map.of("token", VALUE));
    }
    client.createSecret(b -> b.name("other/s1").secretString("{}"));
    client.createSecret(b -> b.name("INGEST/upper").secretString("{}")); // the service's filter ignores case
    fake.calls().clear();

    java.util.Set<String> names = store.names();

    assertThat(names).hasSize(205).startsWith("s000", "s001").endsWith("s204").doesNotContain("upper", "s1");
    assertThat(fake.calls()).extracting(AwsJsonServer.Call::operation)
        .containsExactly("ListSecrets", "ListSecrets", "ListSecrets");
    assertThat(fake.calls().get(0).body().path("Filters").toString())
        .isEqualTo("[{\"Key\":\"name\",\"Values\":[\"ingest/\"]}]");
  }

  @Test
  void signsEveryRequestWithSigV4ForTheRegionAndService() throws IOException {
    store.write("s", Map.of("token", VALUE));
    store.read("s");
    assertThat(fake.calls()).isNotEmpty().allSatisfy(call -> assertThat(call.authorization())
        .startsWith("AWS4-HMAC-SHA256 Credential=" + FakeSecretsManager.ACCESS_KEY + "/")
        .contains("/" + REGION + "/secretsmanager/aws4_request")
        .contains("SignedHeaders=").containsPattern("Signature=[0-9a-f]{64}"));
  }

  @Test
  void serviceErrorsNameTheSecretAndTheErrorCodeNeverTheValue() throws IOException {
    store.write("locked", Map.of("token", VALUE));
    fake.failOn("ingest/locked", "AccessDeniedException");
    assertThatThrownBy(() -> store.read("locked"))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot read secret 'locked' (ingest/locked) in AWS Secrets Manager: AccessDeniedException "
            + "(HTTP 400)");
    assertThatThrownBy(() -> store.write("locked", Map.of("token", VALUE)))
        .hasMessageContaining("cannot write secret 'locked'").hasMessageNotContaining(VALUE);
  }

  @Test
  void rejectsASecretStringThatIsNotAFieldObjectWithoutQuotingIt() {
    client.createSecret(b -> b.name("ingest/raw").secretString(VALUE));
    assertThatThrownBy(() -> store.read("raw"))
        .hasMessage("secret 'raw' (ingest/raw) is not a JSON object of {field: text value}");
  }

  @Test
  void providerUsesTheDefaultCredentialChainAndTheEndpointOverride() throws Exception {
    FakeSecretsManager.withDefaultChainKeys(() -> {
      AwsSecretsManagerStoreProvider provider = new AwsSecretsManagerStoreProvider(REGION, fake.endpoint(), "team/");
      provider.open().write("demo", Map.of("token", VALUE));
      assertThat(fake.secretString("team/demo")).contains(VALUE);
      assertThat(provider.open()).isSameAs(provider.open());
      assertThat(provider.toString()).doesNotContain(FakeSecretsManager.ACCESS_KEY);
    });
  }
}
