package dev.kibitz.sae.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement: write a temporary sibling, force it to disk, rename it over the
 * target (atomic on POSIX), then force the directory so the rename itself survives a crash.
 * A reader sees the old file or the new one, never a torn one.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code path} through {@code writer}, which must write (and may force) the given temp path. */
  public static void write(Path path, Writer writer) throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    writer.write(tmp);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(path.toAbsolutePath().getParent());
  }

  public static void writeString(Path path, String text) throws IOException {
    write(path, tmp -> {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
    });
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot open directories; the rename is still atomic there.
    }
  }

  /** Writes a file's full contents to the given path. */
  @FunctionalInterface
  public interface Writer {
    void write(Path tmp) throws IOException;
  }
}
