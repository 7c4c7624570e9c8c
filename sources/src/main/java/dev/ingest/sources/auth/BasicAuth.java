package dev.ingest.sources.auth;

import dev.ingest.sources.http.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** Sends {@code Authorization: Basic base64(username:password)} (RFC 7617, UTF-8). */
public final class BasicAuth implements Authenticator {
  private final String username;
  private final String password;
  private final String header;

  public BasicAuth(String username, String password) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
    this.header = "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public ApiRequest apply(ApiRequest request) {
    return request.withHeader("Authorization", header);
  }

  /** The user name and password (user names often are API keys, as in Mailchimp and Greenhouse v1). */
  @Override
  public Set<String> secretValues() {
    Set<String> values = new HashSet<>();
    values.add(username);
    values.add(password);
    values.add(header.substring("Basic ".length()));
    values.remove("");
    return Set.copyOf(values);
  }

  @Override
  public String toString() {
    return "BasicAuth{username=***, password=***}";
  }
}
