package dev.kibitz.store;

import dev.kibitz.core.KibitzException;
import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.catalog.DatasetRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.CRC32C;

/**
 * One batch being written: the shard's header is written to a staging file at once, the tensor bytes
 * are appended as they arrive (CRC32C as they go, SHA-256 at the end), and {@link #finish} hands the complete, forced file
 * to the store. Anything short of finish — an error, a cancelled stream, {@link #close} — deletes the
 * staging file, so a half-written batch never reaches the blob store, the catalog or Kafka.
 */
public final class BatchUpload implements AutoCloseable {
  private static final int CHUNK = 1 << 20;

  private final ActivationStore store;
  private final DatasetRecord dataset;
  private final String batchId;
  private final long rows;
  private final Path staged;
  private final FileChannel channel;
  private final CRC32C crc32c = new CRC32C();
  private final long expectedData;
  private long receivedData;
  private long fileBytes;
  private boolean done;

  BatchUpload(ActivationStore store, DatasetRecord dataset, String batchId, long rows, ShardLayout layout,
      Path staged) throws IOException {
    this.store = store;
    this.dataset = dataset;
    this.batchId = batchId;
    this.rows = rows;
    this.staged = staged;
    this.expectedData = layout.dataBytes();
    this.channel = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      write(layout.header());
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  public long expectedBytes() {
    return expectedData;
  }

  public long receivedBytes() {
    return receivedData;
  }

  /** Appends the next bytes of tensor data; refuses more than the layout holds. */
  public void append(ByteBuffer chunk) {
    requireOpen();
    if (receivedData + chunk.remaining() > expectedData) {
      throw KibitzException.invalid("batch '" + batchId + "' of dataset '" + dataset.spec().name() + "': "
          + (receivedData + chunk.remaining()) + " bytes of data sent, the header's " + rows + " rows take "
          + expectedData);
    }
    receivedData += chunk.remaining();
    try {
      write(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException("staging batch '" + batchId + "'", e);
    }
  }

  /** Forces the staged shard and commits it: blob store, then catalog, then announcement. */
  public BatchRecord finish() {
    requireOpen();
    if (receivedData != expectedData) {
      throw KibitzException.invalid("batch '" + batchId + "' of dataset '" + dataset.spec().name() + "': "
          + receivedData + " bytes of data sent, the header's " + rows + " rows take " + expectedData);
    }
    String sha256;
    try {
      // Hash the file back from the page cache while the disk flush runs: the two take about as long.
      CompletableFuture<String> hash = CompletableFuture.supplyAsync(this::sha256OfStagedFile);
      channel.force(true);
      channel.close();
      sha256 = hash.join();
    } catch (IOException | CompletionException e) {
      done = true;
      close();
      throw new UncheckedIOException("forcing batch '" + batchId + "' to disk", e instanceof IOException io ? io
          : new IOException(e.getCause()));
    }
    done = true;
    return store.commit(dataset, batchId, rows, fileBytes, sha256, crc32c.getValue(), staged);
  }

  private String sha256OfStagedFile() {
    MessageDigest digest = newSha256();
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    try (FileChannel in = FileChannel.open(staged, StandardOpenOption.READ)) {
      while (in.read(buf.clear()) > 0) {
        digest.update(buf.flip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hex(digest.digest());
  }

  /** Abandons the batch unless it was finished. */
  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      channel.close();
      Files.deleteIfExists(staged);
    } catch (IOException e) {
      throw new UncheckedIOException("removing staged batch " + staged, e);
    }
  }

  /** Writes in slices: a heap buffer written whole would make the JDK copy it into one temporary direct buffer. */
  private void write(ByteBuffer b) throws IOException {
    crc32c.update(b.duplicate());
    ByteBuffer rest = b.duplicate();
    while (rest.hasRemaining()) {
      ByteBuffer slice = rest.slice().limit(Math.min(CHUNK, rest.remaining()));
      rest.position(rest.position() + slice.remaining());
      while (slice.hasRemaining()) {
        fileBytes += channel.write(slice);
      }
    }
  }

  private void requireOpen() {
    if (done) {
      throw new IllegalStateException("batch '" + batchId + "' is already finished or abandoned");
    }
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  static String hex(byte[] digest) {
    StringBuilder sb = new StringBuilder(digest.length * 2);
    for (byte b : digest) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }
}
