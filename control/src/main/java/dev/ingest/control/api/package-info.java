/**
 * The control API: JSON over HTTP behind a bearer token, serving pipeline CRUD with versioned writes, deployment
 * actions, health, run history, tables, connectors, credentials and the dashboard; routes are checked against
 * {@code openapi.yaml}.
 */
package dev.ingest.control.api;
