package dev.ingest.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * HubSpot CRM v3-like contacts: string ids {@code "1".."n"}, a {@code properties} bag of strings (company is
 * nullable), millisecond timestamps in camelCase fields.
 */
final class ContactGenerator implements RecordGenerator {
  private static final long SALT = 0xC0A7AC7L;
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Override
  public String resource() {
    return "contacts";
  }

  @Override
  public int defaultSize() {
    return 5_000;
  }

  @Override
  public Instant updatedAt(int index) {
    long h = Synth.hash(SALT, index);
    return Synth.updatedAt(h, index).plusMillis(Synth.pick(h, 21, 1000));
  }

  @Override
  public void write(JsonGenerator json, int index) throws IOException {
    long h = Synth.hash(SALT, index);
    String first = Synth.pick(h, 1, Vocabulary.FIRST_NAMES);
    String last = Synth.pick(h, 2, Vocabulary.LAST_NAMES);
    json.writeStartObject();
    json.writeStringField("id", Integer.toString(index + 1));
    json.writeObjectFieldStart("properties");
    json.writeStringField("email", emailLocalPart(first, last) + "." + (index + 1) + "@"
        + Synth.pick(h, 3, Vocabulary.DOMAINS));
    json.writeStringField("firstname", first);
    json.writeStringField("lastname", last);
    json.writeStringField("lifecyclestage", Synth.pick(h, 4, Vocabulary.LIFECYCLE_STAGES));
    if (Synth.chance(h, 5, 20)) {
      json.writeNullField("company");
    } else {
      json.writeStringField("company", Synth.pick(h, 6, Vocabulary.COMPANIES));
    }
    json.writeEndObject();
    json.writeStringField("createdAt", MILLIS.format(Synth.createdAt(h, index).plusMillis(Synth.pick(h, 20, 1000))));
    json.writeStringField("updatedAt", MILLIS.format(updatedAt(index)));
    json.writeBooleanField("archived", false);
    json.writeEndObject();
  }

  private static String emailLocalPart(String first, String last) {
    StringBuilder out = new StringBuilder();
    String ascii = Normalizer.normalize(first + "." + last, Normalizer.Form.NFD);
    for (char c : ascii.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || c == '.') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
