/**
 * The bundled fake provider API ({@link dev.ingest.sandbox.SandboxApi}): provider-shaped resources on a JDK HTTP
 * server on loopback, one per pagination style, generated deterministically per record, with bearer and OAuth
 * authentication, a rate limit and seeded fault injection ({@link dev.ingest.sandbox.FaultPlan}). The data source of
 * {@code ./ingest demo} and {@code up}, and the server the test suites fetch from. Depends on Jackson and the JDK
 * only; never in the job jar.
 */
package dev.ingest.sandbox;
