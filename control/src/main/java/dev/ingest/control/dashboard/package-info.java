/**
 * The web dashboard: static HTML, CSS and JavaScript served from the classpath by the control API's own server.
 */
package dev.ingest.control.dashboard;
