package dev.ingest.control.deploy;

/** A deployment step failed; the message names the pipeline and the cause (never a secret value). */
public final class DeployException extends Exception {
  private static final long serialVersionUID = 1L;

  public DeployException(String message) {
    super(message);
  }

  public DeployException(String message, Throwable cause) {
    super(message, cause);
  }
}
