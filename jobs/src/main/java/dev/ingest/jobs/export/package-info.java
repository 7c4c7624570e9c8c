/**
 * What a pipeline's tables offer other tools: their list, dbt {@code sources.yml}, Snowflake
 * {@code CREATE ICEBERG TABLE} statements with SQL types, and table maintenance with the pipeline's settings.
 */
package dev.ingest.jobs.export;
