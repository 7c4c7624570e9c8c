package dev.ingest.control.api;

/** A deployer could not do what was asked; the API answers 502 with this message. */
public class DeployerException extends RuntimeException {
  public DeployerException(String message) {
    super(message);
  }

  public DeployerException(String message, Throwable cause) {
    super(message, cause);
  }
}
