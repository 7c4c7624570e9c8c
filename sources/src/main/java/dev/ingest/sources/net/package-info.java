/**
 * The network policy of a connector's requests, the guard against server-side request forgery: which addresses a host
 * may resolve to ({@link dev.ingest.sources.net.AddressPolicy}), re-checked right before every send by
 * {@link dev.ingest.sources.net.AddressCheckingTransport}.
 */
package dev.ingest.sources.net;
