package dev.ingest.sources.spec;

import dev.ingest.sources.template.Namespace;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateException;
import dev.ingest.sources.template.Variable;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks every template of a connector file: syntax, that each namespace is allowed where it is used
 * ({@code credentials.*} only under {@code auth}, {@code vars.*} only in endpoint paths, params and headers), and
 * that each {@code config.*} / {@code credentials.*} key is declared.
 */
final class TemplateChecker {
  private TemplateChecker() {}

  /**
   * @param credentialKeysAt the credential keys declared for a template at a path (each auth method has its own
   *     form)
   */
  static void check(Problems problems, Set<String> configKeys, Function<String, Set<String>> credentialKeysAt) {
    for (Problems.TemplateUse use : problems.templates()) {
      Template template;
      try {
        template = Template.parse(use.text());
      } catch (TemplateException e) {
        problems.add(use.path(), e.getMessage());
        continue;
      }
      for (Variable v : template.variables()) {
        if (!use.allowed().contains(v.namespace())) {
          problems.add(use.path(), "'" + v + "' cannot be used here: " + where(v.namespace()));
        } else if (v.namespace() == Namespace.CONFIG && !configKeys.contains(v.key())) {
          problems.add(use.path(), "unknown variable '" + v + "' (declared config keys: " + list(configKeys) + ")");
        } else if (v.namespace() == Namespace.CREDENTIALS
            && !credentialKeysAt.apply(use.path()).contains(v.key())) {
          problems.add(use.path(), "unknown variable '" + v + "' (declared credentials: "
              + list(credentialKeysAt.apply(use.path())) + ")");
        }
      }
    }
  }

  private static String where(Namespace ns) {
    return switch (ns) {
      case CREDENTIALS -> "credentials may only be used under auth";
      case VARS, PARENT -> ns.prefix() + " may only be used in endpoint paths, params, headers and bodies";
      case INCREMENTAL -> "incremental may only be used in endpoint params, headers and bodies";
      case CONFIG -> "config is not available here";
    };
  }

  private static String list(Set<String> keys) {
    return keys.isEmpty() ? "none" : String.join(", ", keys);
  }
}
