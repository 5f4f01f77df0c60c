package dev.kibitz.store;

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
 * A file being written before it is committed to a blob store: bytes are appended in 1 MiB slices
 * (a heap buffer written whole would make the JDK copy it into one temporary direct buffer) with a
 * running CRC32C; {@link #finish} forces it to disk while hashing it back from the page cache (the two
 * take about as long). Closing an unfinished file deletes it.
 */
final class StagedFile implements AutoCloseable {
  private static final int CHUNK = 1 << 20;

  /** What was written: size, sha256 (hex) and CRC32C of the whole file. */
  record Digest(long bytes, String sha256, long crc32c) {}

  private final Path path;
  private final FileChannel channel;
  private final CRC32C crc32c = new CRC32C();
  private long size;
  private boolean finished;
  private boolean closed;

  StagedFile(Path path) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  Path path() {
    return path;
  }

  long size() {
    return size;
  }

  void write(ByteBuffer b) throws IOException {
    crc32c.update(b.duplicate());
    ByteBuffer rest = b.duplicate();
    while (rest.hasRemaining()) {
      ByteBuffer slice = rest.slice().limit(Math.min(CHUNK, rest.remaining()));
      rest.position(rest.position() + slice.remaining());
      while (slice.hasRemaining()) {
        size += channel.write(slice);
      }
    }
  }

  /** Forces the file and returns its digest; the file stays for the caller to commit. */
  Digest finish() throws IOException {
    try {
      CompletableFuture<String> hash = CompletableFuture.supplyAsync(this::sha256);
      channel.force(true);
      channel.close();
      String sha = hash.join();
      finished = true;
      return new Digest(size, sha, crc32c.getValue());
    } catch (CompletionException e) {
      throw new IOException("hashing " + path, e.getCause());
    }
  }

  private String sha256() {
    MessageDigest digest = newSha256();
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      while (in.read(buf.clear()) > 0) {
        digest.update(buf.flip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hex(digest.digest());
  }

  /** Deletes the file unless it was finished (then the commit owns it). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
      if (!finished) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("removing staged file " + path, e);
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
