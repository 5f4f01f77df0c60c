package dev.kibitz.store;

import dev.kibitz.core.KibitzException;
import dev.kibitz.store.catalog.ArtifactRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/** One artifact being written: exactly {@code bytes} bytes staged, then committed like a shard. */
public final class ArtifactUpload implements Upload<ArtifactRecord> {
  private final ActivationStore store;
  private final String kind;
  private final String name;
  private final String sourceDatasetId;
  private final Map<String, String> attributes;
  private final long expected;
  private final StagedFile file;
  private boolean done;

  ArtifactUpload(ActivationStore store, String kind, String name, String sourceDatasetId,
      Map<String, String> attributes, long expected, Path staged) throws IOException {
    this.store = store;
    this.kind = kind;
    this.name = name;
    this.sourceDatasetId = sourceDatasetId;
    this.attributes = attributes;
    this.expected = expected;
    this.file = new StagedFile(staged);
  }

  public void append(ByteBuffer chunk) {
    if (done) {
      throw new IllegalStateException("artifact '" + name + "' is already finished or abandoned");
    }
    if (file.size() + chunk.remaining() > expected) {
      throw KibitzException.invalid("artifact '" + kind + "/" + name + "': " + (file.size() + chunk.remaining())
          + " bytes sent, the header says " + expected);
    }
    try {
      file.write(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException("staging artifact '" + name + "'", e);
    }
  }

  public ArtifactRecord finish() {
    if (file.size() != expected) {
      close();
      throw KibitzException.invalid("artifact '" + kind + "/" + name + "': " + file.size()
          + " bytes sent, the header says " + expected);
    }
    StagedFile.Digest digest;
    try {
      digest = file.finish();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("forcing artifact '" + name + "' to disk", e);
    }
    done = true;
    return store.commitArtifact(kind, name, sourceDatasetId, attributes, digest, file.path());
  }

  @Override
  public void close() {
    done = true;
    file.close();
  }
}
