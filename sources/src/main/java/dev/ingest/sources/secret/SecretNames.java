package dev.ingest.sources.secret;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Validation shared by the stores: secret names are references, field maps hold values. */
public final class SecretNames {
  /** What a pipeline's {@code credentials.secret} may contain; also valid as an AWS Secrets Manager name. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_./+=@-]{1,256}");

  private SecretNames() {}

  /** Returns {@code name} when it is a valid secret name, else throws naming the rule (never echoing a value). */
  public static String check(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("secret name must match " + NAME.pattern() + (name == null ? ", got none"
          : ", got " + name.length() + " characters that do not"));
    }
    return name;
  }

  /** A sorted copy of {@code fields}; null keys or values are rejected naming the field. */
  public static TreeMap<String, String> copyFields(String name, Map<String, String> fields) {
    Objects.requireNonNull(fields, () -> "fields of secret '" + name + "'");
    TreeMap<String, String> copy = new TreeMap<>();
    fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field name"),
        Objects.requireNonNull(v, () -> "value of field '" + k + "' of secret '" + name + "'")));
    return copy;
  }
}
