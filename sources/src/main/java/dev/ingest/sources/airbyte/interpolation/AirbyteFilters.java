package dev.ingest.sources.airbyte.interpolation;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Airbyte's own filters ({@code airbyte_cdk/sources/declarative/interpolation/filters.py}): {@code hash},
 * {@code base64encode}, {@code base64decode}, {@code base64binascii_decode}, {@code string}, {@code regex_search},
 * {@code regex_replace}, {@code hmac}. Regular expressions are Java's, which agree with Python's {@code re} on the
 * syntax manifests use (classes, groups, anchors, escapes); {@code regex_replace} turns Python's {@code \1}
 * references into Java's. Two Jinja2 built-ins replace Jinjava's namesakes, which print differently: {@code tojson}
 * (sorted keys, {@code ", "} separators, HTML-safe escapes) and {@code urlencode} ({@code %20}, {@code /} kept).
 */
final class AirbyteFilters {

  private static final Map<String, String> HASHES = Map.of(
      "md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224", "sha256", "SHA-256", "sha384", "SHA-384",
      "sha512", "SHA-512");

  private AirbyteFilters() {}

  /** Every Airbyte filter, to register over Jinjava's built-ins of the same name ({@code string}). */
  static List<Filter> all() {
    return List.of(
        new Named("hash", AirbyteFilters::hash),
        new Named("base64encode", (v, a) -> Base64.getEncoder().encodeToString(text(v).getBytes(StandardCharsets.UTF_8))),
        new Named("base64decode", (v, a) -> new String(Base64.getDecoder().decode(text(v)), StandardCharsets.UTF_8)),
        // Airbyte's base64binascii_decode encodes (standard alphabet, ASCII), whatever its name says
        new Named("base64binascii_decode",
            (v, a) -> Base64.getEncoder().encodeToString(text(v).getBytes(StandardCharsets.US_ASCII))),
        new Named("string", (v, a) -> string(v)),
        new Named("regex_search", (v, a) -> regexSearch(text(v), arg(a, 0, "regex_search"))),
        new Named("regex_replace", (v, a) -> regexReplace(text(v), arg(a, 0, "regex_replace"), arg(a, 1, "regex_replace"))),
        new Named("hmac", AirbyteFilters::hmac),
        // Jinja2 built-ins whose Jinjava namesakes differ
        new Named("tojson", (v, a) -> PythonJson.htmlSafeSorted(v)),
        new Named("urlencode", (v, a) -> UrlQuoting.jinjaUrlencode(v)));
  }

  private static Object hash(Object value, Object[] args) {
    String type = args.length > 0 && args[0] != null ? PythonValues.str(args[0]) : "md5";
    String algorithm = HASHES.get(type);
    if (algorithm == null) {
      throw new IllegalArgumentException("No hashing function named " + type);
    }
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      digest.update(PythonValues.str(value).getBytes(StandardCharsets.UTF_8));
      if (args.length > 1 && args[1] != null && !PythonValues.str(args[1]).isEmpty()) {
        digest.update(PythonValues.str(args[1]).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is not available in this JVM", e);
    }
  }

  private static Object hmac(Object value, Object[] args) {
    String key = arg(args, 0, "hmac");
    String type = args.length > 1 && args[1] != null ? PythonValues.str(args[1]) : "sha256";
    if (!type.equals("sha256")) {
      throw new IllegalArgumentException("Hash type '" + type + "' is not allowed. Allowed types: sha256");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(PythonValues.str(value).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** A string stays; anything else becomes its JSON in triple quotes, so the result stays a string when typed. */
  private static Object string(Object value) {
    if (value instanceof String) {
      return value;
    }
    return "\"\"\"" + PythonJson.dumps(value) + "\"\"\"";
  }

  private static String regexSearch(String value, String regex) {
    Matcher m = Pattern.compile(regex).matcher(value);
    if (m.find() && m.groupCount() > 0) {
      return m.group(1) == null ? "None" : m.group(1);
    }
    return "";
  }

  private static String regexReplace(String value, String regex, String replacement) {
    String java = replacement.replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1").replaceAll("\\\\g<(\\d+)>", "\\$$1");
    return Pattern.compile(regex).matcher(value).replaceAll(java);
  }

  private static String text(Object value) {
    if (!(value instanceof String)) {
      throw new IllegalArgumentException("expected a string, got " + PythonMethods.typeName(value));
    }
    return (String) value;
  }

  private static String arg(Object[] args, int i, String filter) {
    if (args.length <= i || args[i] == null) {
      throw new IllegalArgumentException(filter + " needs argument " + (i + 1));
    }
    return PythonValues.str(args[i]);
  }

  /** One filter: a name and a function of the value and the positional arguments. */
  private static final class Named implements Filter {
    private final String name;
    private final BiFunction<Object, Object[], Object> function;

    Named(String name, BiFunction<Object, Object[], Object> function) {
      this.name = name;
      this.function = function;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      Object[] all = new Object[args.length + kwargs.size()];
      System.arraycopy(args, 0, all, 0, args.length);
      int i = args.length;
      for (Object value : kwargs.values()) {
        all[i++] = value;
      }
      return function.apply(var, all);
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      return function.apply(var, args);
    }
  }
}
