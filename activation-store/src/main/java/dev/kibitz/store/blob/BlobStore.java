package dev.kibitz.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where shard and artifact bytes live. Keys are relative, slash-separated paths
 * ("datasets/ds-1/batch-000003.safetensors"). A file handed to {@link #commit} is already complete and
 * forced to disk; when commit returns, the blob is durable (fsync + rename on a local disk, a completed
 * upload on object storage) and readable under its key.
 */
public interface BlobStore extends AutoCloseable {

  /** Makes {@code stagedFile} durable under {@code key}; the staged file is consumed (moved or deleted). */
  void commit(String key, Path stagedFile) throws IOException;

  /** Opens the blob for sequential reading; {@link java.nio.file.NoSuchFileException} if it does not exist. */
  InputStream open(String key) throws IOException;

  /** The blob's size in bytes; {@link java.nio.file.NoSuchFileException} if it does not exist. */
  long size(String key) throws IOException;

  boolean exists(String key) throws IOException;

  /** Removes the blob if present (used only to clean up after a failed catalog commit). */
  void delete(String key) throws IOException;

  /** A URI that names the blob for people and events (file:///..., s3://bucket/key). */
  String uri(String key);

  @Override
  default void close() throws IOException {}
}
