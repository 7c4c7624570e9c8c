package dev.ingest.sources.airbyte.interpolation;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;

/**
 * Jinjava's expression syntax with {@code +} and {@code -} routed through {@link DatetimeArithmetic}. Public with a
 * features constructor because the EL factory instantiates its tree builder by class name.
 */
public final class AirbyteSyntax extends ExtendedSyntaxBuilder {

  private static final long serialVersionUID = 1L;

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
        return super.createAstBinary(left, right, operator);
      }
    };
  }
}
