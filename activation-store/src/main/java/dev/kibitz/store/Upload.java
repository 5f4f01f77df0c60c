package dev.kibitz.store;

import java.nio.ByteBuffer;

/** A blob being streamed in (batch or artifact): append its bytes, then finish, or close to abandon. */
public interface Upload<R> extends AutoCloseable {

  void append(ByteBuffer chunk);

  R finish();

  @Override
  void close();
}
