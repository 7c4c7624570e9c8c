package dev.ingest.sources.net;

import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.HttpTransport;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-checks the {@link AddressPolicy} for every request, right before it is sent: the host is resolved again and
 * each of its addresses checked, so a name that resolved to a public address when the pipeline was validated and
 * resolves to 169.254.169.254 or a private range now (DNS rebinding) is refused with an
 * {@link AddressRefusedException} instead of being called.
 *
 * <p>The check and the connection resolve through the same JVM resolver and its cache
 * ({@code networkaddress.cache.ttl}, 30 s by default), so both see the same answer unless the cached entry
 * expires between the two; connections already open to an earlier, allowed address may be reused.
 */
public final class AddressCheckingTransport implements HttpTransport {
  private final HttpTransport delegate;
  private final AddressPolicy policy;

  public AddressCheckingTransport(HttpTransport delegate, AddressPolicy policy) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public ApiResponse send(ApiRequest request) throws IOException, InterruptedException {
    Optional<String> problem = policy.problem(request.uri().toString());
    if (problem.isPresent()) {
      throw new AddressRefusedException("refused at connection time: " + problem.get());
    }
    return delegate.send(request);
  }

  @Override
  public void close() {
    // the delegate is shared (one client per JVM): its owner closes it
  }

  @Override
  public String toString() {
    return "AddressCheckingTransport{" + policy + ", " + delegate + "}";
  }
}
