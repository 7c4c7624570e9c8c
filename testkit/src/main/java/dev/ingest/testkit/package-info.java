/**
 * Test harnesses shared by the modules' test suites and never shipped in a runtime jar: {@link
 * dev.ingest.testkit.Requirement} (a missing test dependency fails in CI, skips locally with one line), {@link
 * dev.ingest.testkit.NodeTools} (npm-installed independent servers), {@link dev.ingest.testkit.ExternalServer} (a
 * child-process server on a loopback port).
 */
package dev.ingest.testkit;
