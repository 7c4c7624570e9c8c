package dev.ingest.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * HubSpot CRM v3-like {@code GET /crm/v3/objects/contacts?limit=M&after=TOKEN}: body-cursor pagination,
 * {@code limit} default 10. Body {@code {"results":[..], "paging":{"next":{"after":TOKEN,"link":url}}}}, with
 * {@code paging} absent on the last page. The token is opaque: unpadded base64url of {@code offset:<index>}.
 */
final class ContactsEndpoint extends ResourceEndpoint {
  static final String PATH = "/crm/v3/objects/contacts";
  /** The search route: {@code POST} with {@code limit}, {@code after} (and filters) in the JSON body. */
  static final String SEARCH_PATH = PATH + "/search";
  private static final String TOKEN_PREFIX = "offset:";

  ContactsEndpoint(RecordGenerator generator, int size, int maxPageSize) {
    super(generator, size, maxPageSize);
  }

  @Override
  String path() {
    return PATH;
  }

  @Override
  boolean handles(String requestPath) {
    return PATH.equals(requestPath) || SEARCH_PATH.equals(requestPath);
  }

  @Override
  String method(String requestPath) {
    return SEARCH_PATH.equals(requestPath) ? "POST" : "GET";
  }

  @Override
  SandboxResponse page(SandboxRequest request, PageVariant variant) throws BadRequestException {
    RecordWindow window = window(request);
    int limit = pageSize(request, "limit", 10);
    Optional<String> after = request.param("after");
    int start = Math.max(window.from(), after.isPresent() ? decode(after.get()) : 0);
    long end = Math.min((long) start + limit, window.to());
    String next = switch (variant) {
      case NORMAL -> end < window.to() ? encode((int) end) : null;
      case EMPTY -> start < window.to() ? encode(start) : null;
      case REPEAT_CURSOR -> after.orElse(encode(start));
    };
    String link = next == null ? null
        : request.origin() + PATH + "?limit=" + limit + "&after=" + next + request.carriedFilters();
    return SandboxResponse.json(200, Json.bytes(json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("results");
      if (variant != PageVariant.EMPTY) {
        writeRecords(json, window, start, end);
      }
      json.writeEndArray();
      if (next != null) {
        json.writeObjectFieldStart("paging");
        json.writeObjectFieldStart("next");
        json.writeStringField("after", next);
        json.writeStringField("link", link);
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndObject();
    }));
  }

  static String encode(int index) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((TOKEN_PREFIX + index).getBytes(StandardCharsets.US_ASCII));
  }

  static int decode(String token) throws BadRequestException {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      if (text.startsWith(TOKEN_PREFIX)) {
        int index = Integer.parseInt(text.substring(TOKEN_PREFIX.length()));
        if (index >= 0) {
          return index;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below (NumberFormatException is an IllegalArgumentException)
    }
    throw new BadRequestException("Invalid input: 'after' is not a valid paging token");
  }

  @Override
  SandboxResponse error(int status, String detail) {
    String category = switch (status) {
      case 400 -> "VALIDATION_ERROR";
      case 401 -> "INVALID_AUTHENTICATION";
      case 403 -> "MISSING_SCOPES";
      case 404 -> "OBJECT_NOT_FOUND";
      case 429 -> "RATE_LIMITS";
      default -> status < 500 ? "VALIDATION_ERROR" : "INTERNAL_ERROR";
    };
    String message = switch (status) {
      case 401 -> "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can "
          + "find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";
      case 403 -> "This app hasn't been granted all required scopes to make this call.";
      case 429 -> "You have reached your ten_secondly_rolling limit.";
      default -> detail;
    };
    return SandboxResponse.json(status, Json.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("status", "error");
      json.writeStringField("message", message);
      json.writeStringField("correlationId", UUID.randomUUID().toString());
      json.writeStringField("category", category);
      if (status == 429) {
        json.writeStringField("policyName", "TEN_SECONDLY_ROLLING");
      }
      json.writeEndObject();
    }));
  }
}
