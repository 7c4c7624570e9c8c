package dev.ingest.sandbox;

/** How a page-shaping fault alters a normal page: not at all, no records, or the request's own cursor as next. */
enum PageVariant {
  NORMAL,
  EMPTY,
  REPEAT_CURSOR;

  static PageVariant of(Fault fault) {
    if (fault == null) {
      return NORMAL;
    }
    return switch (fault.kind()) {
      case EMPTY_PAGE -> EMPTY;
      case REPEAT_CURSOR -> REPEAT_CURSOR;
      default -> NORMAL;
    };
  }
}
