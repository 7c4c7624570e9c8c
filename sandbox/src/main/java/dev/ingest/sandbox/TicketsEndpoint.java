package dev.ingest.sandbox;

/**
 * Zendesk-like {@code GET /api/v2/tickets?page=N&per_page=M} (also {@code /api/v2/tickets.json}): page-number
 * pagination, 1-based, {@code per_page} default 100. Body {@code {"tickets":[..], "next_page": url|null,
 * "previous_page": url|null, "count": total, "page": N, "per_page": M}}; a page past the end has no tickets.
 */
final class TicketsEndpoint extends ResourceEndpoint {
  static final String PATH = "/api/v2/tickets";

  TicketsEndpoint(RecordGenerator generator, int size, int maxPageSize) {
    super(generator, size, maxPageSize);
  }

  @Override
  String path() {
    return PATH;
  }

  @Override
  boolean handles(String requestPath) {
    return PATH.equals(requestPath) || (PATH + ".json").equals(requestPath);
  }

  @Override
  SandboxResponse page(SandboxRequest request, PageVariant variant) throws BadRequestException {
    RecordWindow window = window(request);
    int perPage = pageSize(request, "per_page", 100);
    int page = request.intParam("page", 1, 1);
    long start = window.from() + (long) (page - 1) * perPage;
    boolean hasRecords = start < window.to();
    String next = switch (variant) {
      case NORMAL -> (long) page * perPage < window.count() ? url(request, page + 1, perPage) : null;
      case EMPTY -> hasRecords ? url(request, page, perPage) : null;
      case REPEAT_CURSOR -> url(request, page, perPage);
    };
    String previous = page > 1 ? url(request, page - 1, perPage) : null;
    return SandboxResponse.json(200, Json.bytes(json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("tickets");
      if (variant != PageVariant.EMPTY) {
        writeRecords(json, window, start, start + perPage);
      }
      json.writeEndArray();
      json.writeStringField("next_page", next);
      json.writeStringField("previous_page", previous);
      json.writeNumberField("count", window.count());
      json.writeNumberField("page", page);
      json.writeNumberField("per_page", perPage);
      json.writeEndObject();
    }));
  }

  private static String url(SandboxRequest request, int page, int perPage) throws BadRequestException {
    return request.origin() + PATH + "?page=" + page + "&per_page=" + perPage + request.carriedFilters();
  }

  @Override
  SandboxResponse error(int status, String detail) {
    return SandboxResponse.json(status, Json.bytes(json -> {
      json.writeStartObject();
      switch (status) {
        case 401 -> json.writeStringField("error", "Couldn't authenticate you");
        case 403 -> {
          json.writeStringField("error", "Forbidden");
          json.writeStringField("description", "You do not have access to this page. Please contact the account "
              + "owner of this help desk for further help.");
        }
        case 404 -> {
          json.writeStringField("error", "RecordNotFound");
          json.writeStringField("description", "Not found");
        }
        case 429 -> {
          json.writeStringField("error", "TooManyRequests");
          json.writeStringField("description", "You have exceeded the rate limit. Please wait and retry.");
        }
        default -> {
          json.writeStringField("error", status == 400 ? "InvalidParameter" : SandboxResponse.reason(status));
          json.writeStringField("description", detail);
        }
      }
      json.writeEndObject();
    }));
  }
}
