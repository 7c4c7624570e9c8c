package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.http.ApiRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Airbyte's {@code SessionTokenAuthenticator}: logs in with {@code login_requester} (an {@code HttpRequester}, with
 * its own authenticator), takes the token at {@code session_token_path} of the answer, and sends it as
 * {@code request_authentication} says: {@code ApiKey} (into the header or query parameter of its
 * {@code inject_into}, rendered from {@code api_token}, by default {@code {{ session_token }}}) or {@code Bearer}.
 * The token is shared by the credential's fetchers in the JVM and fetched again after {@code expiration_duration}
 * (ISO 8601; none: until the API rejects it), or once after a 401/403.
 */
final class SessionToken implements Authenticator {
  private static final ConcurrentMap<String, State> SHARED = new ConcurrentHashMap<>();

  /** The shared token of one login. */
  private static final class State {
    private String token;
    private Instant expiresAt;
    private int logins;
  }

  private final Component auth;
  private final Templates templates;
  private final EvalContext context;
  private final AuthSetup setup;
  private final ApiRequest login;
  private final Authenticator loginAuth;
  private final List<String> tokenPath = new ArrayList<>();
  private final Duration expiration;
  private final State state;
  private String lastSent;

  SessionToken(Component auth, Templates templates, EvalContext context, AuthSetup setup) {
    this.auth = auth;
    this.templates = templates;
    this.context = context;
    this.setup = setup;
    Component requester = auth.child("login_requester");
    if (requester == null) {
      throw auth.refuse("login_requester is required");
    }
    this.login = new StreamRequests(requester, templates, setup.urlBaseOverride())
        .request(context, DefaultPaginator.of(null, templates), null, List.of());
    this.loginAuth = ManifestAuthenticators.create(requester.child("authenticator"), templates, context, setup);
    auth.field("session_token_path").forEach(step -> tokenPath.add(step.asText()));
    if (tokenPath.isEmpty()) {
      throw auth.refuse("session_token_path is required");
    }
    String duration = templates.text(auth, "expiration_duration", context, "");
    try {
      this.expiration = duration.isEmpty() ? null : Duration.parse(duration);
    } catch (DateTimeParseException e) {
      throw auth.refuse("expiration_duration '" + duration + "' is not an ISO 8601 duration (PT1H, P1D)");
    }
    Component how = auth.child("request_authentication");
    if (how == null || !(how.type().equals("ApiKey") || how.type().equals("Bearer"))) {
      throw auth.refuse("request_authentication must be of type ApiKey or Bearer");
    }
    this.state = SHARED.computeIfAbsent(setup.key("session", login.method(), login.url()), k -> new State());
  }

  @Override
  public ApiRequest apply(ApiRequest request) throws EndpointException, InterruptedException {
    lastSent = token(null);
    Component how = auth.child("request_authentication");
    if (how.type().equals("Bearer")) {
      return request.withHeader("Authorization", "Bearer " + lastSent).withSensitiveHeader("Authorization");
    }
    EvalContext withToken = context.withVariable("session_token", lastSent);
    String value = how.has("api_token") ? templates.text(how, "api_token", withToken, "") : lastSent;
    Component option = how.child("inject_into");
    String name = option == null ? null : templates.text(option, "field_name", withToken, null);
    if (name == null) {
      throw how.refuse("inject_into.field_name is required");
    }
    return switch (option.text("inject_into", "")) {
      case "header" -> request.withHeader(name, value).withSensitiveHeader(name);
      case "request_parameter" -> request.withParam(name, value).withSensitiveParam(name);
      default -> throw option.refuse("inject_into '" + option.text("inject_into", "") + "' is not supported for a "
          + "session token (header or request_parameter)");
    };
  }

  private String token(String rejected) throws EndpointException, InterruptedException {
    synchronized (state) {
      Instant now = setup.clock().instant();
      boolean stale = state.token == null || (state.expiresAt != null && !now.isBefore(state.expiresAt))
          || (rejected != null && rejected.equals(state.token));
      if (stale) {
        state.logins++;
        JsonNode body;
        try {
          body = setup.executor().execute(login, loginAuth).body();
        } catch (EndpointException e) {
          throw new EndpointException(e.errorClass() == ErrorClass.CLIENT_ERROR ? ErrorClass.AUTH_FAILED
              : e.errorClass(), e.httpStatus(), auth.path() + ": session login failed: " + e.getMessage(), null,
              e.stats());
        }
        JsonNode value = body;
        for (String step : tokenPath) {
          value = value.path(step);
        }
        if (!value.isValueNode() || value.asText("").isEmpty()) {
          throw new EndpointException(ErrorClass.AUTH_FAILED, auth.path() + ": the login answer has no session "
              + "token at " + String.join(".", tokenPath));
        }
        state.token = value.asText();
        state.expiresAt = expiration == null ? null : now.plus(expiration);
      }
      return state.token;
    }
  }

  @Override
  public boolean refreshAfterRejection() throws EndpointException, InterruptedException {
    return !token(lastSent).equals(lastSent);
  }

  /** Logins made for this credential in this JVM (tests). */
  int logins() {
    synchronized (state) {
      return state.logins;
    }
  }

  @Override
  public Set<String> secretValues() {
    Set<String> values = new java.util.HashSet<>(loginAuth.secretValues());
    synchronized (state) {
      if (state.token != null) {
        values.add(state.token);
      }
    }
    return Set.copyOf(values);
  }

  @Override
  public String toString() {
    return "SessionToken{" + auth.path() + ", login " + login.method() + " " + login.redactedUrl() + "}";
  }
}
