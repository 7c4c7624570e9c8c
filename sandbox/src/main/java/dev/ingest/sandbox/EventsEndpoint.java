package dev.ingest.sandbox;

/**
 * Stripe-like list {@code GET /v1/events?offset=N&limit=M}: offset pagination, {@code limit} default 10 (as Stripe),
 * body {@code {"object":"list","url":"/v1/events","has_more":bool,"data":[..]}}. About 1 KB per record: the
 * resource the throughput benchmark reads.
 */
final class EventsEndpoint extends ResourceEndpoint {
  static final String PATH = "/v1/events";

  EventsEndpoint(RecordGenerator generator, int size, int maxPageSize) {
    super(generator, size, maxPageSize);
  }

  @Override
  String path() {
    return PATH;
  }

  @Override
  SandboxResponse page(SandboxRequest request, PageVariant variant) throws BadRequestException {
    RecordWindow window = window(request);
    int limit = pageSize(request, "limit", 10);
    long offset = request.intParam("offset", 0, 0);
    long start = window.from() + offset;
    boolean hasMore = switch (variant) {
      case NORMAL -> start + limit < window.to();
      case EMPTY -> start < window.to();
      case REPEAT_CURSOR -> true;
    };
    return SandboxResponse.json(200, Json.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("object", "list");
      json.writeStringField("url", PATH);
      json.writeBooleanField("has_more", hasMore);
      json.writeArrayFieldStart("data");
      if (variant != PageVariant.EMPTY) {
        writeRecords(json, window, start, start + limit);
      }
      json.writeEndArray();
      json.writeEndObject();
    }));
  }

  @Override
  SandboxResponse error(int status, String detail) {
    return SandboxResponse.json(status, Json.bytes(json -> {
      json.writeStartObject();
      json.writeObjectFieldStart("error");
      json.writeStringField("type", status == 429 ? "rate_limit_error"
          : status == 401 ? "authentication_error" : status >= 500 ? "api_error" : "invalid_request_error");
      json.writeStringField("message", detail);
      json.writeEndObject();
      json.writeEndObject();
    }));
  }
}
