/** The AWS Secrets Manager secret store and its provider. */
package dev.ingest.sources.secret.aws;
