/**
 * Where credentials live: the {@link dev.ingest.sources.secret.SecretStore} interface, the serializable
 * {@link dev.ingest.sources.secret.SecretStoreProvider} that opens one on a task manager, and the embedded store (one
 * AES-256-GCM encrypted file with its key in a separate owner-only file). Other stores live in sub-packages.
 */
package dev.ingest.sources.secret;
