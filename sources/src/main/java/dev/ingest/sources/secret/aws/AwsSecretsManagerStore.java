package dev.ingest.sources.secret.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.sources.secret.SecretNames;
import dev.ingest.sources.secret.SecretStore;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Credentials in AWS Secrets Manager, one Secrets Manager secret per pipeline credential: the Ingest secret
 * {@code asana-prod} is the Secrets Manager secret {@code <prefix>asana-prod} (prefix {@code ingest/} by default),
 * whose {@code SecretString} is the JSON object of credential fields ({@code {"token": "…"}}).
 *
 * <p>Reads use {@code GetSecretValue} (a missing secret reads as empty); writes use {@code PutSecretValue}, which
 * adds a new version and moves {@code AWSCURRENT} to it, and {@code CreateSecret} when the secret does not exist
 * yet; deletes use {@code DeleteSecret} without a recovery window, so the name can be reused at once. Errors name
 * the secret and the AWS error code, never a value. {@link #names()} uses {@code ListSecrets} filtered by the prefix
 * (metadata only: it never reads a value). The store does not own the client: whoever built it closes it.
 */
public final class AwsSecretsManagerStore implements SecretStore {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> FIELDS = new TypeReference<>() {};
  /** Pages {@link #names()} reads at most (100 secrets each). */
  static final int MAX_LIST_PAGES = 1_000;

  private final SecretsManagerClient client;
  private final String prefix;

  /** A store over {@code client}; secret ids are {@code prefix + name}. */
  public AwsSecretsManagerStore(SecretsManagerClient client, String prefix) {
    this.client = Objects.requireNonNull(client, "client");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /** The Secrets Manager secret id of Ingest secret {@code name}. */
  public String secretId(String name) {
    return prefix + SecretNames.check(name);
  }

  @Override
  public Optional<Map<String, String>> read(String name) throws IOException {
    String id = secretId(name);
    GetSecretValueResponse response;
    try {
      response = client.getSecretValue(b -> b.secretId(id));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("read", name, id, e);
    }
    if (response.secretString() == null) {
      throw new IOException("secret '" + name + "' (" + id + ") holds binary data; Ingest expects a SecretString "
          + "with a JSON object of credential fields");
    }
    try {
      TreeMap<String, String> fields = MAPPER.readValue(response.secretString(), FIELDS);
      return Optional.of(Collections.unmodifiableMap(fields == null ? new TreeMap<>() : fields));
    } catch (JsonProcessingException e) {
      // never include the parser message: it may quote the value
      throw new IOException("secret '" + name + "' (" + id + ") is not a JSON object of {field: text value}");
    }
  }

  @Override
  public void write(String name, Map<String, String> fields) throws IOException {
    String id = secretId(name);
    String json = MAPPER.writeValueAsString(SecretNames.copyFields(name, fields));
    try {
      client.putSecretValue(b -> b.secretId(id).secretString(json));
    } catch (ResourceNotFoundException e) {
      create(name, id, json);
    } catch (SdkException e) {
      throw failure("write", name, id, e);
    }
  }

  private void create(String name, String id, String json) throws IOException {
    try {
      client.createSecret(b -> b.name(id).secretString(json).description("Ingest pipeline credential " + name));
    } catch (SdkException e) {
      throw failure("create", name, id, e);
    }
  }

  @Override
  public boolean delete(String name) throws IOException {
    String id = secretId(name);
    try {
      client.deleteSecret(b -> b.secretId(id).forceDeleteWithoutRecovery(true));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    } catch (SdkException e) {
      throw failure("delete", name, id, e);
    }
  }

  /**
   * The Ingest names of the secrets under the prefix: {@code ListSecrets} with a {@code name} filter (a
   * case-insensitive prefix match on the service side, so ids are checked again here), page by page, at most
   * {@value #MAX_LIST_PAGES} pages of 100. Ids that are not valid Ingest secret names are left out.
   */
  @Override
  public Set<String> names() throws IOException {
    Set<String> names = new TreeSet<>();
    String token = null;
    for (int page = 0; page < MAX_LIST_PAGES; page++) {
      String next = token;
      ListSecretsResponse response;
      try {
        response = client.listSecrets(b -> {
          b.maxResults(100).nextToken(next);
          if (!prefix.isEmpty()) {
            b.filters(f -> f.key(FilterNameStringType.NAME).values(prefix));
          }
        });
      } catch (SdkException e) {
        throw failure("list", prefix + "*", e);
      }
      response.secretList().forEach(entry -> {
        String id = entry.name();
        if (id != null && id.startsWith(prefix)
            && SecretNames.NAME.matcher(id.substring(prefix.length())).matches()) {
          names.add(id.substring(prefix.length()));
        }
      });
      token = response.nextToken();
      if (token == null || token.isEmpty()) {
        return Collections.unmodifiableSet(names);
      }
    }
    throw new IOException("cannot list secrets under '" + prefix + "' in AWS Secrets Manager: more than "
        + MAX_LIST_PAGES + " pages");
  }

  private static IOException failure(String action, String name, String id, SdkException e) {
    return new IOException("cannot " + action + " secret '" + name + "' (" + id + ") in AWS Secrets Manager: "
        + cause(e));
  }

  private static IOException failure(String action, String ids, SdkException e) {
    return new IOException("cannot " + action + " secrets " + ids + " in AWS Secrets Manager: " + cause(e));
  }

  private static String cause(SdkException e) {
    // the SDK's own message is left out: service messages may echo request content
    return e instanceof SecretsManagerException sm && sm.awsErrorDetails() != null
        ? sm.awsErrorDetails().errorCode() + " (HTTP " + sm.statusCode() + ")"
        : e.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "AwsSecretsManagerStore{prefix=" + prefix + "}";
  }
}
