package dev.kibitz.store.catalog;

import java.util.Map;
import java.util.TreeMap;

/** A stored result (SAE checkpoint file, probe direction, report), immutable once written. */
public record ArtifactRecord(String id, String kind, String name, String sourceDatasetId,
    Map<String, String> attributes, long bytes, String sha256, long crc32c, String blobKey, long createdAt) {

  public ArtifactRecord {
    attributes = new TreeMap<>(attributes);
  }
}
