/**
 * Test harnesses shared by the modules' test suites and never shipped in a runtime jar: {@link
 * dev.ingest.testkit.Requirement} (a missing test dependency fails in CI, skips locally with one line), {@link
 * dev.ingest.testkit.NodeTools} (npm-installed independent servers), {@link dev.ingest.testkit.ExternalServer} (a
 * child-process server on a loopback port), {@link dev.ingest.testkit.FaultProxy} (a TCP proxy that resets, truncates,
 * stalls and slow-drips HTTP responses on real sockets and counts connections and requests), {@link
 * dev.ingest.testkit.PackageCycles} (fails on a cycle between a module's packages; ArchUnit).
 */
package dev.ingest.testkit;
