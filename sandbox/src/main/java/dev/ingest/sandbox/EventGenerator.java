package dev.ingest.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;

/**
 * Stripe-like events of about 1 KB each (ids {@code evt_00000001..}), the payload of the throughput benchmark:
 * a nested {@code data.object} charge with a long description and metadata, a {@code request} block and an
 * {@code updated_at}.
 */
final class EventGenerator implements RecordGenerator {
  /** Approximate serialized size of one event, in bytes. */
  static final int TARGET_BYTES = 1_000;
  private static final long SALT = 0x5E7E47L;
  private static final String[] TYPES = {"charge.succeeded", "charge.refunded", "invoice.paid",
      "customer.updated", "payment_intent.created", "subscription.renewed"};
  private static final String[] CURRENCIES = {"usd", "eur", "gbp", "jpy", "cad"};

  @Override
  public String resource() {
    return "events";
  }

  @Override
  public int defaultSize() {
    return 2_000;
  }

  @Override
  public Instant updatedAt(int index) {
    return Synth.updatedAt(Synth.hash(SALT, index), index);
  }

  @Override
  public void write(JsonGenerator json, int index) throws IOException {
    long h = Synth.hash(SALT, index);
    json.writeStartObject();
    json.writeStringField("id", String.format("evt_%08d", index + 1));
    json.writeStringField("object", "event");
    json.writeStringField("type", Synth.pick(h, 1, TYPES));
    json.writeStringField("api_version", "2025-09-30");
    json.writeNumberField("created", Synth.createdAt(h, index).getEpochSecond());
    json.writeBooleanField("livemode", false);
    json.writeNumberField("pending_webhooks", Synth.pick(h, 2, 4));
    json.writeObjectFieldStart("data");
    json.writeObjectFieldStart("object");
    json.writeStringField("id", String.format("ch_%010d", Synth.pick(h, 3, 1_000_000_000)));
    json.writeStringField("object", "charge");
    json.writeNumberField("amount", 100 + Synth.pick(h, 4, 500_000));
    json.writeStringField("currency", Synth.pick(h, 5, CURRENCIES));
    json.writeBooleanField("captured", Synth.chance(h, 6, 90));
    json.writeStringField("customer", String.format("cus_%08d", Synth.pick(h, 7, 50_000)));
    json.writeStringField("description", description(h));
    json.writeObjectFieldStart("metadata");
    json.writeStringField("order_id", "ord_" + (index + 1));
    json.writeStringField("region", Synth.pick(h, 8, Vocabulary.REGIONS));
    json.writeStringField("tier", Synth.pick(h, 9, Vocabulary.CUSTOMER_TIERS));
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndObject();
    json.writeObjectFieldStart("request");
    json.writeStringField("id", String.format("req_%012d", h & 0xFFFF_FFFFFFL));
    json.writeStringField("idempotency_key", Long.toHexString(h) + "-" + (index + 1));
    json.writeEndObject();
    json.writeStringField("updated_at", updatedAt(index).toString());
    json.writeEndObject();
  }

  /** A deterministic sentence chain long enough to bring the event to about {@link #TARGET_BYTES}. */
  private static String description(long h) {
    StringBuilder text = new StringBuilder(640);
    int slot = 10;
    while (text.length() < 600) {
      text.append(Synth.pick(h, slot++, Vocabulary.VERBS)).append(' ')
          .append(Synth.pick(h, slot++, Vocabulary.OBJECTS)).append(' ')
          .append(Synth.pick(h, slot++, Vocabulary.CONTEXTS)).append(". ");
    }
    return text.toString().trim();
  }
}
