/**
 * Authentication schemes: an {@link dev.ingest.sources.auth.Authenticator} turns a request into an authenticated one
 * (none, bearer, API key, basic, OAuth 2.0), built by {@link dev.ingest.sources.auth.Authenticators} from an
 * {@code AuthSpec}. OAuth 2.0 tokens live in one {@link dev.ingest.sources.auth.OAuth2Session} per credential inside
 * the JVM; rotated refresh tokens are written back through a {@link dev.ingest.sources.auth.SecretWriter}.
 */
package dev.ingest.sources.auth;
