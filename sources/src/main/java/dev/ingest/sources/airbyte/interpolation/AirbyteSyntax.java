package dev.ingest.sources.airbyte.interpolation;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;

/**
 * Jinjava's expression syntax with {@code +} and {@code -} routed through {@link DatetimeArithmetic} and {@code %}
 * with Python's sign rule. Public with a
 * features constructor because the EL factory instantiates its tree builder by class name.
 */
public final class AirbyteSyntax extends ExtendedSyntaxBuilder {

  private static final long serialVersionUID = 1L;

  /** Python's {@code %} on numbers: the sign of the divisor ({@code -7 % 3} is 2), where Java's follows the dividend. */
  private static final AstBinary.Operator FLOOR_MOD = new AstBinary.SimpleOperator() {
    @Override
    protected Object apply(TypeConverter converter, Object a, Object b) {
      boolean integral = (a instanceof Long || a instanceof Integer) && (b instanceof Long || b instanceof Integer);
      if (integral) {
        return Math.floorMod(((Number) a).longValue(), ((Number) b).longValue());
      }
      if (a instanceof Number && b instanceof Number) {
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return x - y * Math.floor(x / y);
      }
      return NumberOperations.mod(converter, a, b);
    }

    @Override
    public String toString() {
      return "%";
    }
  };

  /** The builder the expression factory creates. */
  public AirbyteSyntax() {
    super();
  }

  /** The builder the expression factory creates, with EL features. */
  public AirbyteSyntax(Feature... features) {
    super(features);
  }

  @Override
  protected Parser createParser(String expression) {
    return new ExtendedParser(this, expression) {
      @Override
      protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
        if (operator == AdditionOperator.OP) {
          return super.createAstBinary(left, right, DatetimeArithmetic.PLUS);
        }
        if (operator == AstBinary.SUB) {
          return super.createAstBinary(left, right, DatetimeArithmetic.MINUS);
        }
        if (operator == AstBinary.MOD) {
          return super.createAstBinary(left, right, FLOOR_MOD);
        }
        return super.createAstBinary(left, right, operator);
      }
    };
  }
}
