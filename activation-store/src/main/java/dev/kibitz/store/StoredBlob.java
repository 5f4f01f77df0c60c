package dev.kibitz.store;

import dev.kibitz.core.KibitzException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * A stored blob (shard or artifact) being read, with the catalog record that describes it: the stream
 * checksums what it yields, and {@link #verify} after the last byte says whether it was intact.
 */
public final class StoredBlob<R> implements AutoCloseable {
  private final R record;
  private final String what;
  private final long expectedCrc32c;
  private final String sha256;
  private final CRC32C crc = new CRC32C();
  private final InputStream stream;

  StoredBlob(R record, String what, long expectedCrc32c, String sha256, InputStream raw) {
    this.record = record;
    this.what = what;
    this.expectedCrc32c = expectedCrc32c;
    this.sha256 = sha256;
    this.stream = new CheckedInputStream(raw, crc);
  }

  public R record() {
    return record;
  }

  public InputStream stream() {
    return stream;
  }

  /** DATA_LOSS unless the bytes read so far have the recorded CRC32C. */
  public void verify() {
    if (crc.getValue() != expectedCrc32c) {
      throw KibitzException.dataLoss(what + " is corrupt: its bytes have CRC32C " + Long.toHexString(crc.getValue())
          + ", the catalog recorded " + Long.toHexString(expectedCrc32c) + " (sha256 " + sha256 + ")");
    }
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
