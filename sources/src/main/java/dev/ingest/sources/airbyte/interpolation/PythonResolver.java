package dev.ingest.sources.airbyte.interpolation;

import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ext.AbstractCallableMethod;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;

/**
 * The first EL resolver in the chain: gives the values templates see Python's methods and attributes
 * ({@link PythonMethods}), and refuses every other method call and bean property, so a template reaches no Java
 * class, method or object beyond plain data (Jinjava's own filters, tests, macros and loop objects excepted).
 * Maps, lists and arrays keep Jinjava's item access (next resolvers in the chain).
 */
final class PythonResolver extends ELResolver {

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base == null || base instanceof Map || base instanceof List || base.getClass().isArray()) {
      return null;
    }
    context.setPropertyResolved(true);
    if (base instanceof String) {
      return charAt((String) base, String.valueOf(property));
    }
    Object attribute = PythonMethods.attribute(base, String.valueOf(property));
    if (attribute != PythonMethods.MISSING) {
      return attribute;
    }
    if (isJinjavaRuntime(base)) {
      context.setPropertyResolved(false);
    }
    return null;
  }

  /** {@code 'abc'[0]} and {@code 'abc'[-1]}; Jinjava passes the index as text. */
  private static Object charAt(String s, String index) {
    long i;
    try {
      i = Long.parseLong(index);
    } catch (NumberFormatException e) {
      return null;
    }
    i = i < 0 ? s.length() + i : i;
    return i < 0 || i >= s.length() ? null : String.valueOf(s.charAt((int) i));
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
    if (base == null) {
      return null;
    }
    if (isJinjavaRuntime(base)) {
      return null;
    }
    String name = String.valueOf(method);
    Object result;
    try {
      result = PythonMethods.invoke(base, name, params);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new UnsupportedCall(EvaluationScope.fail(name + "(): " + e.getMessage()).getMessage());
    }
    if (result == PythonMethods.MISSING) {
      throw new UnsupportedCall(EvaluationScope.fail(
          "'" + PythonMethods.typeName(base) + "' object has no method '" + name + "'").getMessage());
    }
    context.setPropertyResolved(true);
    return result;
  }

  /** Jinjava's own callables and loop helpers, which the next resolvers handle; never the interpreter itself. */
  private static boolean isJinjavaRuntime(Object base) {
    if (base instanceof JinjavaInterpreter || base instanceof Context || base instanceof JinjavaConfig) {
      throw new UnsupportedCall(EvaluationScope.fail("templates cannot reach the template engine").getMessage());
    }
    return base instanceof Filter || base instanceof ExpTest || base instanceof AbstractCallableMethod
        || base.getClass().getName().startsWith("com.hubspot.jinjava.util.ForLoop");
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    if (base != null && !(base instanceof Map) && !(base instanceof List)) {
      throw new UnsupportedCall(EvaluationScope.fail("templates cannot change values").getMessage());
    }
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return Collections.emptyIterator();
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }

  /** A call or access templates may not make; the message names the method and the value's Python type only. */
  static final class UnsupportedCall extends ELException {
    private static final long serialVersionUID = 1L;

    UnsupportedCall(String message) {
      super(message);
    }
  }
}
