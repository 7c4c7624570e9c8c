package dev.ingest.sources.spec;

import java.util.regex.Pattern;

/** Syntax checks shared by the parsers: names of connectors, endpoints and keys; HTTP header names. */
final class HeaderNames {
  /** Connector, endpoint, config and credential names. */
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  /** An RFC 9110 token (header names). */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private HeaderNames() {}

  static boolean isToken(String s) {
    return TOKEN.matcher(s).matches();
  }

  static boolean isName(String s) {
    return NAME.matcher(s).matches();
  }
}
