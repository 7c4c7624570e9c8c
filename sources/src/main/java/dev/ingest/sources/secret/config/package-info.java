/**
 * Chooses the secret store from settings (the {@code secrets:} section of the Ingest home's config or
 * {@code INGEST_SECRETS_*} variables): {@link dev.ingest.sources.secret.config.SecretStores}.
 */
package dev.ingest.sources.secret.config;
