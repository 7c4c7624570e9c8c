package dev.ingest.control.store;

/** The store could not be reached or a statement failed; the message names the operation, never a secret. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
