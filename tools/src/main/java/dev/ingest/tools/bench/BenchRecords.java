package dev.ingest.tools.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The benchmark's records, about 1 KB of JSON each and a pure function of their index: string ids and labels, a
 * description of 600–700 characters, an integer, a double, a boolean, a nested object, a list of strings and two
 * ISO-8601 instants. Ids are {@code rec_00000001..}, so a table can be checked against exactly what was served.
 */
final class BenchRecords {
  private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
  private static final String[] WORDS = {"invoice", "settled", "customer", "renewal", "quarterly", "shipment",
      "refund", "ledger", "account", "priority", "review", "escalated", "portal", "contract", "region", "billing",
      "payment", "support", "upgrade", "catalogue", "warehouse", "dispatch", "approved", "pending"};
  private static final String[] STATUSES = {"open", "pending", "settled", "refunded", "archived"};
  private static final String[] TIERS = {"free", "starter", "growth", "enterprise"};
  private static final String[] TAGS = {"vip", "eu", "us", "apac", "trial", "annual", "monthly", "partner",
      "churn-risk", "upsell"};

  private BenchRecords() {}

  /** The id of record {@code index} (0-based). */
  static String id(long index) {
    return String.format("rec_%08d", index + 1);
  }

  /** Writes record {@code index} as one JSON object. */
  static void write(JsonGenerator json, long index) throws IOException {
    SplittableRandom random = new SplittableRandom(0x5EEDL * 31 + index);
    Instant created = EPOCH.plusSeconds(index * 10 + random.nextInt(5));
    json.writeStartObject();
    json.writeStringField("id", id(index));
    json.writeStringField("status", STATUSES[random.nextInt(STATUSES.length)]);
    json.writeStringField("title", words(random, 6));
    json.writeStringField("description", description(random));
    json.writeNumberField("quantity", random.nextInt(1, 10_000));
    json.writeNumberField("amount", Math.round(random.nextDouble(1, 100_000) * 100) / 100.0);
    json.writeBooleanField("paid", random.nextBoolean());
    json.writeObjectFieldStart("customer");
    json.writeStringField("id", String.format("cus_%06d", random.nextInt(1_000_000)));
    json.writeStringField("name", words(random, 2));
    json.writeStringField("tier", TIERS[random.nextInt(TIERS.length)]);
    json.writeNumberField("seats", random.nextInt(1, 500));
    json.writeEndObject();
    json.writeArrayFieldStart("tags");
    int tags = 1 + random.nextInt(4);
    for (int i = 0; i < tags; i++) {
      json.writeString(TAGS[random.nextInt(TAGS.length)]);
    }
    json.writeEndArray();
    json.writeStringField("created_at", created.toString());
    json.writeStringField("updated_at", created.plusSeconds(5 + random.nextInt(5)).plusMillis(random.nextInt(1000))
        .toString());
    json.writeEndObject();
  }

  /** Whole words up to a length drawn from 600..700 characters. */
  private static String description(SplittableRandom random) {
    int target = 601 + random.nextInt(88);
    StringBuilder text = new StringBuilder(710);
    while (text.length() < target) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(text.length() % 7 == 0 ? ". " : " ");
    }
    return text.toString().trim();
  }

  private static String words(SplittableRandom random, int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }
}
