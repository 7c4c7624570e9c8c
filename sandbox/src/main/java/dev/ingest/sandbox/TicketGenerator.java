package dev.ingest.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;

/** Zendesk Support-like tickets: integer ids {@code 1..n}, a nullable priority, nested requester, tags, custom fields. */
final class TicketGenerator implements RecordGenerator {
  private static final long SALT = 0x71C4E7L;
  private static final String[] STATUSES = {"new", "open", "pending", "solved"};
  private static final String[] PRIORITIES = {"low", "normal", "high", "urgent"};
  private static final long REQUESTER_BASE_ID = 360_000_000_000L;

  @Override
  public String resource() {
    return "tickets";
  }

  @Override
  public int defaultSize() {
    return 4_000;
  }

  @Override
  public Instant updatedAt(int index) {
    return Synth.updatedAt(Synth.hash(SALT, index), index);
  }

  @Override
  public void write(JsonGenerator json, int index) throws IOException {
    long h = Synth.hash(SALT, index);
    String subject = Synth.pick(h, 1, Vocabulary.VERBS) + " " + Synth.pick(h, 2, Vocabulary.OBJECTS) + " "
        + Synth.pick(h, 3, Vocabulary.CONTEXTS);
    json.writeStartObject();
    json.writeNumberField("id", index + 1);
    json.writeStringField("subject", subject);
    json.writeStringField("description", subject + ".\n\nSteps: \"open the app\", then retry. Ticket #" + (index + 1));
    json.writeStringField("status", Synth.pick(h, 4, STATUSES));
    if (Synth.chance(h, 5, 25)) {
      json.writeNullField("priority");
    } else {
      json.writeStringField("priority", Synth.pick(h, 6, PRIORITIES));
    }
    writeRequester(json, h);
    writeTags(json, h);
    writeCustomFields(json, h);
    json.writeNumberField("satisfaction_score", Synth.pick(h, 7, 21) * 0.25);
    json.writeStringField("created_at", Synth.createdAt(h, index).toString());
    json.writeStringField("updated_at", Synth.updatedAt(h, index).toString());
    json.writeEndObject();
  }

  private static void writeRequester(JsonGenerator json, long h) throws IOException {
    int person = Synth.pick(h, 8, 5_000);
    long p = Synth.hash(SALT, -1 - person);
    String first = Synth.pick(p, 1, Vocabulary.FIRST_NAMES);
    String last = Synth.pick(p, 2, Vocabulary.LAST_NAMES);
    json.writeObjectFieldStart("requester");
    json.writeNumberField("id", REQUESTER_BASE_ID + person);
    json.writeStringField("name", first + " " + last);
    json.writeStringField("email", "user" + person + "@" + Synth.pick(p, 3, Vocabulary.DOMAINS));
    json.writeEndObject();
  }

  private static void writeTags(JsonGenerator json, long h) throws IOException {
    int count = Synth.pick(h, 9, 4);
    int start = Synth.pick(h, 10, Vocabulary.TAGS.length);
    json.writeArrayFieldStart("tags");
    for (int t = 0; t < count; t++) {
      json.writeString(Vocabulary.TAGS[(start + t) % Vocabulary.TAGS.length]);
    }
    json.writeEndArray();
  }

  private static void writeCustomFields(JsonGenerator json, long h) throws IOException {
    json.writeArrayFieldStart("custom_fields");
    json.writeStartObject();
    json.writeNumberField("id", 360_001_111);
    json.writeStringField("value", Synth.pick(h, 11, Vocabulary.CUSTOMER_TIERS));
    json.writeEndObject();
    json.writeStartObject();
    json.writeNumberField("id", 360_002_222);
    if (Synth.chance(h, 12, 30)) {
      json.writeNullField("value");
    } else {
      json.writeStringField("value", Synth.pick(h, 13, Vocabulary.REGIONS));
    }
    json.writeEndObject();
    json.writeEndArray();
  }
}
