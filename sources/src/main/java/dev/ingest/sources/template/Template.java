package dev.ingest.sources.template;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string with {@code {{ namespace.key }}} placeholders, parsed once and rendered many times.
 *
 * <p>The whole syntax: {@code {{}}, optional spaces, a namespace ({@code config}, {@code credentials},
 * {@code vars}, {@code incremental} or {@code parent}), a dot, a key ({@code [A-Za-z0-9_]} segments separated by dots),
 * optionally a pipe and a {@link ValueFilter} ({@code | date: 'yyyy/MM/dd HH:mm'}, {@code | epoch_seconds}), optional
 * spaces, {@code }}}.
 * Everything else is literal text. Every {@code {{} must open a valid placeholder, so a typo fails at load time
 * rather than being sent to an API.
 *
 * <p>Rendering a variable that has no value throws a {@link TemplateException} naming the variable. Neither
 * {@link #toString()} nor any exception ever contains a rendered value.
 */
public final class Template implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern EXPRESSION =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)\\s*");

  private final String text;
  /** Literal strings and variables, in order. */
  private final List<Serializable> parts;

  private Template(String text, List<Serializable> parts) {
    this.text = text;
    this.parts = parts;
  }

  /**
   * Parses {@code text}.
   *
   * @throws TemplateException when a {@code {{} is not closed or does not hold {@code namespace.key}
   */
  public static Template parse(String text) {
    Objects.requireNonNull(text, "template text");
    List<Serializable> parts = new ArrayList<>();
    int pos = 0;
    while (pos < text.length()) {
      int open = text.indexOf("{{", pos);
      if (open < 0) {
        parts.add(text.substring(pos));
        break;
      }
      if (open > pos) {
        parts.add(text.substring(pos, open));
      }
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        throw new TemplateException("unclosed '{{' at offset " + open + " in template \"" + text + "\"");
      }
      String inner = text.substring(open + 2, close);
      int pipe = inner.indexOf('|');
      if (pipe < 0) {
        parts.add(variable(text, inner, open));
      } else {
        parts.add(new Filtered(variable(text, inner.substring(0, pipe), open), filter(text, inner.substring(pipe + 1))));
      }
      pos = close + 2;
    }
    return new Template(text, List.copyOf(parts));
  }

  private static Variable variable(String text, String inner, int offset) {
    Matcher m = EXPRESSION.matcher(inner);
    if (!m.matches()) {
      throw new TemplateException("invalid placeholder '{{" + inner + "}}' at offset " + offset + " in template \""
          + text + "\": expected {{ config.name }}, {{ credentials.name }}, {{ vars.name }}, "
          + "{{ incremental.since }} or {{ parent.field }}");
    }
    Namespace ns = Namespace.of(m.group(1)).orElseThrow(() -> new TemplateException(
        "unknown namespace '" + m.group(1) + "' in template \"" + text
            + "\" (expected one of config, credentials, vars, incremental, parent)"));
    return new Variable(ns, m.group(2));
  }

  private static ValueFilter filter(String text, String filter) {
    try {
      return ValueFilter.parse(filter);
    } catch (TemplateException e) {
      throw new TemplateException(e.getMessage() + " in template \"" + text + "\"");
    }
  }

  /** A placeholder whose value passes through a filter. */
  private record Filtered(Variable variable, ValueFilter filter) implements Serializable {}

  /** The template text as written. */
  public String text() {
    return text;
  }

  /** The variables referenced, in order of appearance (with repeats). */
  public List<Variable> variables() {
    List<Variable> vars = new ArrayList<>();
    for (Serializable part : parts) {
      if (part instanceof Variable v) {
        vars.add(v);
      } else if (part instanceof Filtered f) {
        vars.add(f.variable());
      }
    }
    return vars;
  }

  /** True when the template holds no placeholder. */
  public boolean isConstant() {
    return variables().isEmpty();
  }

  /** Renders with values inserted verbatim. */
  public String render(TemplateContext context) {
    return render(context, UnaryOperator.identity());
  }

  /**
   * Renders, passing each inserted value through {@code escape} (for instance URL path-segment encoding).
   *
   * @throws TemplateException naming the first variable without a value
   */
  public String render(TemplateContext context, UnaryOperator<String> escape) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (Serializable part : parts) {
      if (part instanceof Variable v) {
        out.append(escape.apply(lookup(context, v)));
      } else if (part instanceof Filtered f) {
        out.append(escape.apply(f.filter().apply(lookup(context, f.variable()), f.variable())));
      } else {
        out.append((String) part);
      }
    }
    return out.toString();
  }

  private static String lookup(TemplateContext context, Variable v) {
    return context.lookup(v).orElseThrow(() -> new TemplateException("unresolved template variable '" + v + "'", v));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Template t && t.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The template text (placeholders, never values). */
  @Override
  public String toString() {
    return text;
  }
}
