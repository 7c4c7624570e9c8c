package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/** JSON and time helpers shared by the provider fakes. */
public final class Fakes {
  /** The instant record {@code i} of a fake was last changed: one hour apart from 2024-01-01. */
  public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fakes() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** An object from alternating keys and values (values: JsonNode, String, Number, Boolean, or null). */
  public static ObjectNode obj(Object... keyValues) {
    ObjectNode node = MAPPER.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.set((String) keyValues[i], MAPPER.valueToTree(keyValues[i + 1]));
    }
    return node;
  }

  /** An array of the given nodes. */
  public static ArrayNode arr(Collection<? extends JsonNode> nodes) {
    ArrayNode array = MAPPER.createArrayNode();
    nodes.forEach(array::add);
    return array;
  }

  /** An array of strings. */
  public static ArrayNode strings(String... values) {
    ArrayNode array = MAPPER.createArrayNode();
    for (String v : values) {
      array.add(v);
    }
    return array;
  }

  /** {@code hours} after {@link #EPOCH}. */
  public static Instant at(int hours) {
    return EPOCH.plus(hours, ChronoUnit.HOURS);
  }

  /** {@code hours} after {@link #EPOCH} as ISO-8601 UTC text. */
  public static String iso(int hours) {
    return at(hours).toString();
  }

  /** At most {@code size} elements of {@code list} from {@code offset}. */
  public static <T> List<T> slice(List<T> list, int offset, int size) {
    int from = Math.min(Math.max(0, offset), list.size());
    return list.subList(from, Math.min(list.size(), from + size));
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Updates the first two records of {@code list} with {@code update} (given a fresh hour offset after
   * {@code clock}) and moves them to the end, as a provider serving records in update order would; returns them.
   */
  public static List<JsonNode> touchFirstTwo(List<ObjectNode> list, int clock, BiConsumer<ObjectNode, Integer> update) {
    List<JsonNode> changed = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ObjectNode r = list.remove(0);
      update.accept(r, clock + i);
      list.add(r);
      changed.add(r);
    }
    return changed;
  }
}
