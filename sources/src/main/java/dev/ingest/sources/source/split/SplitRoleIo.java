package dev.ingest.sources.source.split;

import dev.ingest.sources.fetch.PageCursor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The binary form of a {@link SplitRole} inside {@link ApiSplitSerializer} version 3 and later. */
final class SplitRoleIo {
  private SplitRoleIo() {}

  static void write(DataOutput out, SplitRole role) throws IOException {
    out.writeByte(kindCode(role.kind()));
    DataIo.writeNullableString(out, role.key());
    out.writeInt(role.parents().size());
    for (Map<String, String> parent : role.parents()) {
      DataIo.writeStringMap(out, parent);
    }
    DataIo.writeNullableString(out, role.nextParents().map(PageCursor::encode).orElse(null));
    DataIo.writeNullableString(out, role.errorClass());
    DataIo.writeNullableString(out, role.errorMessage());
  }

  static SplitRole read(DataInput in) throws IOException {
    SplitRole.Kind kind = kind(in.readByte());
    String key = DataIo.readNullableString(in);
    int count = DataIo.readCount(in);
    List<Map<String, String>> parents = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      parents.add(DataIo.readStringMap(in));
    }
    Optional<PageCursor> next = Optional.ofNullable(DataIo.readNullableString(in)).map(PageCursor::decode);
    String errorClass = DataIo.readNullableString(in);
    String errorMessage = DataIo.readNullableString(in);
    try {
      return new SplitRole(kind, key, parents, next, errorClass, errorMessage);
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt ApiSplit role: " + e.getMessage(), e);
    }
  }

  // Explicit codes, not ordinals: reordering the enum must not change what old checkpoints mean.
  private static int kindCode(SplitRole.Kind kind) {
    return switch (kind) {
      case WHOLE -> 0;
      case PARENTS -> 1;
      case CHILD -> 2;
      case SUMMARY -> 3;
    };
  }

  private static SplitRole.Kind kind(int code) throws IOException {
    return switch (code) {
      case 0 -> SplitRole.Kind.WHOLE;
      case 1 -> SplitRole.Kind.PARENTS;
      case 2 -> SplitRole.Kind.CHILD;
      case 3 -> SplitRole.Kind.SUMMARY;
      default -> throw new IOException("corrupt ApiSplit: unknown role kind " + code);
    };
  }
}
