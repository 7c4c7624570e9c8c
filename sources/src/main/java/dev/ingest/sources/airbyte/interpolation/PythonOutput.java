package dev.ingest.sources.airbyte.interpolation;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.mode.ExecutionMode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;

/**
 * Prints each {@code {{ expression }}} as Jinja2 does: Python's {@code str()} of the value ({@code True},
 * {@code {'a': 1}}, {@code 1.0}), where Jinjava would print Java's ({@code true}, {@code {a=1}}). A missing value
 * prints as nothing, as Jinja2's Undefined does. Installed on every render context by {@link #MODE}.
 */
final class PythonOutput implements ExpressionStrategy {

  private static final long serialVersionUID = 1L;

  /** The execution mode that installs this strategy (Jinjava's default mode otherwise). */
  static final ExecutionMode MODE = new ExecutionMode() {
    @Override
    public void prepareContext(Context context) {
      context.setExpressionStrategy(new PythonOutput());
      context.setDynamicVariableResolver(PythonOutput::undeclared);
    }
  };

  /** Names Jinja2 knows without a context entry (its literals, loop and macro helpers). */
  private static final java.util.Set<String> BUILTIN = java.util.Set.of(
      "none", "None", "null", "true", "false", "True", "False", "loop", "caller", "varargs", "kwargs");

  /**
   * Airbyte refuses a template naming a variable the context does not have ({@code record} outside a record
   * filter); Jinjava would print nothing. The error names the variable only.
   */
  private static Object undeclared(String name) {
    if (BUILTIN.contains(name) || name.startsWith("__")) {
      return null;
    }
    throw EvaluationScope.fail("undeclared variable '" + name + "' (not in this component's interpolation context)");
  }

  @Override
  public RenderedOutputNode interpretOutput(ExpressionToken master, JinjavaInterpreter interpreter) {
    Object value = interpreter.resolveELExpression(master.getExpr(), master.getLineNumber());
    return new RenderedOutputNode(value == null ? "" : PythonValues.str(value));
  }
}
