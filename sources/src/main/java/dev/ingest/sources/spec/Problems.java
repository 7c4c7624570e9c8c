package dev.ingest.sources.spec;

import dev.ingest.sources.template.Namespace;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What parsing one connector file found: field errors (deduplicated, in order) and the templates to check. */
final class Problems {
  private final Set<FieldError> errors = new LinkedHashSet<>();
  private final List<TemplateUse> templates = new ArrayList<>();

  /** A template string found at {@code path}, which may reference the {@code allowed} namespaces. */
  record TemplateUse(String path, String text, Set<Namespace> allowed) {}

  void add(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  void template(String path, String text, Namespace first, Namespace... rest) {
    if (text != null) {
      templates.add(new TemplateUse(path, text, EnumSet.of(first, rest)));
    }
  }

  List<TemplateUse> templates() {
    return templates;
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  void throwIfAny(String source) throws SpecException {
    if (!errors.isEmpty()) {
      throw new SpecException(source, List.copyOf(errors));
    }
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
