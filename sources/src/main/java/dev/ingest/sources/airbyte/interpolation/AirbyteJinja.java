package dev.ingest.sources.airbyte.interpolation;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.filter.Filter;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeBuilder;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ExpressionFactory;

/**
 * The configured Jinjava engine: Airbyte's macros and filters registered, {@link PythonResolver} first in the EL
 * chain, Python-style printing ({@link PythonOutput}), {@code +}/{@code -} on dates ({@link AirbyteSyntax}), and the
 * limits (output and string size, list and map size, render and macro depth, a node budget and a deadline per
 * evaluation). Jinjava's Jinja2-compatible options are on: filters bind as in Jinja2 ({@code -5 | abs} is 5),
 * {@code {{ -x }}} is a negation (only {@code {{-} trims whitespace), dict literal keys are expressions, a
 * {@code for} over a dict walks its keys, and null loop items are kept. No template can load another: {@code include}, {@code import}, {@code from} and {@code extends} are
 * disabled and the resource locator refuses every name; {@code range} is disabled as Airbyte disables it.
 */
final class AirbyteJinja {

  static final long MAX_OUTPUT_CHARS = 1_000_000;

  private static final ExpressionFactory FACTORY = expressionFactory();

  /**
   * Jinja2 refuses an unknown filter, test, function or tag when it compiles the template; Jinjava only warns. An
   * unknown property stays a warning: Jinja2's Undefined, which prints as nothing.
   */
  private static final Set<TemplateError.ErrorItem> UNKNOWN_NAMES = Set.of(
      TemplateError.ErrorItem.FILTER, TemplateError.ErrorItem.EXPRESSION_TEST, TemplateError.ErrorItem.FUNCTION,
      TemplateError.ErrorItem.TAG);

  private final Jinjava jinjava;

  AirbyteJinja() {
    CompositeELResolver resolvers = new CompositeELResolver();
    resolvers.add(new PythonResolver());
    resolvers.add(new ArrayELResolver(true));
    resolvers.add(new JinjavaListELResolver(true));
    resolvers.add(new TypeConvertingMapELResolver(true));
    resolvers.add(new JinjavaBeanELResolver(true));
    JinjavaConfig config = JinjavaConfig.newBuilder()
        .withElResolver(resolvers)
        .withExecutionMode(PythonOutput.MODE)
        .withLegacyOverrides(LegacyOverrides.newBuilder()
            .withUseNaturalOperatorPrecedence(true)
            .withParseWhitespaceControlStrictly(true)
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withKeepNullableLoopValues(true)
            .build())
        .withNestedInterpretationEnabled(false)
        .withMaxOutputSize(MAX_OUTPUT_CHARS)
        .withMaxStringLength(MAX_OUTPUT_CHARS)
        .withMaxListSize(100_000)
        .withMaxMapSize(100_000)
        .withMaxRenderDepth(5)
        .withEnableRecursiveMacroCalls(false)
        .withMaxMacroRecursionDepth(10)
        .withRangeLimit(1_000)
        .withTimeZone(ZoneOffset.UTC)
        .withLocale(Locale.ROOT)
        .withDisabled(Map.of(
            Context.Library.TAG, Set.of("include", "import", "from", "extends"),
            Context.Library.FUNCTION, Set.of(":range")))
        .withProcessors(JinjavaProcessors.newBuilder()
            .withNodePreProcessor((node, interpreter) -> EvaluationScope.step())
            .build())
        .build();
    this.jinjava = new Jinjava(config) {
      @Override
      public ExpressionFactory getExpressionFactory() {
        return FACTORY;
      }
    };
    jinjava.setResourceLocator((name, encoding, interpreter) -> {
      throw new IOException("templates cannot load other templates or files");
    });
    for (Method m : Macros.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", m.getName(), m));
      }
    }
    for (Filter filter : AirbyteFilters.all()) {
      jinjava.getGlobalContext().registerFilter(filter);
    }
  }

  private static ExpressionFactory expressionFactory() {
    Properties properties = new Properties();
    properties.setProperty(TreeBuilder.class.getName(), AirbyteSyntax.class.getName());
    return new ExpressionFactoryImpl(properties, new TruthyTypeConverter());
  }

  /**
   * Renders a template; a fatal template error becomes an {@link IllegalStateException} whose message is Jinjava's
   * (the caller redacts and wraps it).
   */
  String render(String template, Map<String, Object> bindings, EvaluationScope scope) {
    for (String filter : JinjaLiterals.filterNames(template)) {
      if (jinjava.getGlobalContext().getFilter(filter) == null) {
        throw new IllegalStateException("no filter named '" + filter + "'");
      }
    }
    RenderResult result = jinjava.renderForResult(JinjaLiterals.rewrite(template), bindings);
    if (scope.failure() != null) {
      throw new IllegalStateException(scope.failure());
    }
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL || UNKNOWN_NAMES.contains(error.getItem())) {
        throw new IllegalStateException(error.getMessage());
      }
    }
    return result.getOutput();
  }
}
