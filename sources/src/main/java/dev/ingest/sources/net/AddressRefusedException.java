package dev.ingest.sources.net;

import java.io.IOException;

/**
 * A request was not sent because its host resolves to an address the {@link AddressPolicy} refuses. An
 * {@code IOException} because the transport reports it, but a permanent one: the runtime never retries it.
 */
public final class AddressRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  public AddressRefusedException(String message) {
    super(message);
  }
}
