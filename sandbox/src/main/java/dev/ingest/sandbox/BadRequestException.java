package dev.ingest.sandbox;

/** A malformed query parameter; answered with a 400 in the provider's error shape. */
final class BadRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message, null, false, false);
  }
}
