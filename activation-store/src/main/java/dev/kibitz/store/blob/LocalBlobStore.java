package dev.kibitz.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Blobs as files under a root directory: the embedded default. A commit renames the (already forced)
 * staged file into place atomically and then forces the directory, so after a crash a blob is either
 * whole under its key or absent.
 */
public final class LocalBlobStore implements BlobStore {
  private final Path root;

  public LocalBlobStore(Path root) throws IOException {
    this.root = Files.createDirectories(root).toRealPath();
  }

  public Path root() {
    return root;
  }

  @Override
  public void commit(String key, Path stagedFile) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    // The caller forced the staged file (the BlobStore contract); only the rename needs making durable.
    Files.move(stagedFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(target.getParent());
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(existing(key));
  }

  @Override
  public long size(String key) throws IOException {
    return Files.size(existing(key));
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolve(key));
  }

  @Override
  public String uri(String key) {
    return resolve(key).toUri().toString();
  }

  /** The file behind a key; refuses keys that would escape the root. */
  public Path resolve(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IllegalArgumentException("blob key '" + key + "' is outside the store root");
    }
    return p;
  }

  private Path existing(String key) throws NoSuchFileException {
    Path p = resolve(key);
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(uri(key), null, "no such blob");
    }
    return p;
  }

  /** Makes the rename itself durable (POSIX: fsync the directory). */
  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
