/**
 * Alerts: webhook (plain JSON or Slack-compatible) and e-mail (SMTP) notifications when a run fails, a
 * credential is rejected, or a pipeline goes stale (no successful run within a multiple of its schedule
 * interval). Settings come from {@code $INGEST_HOME/config.yaml} ({@link AlertSettings}) and per pipeline from the
 * control API ({@link AlertRules}); {@link AlertDetector} decides (pure), {@link Alerter} dedupes through the
 * store and hands deliveries to {@link AlertDispatcher}, which retries on its own thread with bounded waits.
 */
package dev.ingest.control.alerts;
