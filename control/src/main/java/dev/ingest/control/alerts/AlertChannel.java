package dev.ingest.control.alerts;

/** One place an alert goes: a webhook or a set of e-mail recipients. Implementations bound every network wait. */
public interface AlertChannel {
  /** What may be shown of the channel (no secret): {@code webhook https://host/… (json, id)}, {@code email to …}. */
  String label();

  /** Delivers one alert; throws when the receiver did not accept it (then the dispatcher may try again). */
  void send(Alert alert) throws Exception;
}
