/**
 * The request template language: {@code {{ namespace.key | filter }}} strings parsed once
 * ({@link dev.ingest.sources.template.Template}) and rendered with a
 * {@link dev.ingest.sources.template.TemplateContext}; errors name the template or variable, never a value.
 */
package dev.ingest.sources.template;
