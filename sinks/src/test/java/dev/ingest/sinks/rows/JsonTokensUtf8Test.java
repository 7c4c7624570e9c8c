package dev.ingest.sinks.rows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTokensUtf8Test {

  @Test
  void encodesExactlyAsTheJdkDoesIncludingLoneSurrogates() {
    List<String> cases = List.of("", "plain ascii", "caf\u00e9", "\u20ac 5", "\ud83d\ude00 smile",
        "lone high \ud83d end", "lone low \ude00", "\ud83d", "high at end \ud83d", "\u07ff\u0800\uffff", "\u0000\u007f");
    for (String s : cases) {
      char[] padded = ("xy" + s + "z").toCharArray();
      assertThat(JsonTokens.utf8(padded, 2, s.length())).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void randomTextOfEveryRangeMatchesTheJdk() {
    Random random = new Random(7);
    for (int n = 0; n < 5_000; n++) {
      char[] chars = new char[random.nextInt(40)];
      for (int i = 0; i < chars.length; i++) {
        int kind = random.nextInt(5);
        chars[i] = (char) switch (kind) {
          case 0 -> random.nextInt(0x80);
          case 1 -> 0x80 + random.nextInt(0x780);
          case 2 -> 0xD800 + random.nextInt(0x800); // surrogates, paired or not
          default -> random.nextInt(0x10000);
        };
      }
      String s = new String(chars);
      assertThat(JsonTokens.utf8(chars, 0, chars.length)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aStringTokenBecomesTheUtf8OfItsDecodedText() throws Exception {
    byte[] json = "{\"a\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \u20ac\"}".getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = new JsonFactory().createParser(json)) {
      p.nextToken();
      p.nextToken();
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
      assertThat(JsonTokens.stringToken(p).toBytes()).isEqualTo("caf\u00e9 \ud83d\ude00 \"q\" \u20ac"
          .getBytes(StandardCharsets.UTF_8));
    }
  }
}
