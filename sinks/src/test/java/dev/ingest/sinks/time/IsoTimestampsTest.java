package dev.ingest.sinks.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {

  @Test
  void agreesWithJavaTimeOnRandomTimestamps() {
    Random random = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      long second = random.nextLong(-62_000_000_000L, 250_000_000_000L);
      int nanos = random.nextInt(1_000_000_000);
      ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(-18 * 4, 18 * 4 + 1)) * 15 * 60);
      OffsetDateTime t = Instant.ofEpochSecond(second, nanos).atOffset(offset);
      String text = t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

      long micros = IsoTimestamps.parseMicros(text, true);

      Instant instant = t.toInstant();
      assertThat(micros).as(text).isEqualTo(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000);
    }
  }

  @Test
  void acceptsCommonApiShapes() {
    long expected = Instant.parse("2024-01-02T03:04:05Z").getEpochSecond() * 1_000_000L;
    assertThat(IsoTimestamps.parseMicros("2024-01-02T03:04:05Z", true)).isEqualTo(expected);
    assertThat(IsoTimestamps.parseMicros("2024-01-02T03:04:05+00:00", true)).isEqualTo(expected);
    assertThat(IsoTimestamps.parseMicros("2024-01-02T03:04:05+0000", true)).isEqualTo(expected);
    assertThat(IsoTimestamps.parseMicros("2024-01-02T04:04:05+01", true)).isEqualTo(expected);
    assertThat(IsoTimestamps.parseMicros("2024-01-01T22:04:05-05:00", true)).isEqualTo(expected);
    assertThat(IsoTimestamps.parseMicros("2024-01-02 03:04:05Z", true)).isEqualTo(expected);
    assertThat(IsoTimestamps.parseMicros("2024-01-02T03:04:05", false)).isEqualTo(expected);
    assertThat(IsoTimestamps.parseMicros("2024-01-02T03:04:05.000001Z", true)).isEqualTo(expected + 1);
  }

  @Test
  void rejectsWhatIsNotATimestamp() {
    for (String bad :
        new String[] {"2024-01-02T03:04:05", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-01-02T24:00:00Z",
          "2024-01-02T03:04:05+19:00", "2024-01-02", "yesterday", ""}) {
      assertThatThrownBy(() -> IsoTimestamps.parseMicros(bad, true)).as(bad).isInstanceOf(DateTimeException.class);
    }
  }

  @Test
  void parsesDates() {
    assertThat(IsoTimestamps.parseEpochDay("1970-01-01")).isZero();
    assertThat(IsoTimestamps.parseEpochDay("2000-02-29")).isEqualTo((int) LocalDate.parse("2000-02-29").toEpochDay());
    assertThat(IsoTimestamps.parseEpochDay("1900-03-01")).isEqualTo((int) LocalDate.parse("1900-03-01").toEpochDay());
    assertThat(IsoTimestamps.parseEpochDay("0001-01-01")).isEqualTo((int) LocalDate.parse("0001-01-01").toEpochDay());
    assertThatThrownBy(() -> IsoTimestamps.parseEpochDay("1900-02-29")).isInstanceOf(DateTimeException.class);
  }
}
