package dev.ingest.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;

/**
 * GitHub-like issues of {@code acme/widgets}: 64-bit ids beyond the int range, {@code number} {@code 1..n}, a
 * nullable markdown body, labels and the author.
 */
final class IssueGenerator implements RecordGenerator {
  private static final long SALT = 0x155E5L;
  private static final long BASE_ID = 2_400_000_000L;
  private static final int USER_BASE_ID = 583_231;

  @Override
  public String resource() {
    return "issues";
  }

  @Override
  public int defaultSize() {
    return 3_000;
  }

  @Override
  public Instant updatedAt(int index) {
    return Synth.updatedAt(Synth.hash(SALT, index), index);
  }

  @Override
  public void write(JsonGenerator json, int index) throws IOException {
    long h = Synth.hash(SALT, index);
    long id = BASE_ID + index;
    int user = Synth.pick(h, 1, Vocabulary.LOGINS.length);
    json.writeStartObject();
    json.writeNumberField("id", id);
    json.writeStringField("node_id", "I_kwDO" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(id).array()));
    json.writeNumberField("number", index + 1);
    json.writeStringField("title", Synth.pick(h, 2, Vocabulary.VERBS) + " " + Synth.pick(h, 3, Vocabulary.OBJECTS));
    json.writeStringField("state", Synth.chance(h, 4, 60) ? "closed" : "open");
    json.writeObjectFieldStart("user");
    json.writeStringField("login", Vocabulary.LOGINS[user]);
    json.writeNumberField("id", USER_BASE_ID + user);
    json.writeEndObject();
    writeLabels(json, h);
    json.writeNumberField("comments", Synth.pick(h, 5, 41));
    if (Synth.chance(h, 6, 15)) {
      json.writeNullField("body");
    } else {
      json.writeStringField("body", "### Steps\n1. `widgets " + Synth.pick(h, 7, Vocabulary.OBJECTS) + "`\n2. See "
          + Synth.pick(h, 8, Vocabulary.CONTEXTS) + "\n\n> expected: it works");
    }
    json.writeStringField("created_at", Synth.createdAt(h, index).toString());
    json.writeStringField("updated_at", Synth.updatedAt(h, index).toString());
    json.writeEndObject();
  }

  private static void writeLabels(JsonGenerator json, long h) throws IOException {
    int count = Synth.pick(h, 9, 4);
    int start = Synth.pick(h, 10, Vocabulary.LABELS.length);
    json.writeArrayFieldStart("labels");
    for (int l = 0; l < count; l++) {
      String[] label = Vocabulary.LABELS[(start + l) % Vocabulary.LABELS.length];
      json.writeStartObject();
      json.writeStringField("name", label[0]);
      json.writeStringField("color", label[1]);
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
