package dev.ingest.sources.airbyte;

import dev.ingest.sources.airbyte.runtime.Interpolation;
import java.util.Map;

/** For tests that only load manifests: loading evaluates no template, so any evaluation fails the test. */
final class NoInterpolation implements Interpolation {
  private static final long serialVersionUID = 1L;

  @Override
  public Object evaluate(String template, Map<String, Object> context) {
    throw new AssertionError("loading must not evaluate templates: " + template);
  }

  @Override
  public boolean condition(String template, Map<String, Object> context) {
    throw new AssertionError("loading must not evaluate conditions: " + template);
  }
}
