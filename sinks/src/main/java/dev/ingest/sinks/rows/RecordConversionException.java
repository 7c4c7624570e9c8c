package dev.ingest.sinks.rows;

/**
 * A record that cannot become a row at all: invalid JSON, a JSON value that is not an object, or a record
 * lacking a value for a required column. The job routes such records to a dead-letter table; values that merely
 * misfit a column never raise this (they go to {@code _ingest_extra}).
 */
public class RecordConversionException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying what is wrong with the record. */
  public RecordConversionException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the parser's exception. */
  public RecordConversionException(String message, Throwable cause) {
    super(message, cause);
  }
}
