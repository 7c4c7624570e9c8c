package dev.ingest.sources.fetch;

/** Why an endpoint failed. Recorded in the runs table and surfaced by the control plane. */
public enum ErrorClass {
  /** 401/403 that a credential refresh did not cure: the user must fix the credential. */
  AUTH_FAILED,
  /** Rate limited beyond the retry budget. */
  RATE_LIMITED,
  /** 5xx beyond the retry budget. */
  SERVER_ERROR,
  /** Timeouts, connection resets, truncated bodies beyond the retry budget. */
  NETWORK,
  /**
   * The server's TLS certificate was refused (untrusted issuer, self-signed, expired, another host's name) or the
   * TLS handshake was rejected: never retried; the server's certificate (or the JVM's trust store) must change.
   */
  TLS,
  /**
   * The host resolved, at connection time, to an address the operator's network policy refuses (loopback,
   * link-local such as 169.254.169.254, private ranges): never retried.
   */
  ADDRESS_REFUSED,
  /** 404: the endpoint or parent object does not exist. */
  NOT_FOUND,
  /** Any other 4xx: the request is wrong (bad parameter, unsupported API version). */
  CLIENT_ERROR,
  /** The response could not be understood (not JSON, records path missing). */
  MALFORMED_RESPONSE,
  /** Pagination would loop (a repeated cursor) or exceeded the configured maximum number of pages. */
  PAGINATION,
  /** The connector or pipeline configuration cannot be applied (missing credential field, bad template). */
  CONFIG
}
