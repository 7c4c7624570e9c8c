package dev.ingest.sources.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks credential values in text that may reach a message, a log or the runs table (response excerpts, parser
 * messages, URLs). Values shorter than 3 characters are not masked (they would mask ordinary text); a connector's
 * secrets are never that short in practice.
 */
public final class Redactor {
  /** The replacement of a masked value. */
  public static final String MASK = "***";
  private static final Redactor NONE = new Redactor(List.of());

  private final List<String> needles;
  private final Set<String> secrets;

  private Redactor(Collection<String> secrets) {
    this.secrets = Set.copyOf(secrets.stream().filter(s -> s != null).toList());
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 3) {
        forms.add(secret);
        forms.add(UrlCodec.encodeQueryComponent(secret));
        forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
      }
    }
    this.needles = forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** A redactor masking {@code secrets} (plain, URL-encoded and base64 forms). */
  public static Redactor of(Collection<String> secrets) {
    return new Redactor(secrets);
  }

  /** A redactor masking these secrets and {@code more} (credentials obtained later, such as OAuth tokens). */
  public Redactor with(Collection<String> more) {
    if (secrets.containsAll(more)) {
      return this;
    }
    Set<String> all = new LinkedHashSet<>(secrets);
    all.addAll(more);
    return new Redactor(all);
  }

  /** A redactor that masks nothing. */
  public static Redactor none() {
    return NONE;
  }

  /** {@code text} with every secret replaced by {@link #MASK}. */
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String needle : needles) {
      if (out.contains(needle)) {
        out = out.replace(needle, MASK);
      }
    }
    return out;
  }

  /** The start of {@code body} as one line, masked, at most {@code max} characters. */
  public String excerpt(byte[] body, int max) {
    int take = Math.min(body.length, Math.max(max * 4, 4096));
    String text = new String(body, 0, take, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    String masked = mask(text);
    return masked.length() <= max ? masked : masked.substring(0, Math.max(0, max - 1)) + "…";
  }

  @Override
  public String toString() {
    return "Redactor{" + needles.size() + " forms}";
  }
}
