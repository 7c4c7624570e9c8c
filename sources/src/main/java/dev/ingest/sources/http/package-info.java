/**
 * HTTP as values and one transport: {@link dev.ingest.sources.http.ApiRequest},
 * {@link dev.ingest.sources.http.ApiResponse} and {@link dev.ingest.sources.http.Headers}; the
 * {@link dev.ingest.sources.http.HttpTransport} interface (one attempt per send, no retries) and its Apache HttpClient
 * 5 implementation with its body reader and whole-exchange deadline; URL encoding; and the
 * {@link dev.ingest.sources.http.Redactor} that masks credential values in messages.
 */
package dev.ingest.sources.http;
