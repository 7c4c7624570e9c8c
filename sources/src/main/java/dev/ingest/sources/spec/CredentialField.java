package dev.ingest.sources.spec;

import java.io.Serializable;

/**
 * One field of a connector's credential form ({@code credentials.<key>} in YAML): what the CLI, API and dashboard
 * ask the user for. Values live in a secret store, never in the spec.
 *
 * @param key the field's name inside the secret, {@code [a-z][a-z0-9_]*}
 * @param secret whether the value is sensitive (masked in forms); defaults to true
 * @param label a short human label ("API token"); defaults to the key
 * @param help how to obtain the value; empty when not given
 * @param required whether the secret must contain this field; defaults to true
 */
public record CredentialField(String key, boolean secret, String label, String help, boolean required)
    implements Serializable {}
