/**
 * The control-plane database (PostgreSQL, or embedded H2; schema by Flyway): pipelines with versioned writes and
 * their deployment handles, and run history. Depends on the plain values of {@code dev.ingest.control.model} only.
 */
package dev.ingest.control.store;
