package dev.ingest.sources.retry;

import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.net.AddressRefusedException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Sorts the I/O failures of a request into the ones another attempt may cure and the permanent ones:
 *
 * <pre>
 *   AddressRefusedException                         ADDRESS_REFUSED  the network policy refused the host's address
 *   SSL failure caused by a CertificateException,   TLS              untrusted issuer, self-signed, expired,
 *     SSLPeerUnverifiedException, or a fatal                         another host's name; a server that refuses
 *     alert about certificates or protocol versions                  every protocol version we offer
 *   anything else (timeouts, resets, EOF during     retried as NETWORK
 *     the handshake, refused connections)
 * </pre>
 */
public final class TransportFailures {
  /** TLS alerts that come out the same on every attempt (RFC 8446 section 6.2). */
  private static final Set<String> PERMANENT_ALERTS = Set.of("bad_certificate", "unsupported_certificate",
      "certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca", "access_denied",
      "protocol_version", "insufficient_security", "handshake_failure", "certificate_required");

  private TransportFailures() {}

  /** A failure that must not be retried: its class and what to tell the user. */
  public record Permanent(ErrorClass errorClass, String reason) {}

  /** The permanent verdict on {@code failure}, or empty when it is transient and may be retried. */
  public static Optional<Permanent> permanent(IOException failure) {
    if (failure instanceof AddressRefusedException) {
      return Optional.of(new Permanent(ErrorClass.ADDRESS_REFUSED, failure.getMessage()));
    }
    if (!isSsl(failure)) {
      return Optional.empty();
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
        return Optional.of(new Permanent(ErrorClass.TLS, "TLS certificate refused: " + describe(t)));
      }
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("fatal alert") && PERMANENT_ALERTS.stream().anyMatch(message::contains)) {
        return Optional.of(new Permanent(ErrorClass.TLS, "TLS handshake refused by the server: " + describe(t)));
      }
    }
    return Optional.empty();
  }

  private static boolean isSsl(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
