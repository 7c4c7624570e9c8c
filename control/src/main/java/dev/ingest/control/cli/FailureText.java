package dev.ingest.control.cli;

import dev.ingest.sources.fetch.EndpointException;

/**
 * The one wording of an endpoint failure wherever the CLI reports it ({@code check}, the run summary, a run that
 * failed before its job started): the error class, then the message the HTTP runtime wrote, which names the
 * method, the URL (credentials masked), the cause and the attempts ({@code NETWORK: GET https://api.example.com/v1/
 * items?limit=50: ConnectException (gave up after 6 attempts)}). That message is redacted where it is made; this
 * class adds nothing from the request.
 */
final class FailureText {
  private FailureText() {}

  /** {@code CLASS: message}. */
  static String of(Object errorClass, String message) {
    return errorClass + ": " + (message == null || message.isBlank() ? "(no message)" : message);
  }

  /** The wording of {@code e}. */
  static String of(EndpointException e) {
    return of(e.errorClass(), e.getMessage());
  }
}
