package dev.ingest.control.alerts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Sends an alert as a plain-text e-mail through the configured SMTP server (Jakarta Mail, Eclipse Angus). The
 * connect, read and write waits are bounded by the delivery timeout; the password is read from the secret store
 * at each send and never kept in the session's properties or in an error text.
 */
final class EmailChannel implements AlertChannel {
  private final SmtpSettings smtp;
  private final List<String> to;
  private final Duration timeout;
  private final Supplier<Optional<String>> password;

  EmailChannel(SmtpSettings smtp, List<String> to, Duration timeout, Supplier<Optional<String>> password) {
    this.smtp = Objects.requireNonNull(smtp, "smtp");
    this.to = List.copyOf(to);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.password = Objects.requireNonNull(password, "password");
  }

  @Override
  public String label() {
    return "email to " + String.join(", ", to);
  }

  @Override
  public void send(Alert alert) throws MessagingException {
    Session session = Session.getInstance(properties());
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(smtp.from()));
    for (String address : to) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
    }
    message.setSubject(AlertPayloads.subject(alert), StandardCharsets.UTF_8.name());
    message.setText(AlertPayloads.emailBody(alert), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(alert.at()));
    message.setHeader("X-Ingest-Alert", alert.kind().wire());
    try {
      if (smtp.username().isPresent()) {
        String secret = password.get().orElseThrow(() -> new MessagingException("the SMTP password secret '"
            + smtp.passwordSecret().orElse("") + "' is not in the secret store"));
        Transport.send(message, smtp.username().get(), secret);
      } else {
        Transport.send(message);
      }
    } catch (MessagingException e) {
      throw new MessagingException("SMTP " + smtp.host() + ":" + smtp.port() + " refused or failed: "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + firstLine(e.getMessage())));
    }
  }

  Properties properties() {
    Properties p = new Properties();
    String protocol = smtp.security().equals("ssl") ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocol);
    String prefix = "mail." + protocol + ".";
    p.put(prefix + "host", smtp.host());
    p.put(prefix + "port", Integer.toString(smtp.port()));
    p.put(prefix + "connectiontimeout", Long.toString(timeout.toMillis()));
    p.put(prefix + "timeout", Long.toString(timeout.toMillis()));
    p.put(prefix + "writetimeout", Long.toString(timeout.toMillis()));
    p.put(prefix + "auth", Boolean.toString(smtp.username().isPresent()));
    if (smtp.security().equals("starttls")) {
      p.put(prefix + "starttls.enable", "true");
      p.put(prefix + "starttls.required", "true");
    }
    if (smtp.security().equals("ssl")) {
      p.put(prefix + "ssl.enable", "true");
      p.put(prefix + "ssl.checkserveridentity", "true");
    }
    return p;
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}
