/**
 * The OAuth 2.0 authorization-code flow behind the dashboard's Connect button (RFC 6749 §4.1 with PKCE, RFC 7636):
 * {@link Pkce} makes the verifier and its S256 challenge, {@link PendingAuthorizations} holds each flow's single-use,
 * expiring {@code state} bound to the browser session, and {@link CodeExchange} trades the returned code for the
 * tokens at the provider's token endpoint. The routes are {@code dev.ingest.control.api.OAuthRoutes}.
 */
package dev.ingest.control.oauth;
