/**
 * The {@code ./ingest} command line (picocli): one class per subcommand ({@code up}, {@code run}, {@code check},
 * {@code demo}, {@code secret}, {@code tables}, the exports and the harnesses), with one wording of failures.
 */
package dev.ingest.control.cli;
