package dev.ingest.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * GitHub-like {@code GET /repos/acme/widgets/issues?page=N&per_page=M}: Link-header pagination, {@code per_page}
 * default 30. Body: a root JSON array. Header {@code Link: <url>; rel="prev", <url>; rel="next", <url>;
 * rel="last", <url>; rel="first"}, with next/last only when there is a next page and prev/first only after page 1;
 * no header at all on a lone first page.
 */
final class IssuesEndpoint extends ResourceEndpoint {
  static final String PATH = "/repos/acme/widgets/issues";
  private static final String DOCS = "https://docs.github.com/rest";

  IssuesEndpoint(RecordGenerator generator, int size, int maxPageSize) {
    super(generator, size, maxPageSize);
  }

  @Override
  String path() {
    return PATH;
  }

  @Override
  SandboxResponse page(SandboxRequest request, PageVariant variant) throws BadRequestException {
    RecordWindow window = window(request);
    int perPage = pageSize(request, "per_page", 30);
    int page = request.intParam("page", 1, 1);
    long start = window.from() + (long) (page - 1) * perPage;
    int lastPage = Math.max(1, (int) ((window.count() + (long) perPage - 1) / perPage));
    Integer next = switch (variant) {
      case NORMAL -> page < lastPage ? page + 1 : null;
      case EMPTY -> start < window.to() ? page : null;
      case REPEAT_CURSOR -> page;
    };
    List<String> links = new ArrayList<>();
    if (page > 1) {
      links.add(link(request, page - 1, perPage, "prev"));
    }
    if (next != null) {
      links.add(link(request, next, perPage, "next"));
      links.add(link(request, lastPage, perPage, "last"));
    }
    if (page > 1) {
      links.add(link(request, 1, perPage, "first"));
    }
    SandboxResponse response = SandboxResponse.json(200, Json.bytes(json -> {
      json.writeStartArray();
      if (variant != PageVariant.EMPTY) {
        writeRecords(json, window, start, start + perPage);
      }
      json.writeEndArray();
    }));
    return links.isEmpty() ? response : response.header("Link", String.join(", ", links));
  }

  private static String link(SandboxRequest request, int page, int perPage, String rel) throws BadRequestException {
    return "<" + request.origin() + PATH + "?per_page=" + perPage + "&page=" + page + request.carriedFilters()
        + ">; rel=\"" + rel + "\"";
  }

  @Override
  SandboxResponse error(int status, String detail) {
    String message = switch (status) {
      case 401 -> "Bad credentials";
      case 403 -> "API rate limit exceeded for user ID 583231.";
      case 404 -> "Not Found";
      case 429 -> "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
      default -> status >= 500 ? "Server Error" : detail;
    };
    return SandboxResponse.json(status, Json.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("message", message);
      json.writeStringField("documentation_url", DOCS);
      json.writeStringField("status", Integer.toString(status));
      json.writeEndObject();
    }));
  }
}
