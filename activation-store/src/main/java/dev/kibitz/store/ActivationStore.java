package dev.kibitz.store;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.store.blob.BlobStore;
import dev.kibitz.store.catalog.ArtifactRecord;
import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.catalog.Catalog;
import dev.kibitz.store.catalog.DatasetQuery;
import dev.kibitz.store.catalog.DatasetRecord;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.DatasetState;
import dev.kibitz.store.catalog.LabelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activation store's domain API, free of gRPC and Kafka. A batch becomes visible in this order:
 * staged file forced → blob committed (durable) → catalog row committed → announcement acknowledged →
 * catalog marks it announced. A failure before the catalog commit leaves no trace; a failure after it
 * leaves an unannounced row that {@link #announcePending} sends later (at-least-once, consumers
 * deduplicate by dataset and batch index).
 */
public final class ActivationStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ActivationStore.class);

  private final Catalog catalog;
  private final BlobStore blobs;
  private final Path staging;
  private final Announcer announcer;
  private final Clock clock;
  private final Map<String, Object> datasetLocks = new ConcurrentHashMap<>();

  public ActivationStore(Catalog catalog, BlobStore blobs, Path staging, Announcer announcer, Clock clock)
      throws IOException {
    this.catalog = catalog;
    this.blobs = blobs;
    this.staging = Files.createDirectories(staging);
    this.announcer = announcer;
    this.clock = clock;
  }

  public DatasetRecord createDataset(DatasetSpec spec) {
    return catalog.insertDataset("ds-" + UUID.randomUUID(), spec, clock.millis());
  }

  /** A dataset by id or name; NOT_FOUND if there is none. */
  public DatasetRecord dataset(String idOrName) {
    return catalog.requireDataset(idOrName);
  }

  public List<DatasetRecord> list(DatasetQuery query) {
    return catalog.listDatasets(query);
  }

  public List<BatchRecord> batches(String datasetIdOrName) {
    return catalog.batches(dataset(datasetIdOrName).id());
  }

  public String uri(BatchRecord batch) {
    return blobs.uri(batch.blobKey());
  }

  /** Starts a batch of {@code rows} rows; the caller appends exactly the layout's bytes, then finishes. */
  public BatchUpload beginBatch(String datasetId, String batchId, long rows) {
    DatasetRecord d = dataset(datasetId);
    if (batchId == null || batchId.isBlank() || batchId.length() > 200) {
      throw KibitzException.invalid("batch_id is required (1 to 200 characters), got '" + batchId + "'");
    }
    if (d.state() != DatasetState.OPEN) {
      throw KibitzException.precondition("dataset '" + d.spec().name() + "' is sealed; it takes no more batches");
    }
    ShardLayout layout = ShardLayout.of(d, batchId, rows);
    try {
      return new BatchUpload(this, d, batchId, rows, layout, staging.resolve(UUID.randomUUID() + ".staged"));
    } catch (IOException e) {
      throw new UncheckedIOException("staging a batch of dataset '" + d.spec().name() + "'", e);
    }
  }

  /** Writes a whole batch held in memory: activations [rows, ...row_shape] and every declared label. */
  public BatchRecord writeBatch(String datasetId, String batchId, HostTensor activations,
      Map<String, HostTensor> labels) {
    DatasetRecord d = dataset(datasetId);
    long rows = activations.rank() == 0 ? 0 : activations.shape()[0];
    check(d, "activations", d.spec().dtype(), d.spec().rowShape(), activations, rows);
    for (String name : labels.keySet()) {
      if (d.spec().labels().stream().noneMatch(l -> l.name().equals(name))) {
        throw KibitzException.invalid("dataset '" + d.spec().name() + "' declares no label '" + name + "'");
      }
    }
    try (BatchUpload upload = beginBatch(d.id(), batchId, rows)) {
      upload.append(activations.data());
      for (LabelSpec l : d.spec().labels()) {
        HostTensor t = labels.get(l.name());
        if (t == null) {
          throw KibitzException.invalid("batch '" + batchId + "' lacks label '" + l.name() + "'");
        }
        check(d, "label '" + l.name() + "'", l.dtype(), l.shape(), t, rows);
        upload.append(t.data());
      }
      return upload.finish();
    }
  }

  private static void check(DatasetRecord d, String what, dev.kibitz.core.tensor.DType dtype, long[] rowShape,
      HostTensor t, long rows) {
    if (t.dtype() != dtype) {
      throw KibitzException.invalid("dataset '" + d.spec().name() + "': " + what + " must be " + dtype + ", got "
          + t.dtype());
    }
    long[] want = Shapes.withBatch(rows, rowShape);
    if (!Arrays.equals(t.shape(), want)) {
      throw KibitzException.invalid("dataset '" + d.spec().name() + "': " + what + " must have shape "
          + Shapes.format(want) + ", got " + Shapes.format(t.shape()));
    }
  }

  /** Called by {@link BatchUpload#finish} with a complete, forced staged file. */
  BatchRecord commit(DatasetRecord d, String batchId, long rows, StagedFile.Digest digest, Path staged) {
    String sha256 = digest.sha256();
    try {
      var existing = catalog.findBatchById(d.id(), batchId);
      if (existing.isPresent()) {
        return sameBatchAgain(d, existing.get(), sha256);
      }
      String key = "datasets/" + d.id() + "/" + UUID.randomUUID() + ".safetensors";
      blobs.commit(key, staged);
      BatchRecord batch;
      synchronized (lock(d.id())) {
        try {
          batch = catalog.appendBatch(d.id(), batchId, rows, digest.bytes(), sha256, digest.crc32c(), key,
              clock.millis());
        } catch (RuntimeException e) {
          blobs.delete(key);
          var raced = catalog.findBatchById(d.id(), batchId);
          if (raced.isPresent()) {
            return sameBatchAgain(d, raced.get(), sha256);
          }
          throw e;
        }
        announceBatches(catalog.unannouncedBatches(d.id()));
      }
      return batch;
    } catch (IOException e) {
      throw new UncheckedIOException("committing batch '" + batchId + "' of dataset '" + d.spec().name() + "'", e);
    } finally {
      try {
        Files.deleteIfExists(staged);
      } catch (IOException e) {
        LOG.warn("could not remove staged file {}", staged, e);
      }
    }
  }

  /** A retried write: the same bytes return the stored batch, different bytes are refused. */
  private static BatchRecord sameBatchAgain(DatasetRecord d, BatchRecord stored, String sha256) {
    if (stored.sha256().equals(sha256)) {
      return stored;
    }
    throw KibitzException.alreadyExists("dataset '" + d.spec().name() + "' already holds batch '"
        + stored.batchId() + "' (index " + stored.batchIndex() + ") with different bytes (sha256 "
        + stored.sha256() + ")");
  }

  /** A batch's file, checked against its sha256; DATA_LOSS if the bytes changed, NOT_FOUND if absent. */
  public Safetensors.Contents readBatch(String datasetId, int batchIndex) {
    try (StoredBlob<BatchRecord> shard = openBatch(datasetId, batchIndex)) {
      byte[] bytes = shard.stream().readAllBytes();
      shard.verify();
      return Safetensors.parse(ByteBuffer.wrap(bytes), blobs.uri(shard.record().blobKey()));
    } catch (IOException e) {
      throw KibitzException.dataLoss("batch " + batchIndex + " of dataset '" + datasetId + "' is unreadable: "
          + e.getMessage());
    }
  }

  /** Opens a batch's file for streaming; call {@link StoredBlob#verify} after reading it to the end. */
  public StoredBlob<BatchRecord> openBatch(String datasetId, int batchIndex) {
    DatasetRecord d = dataset(datasetId);
    BatchRecord batch = catalog.findBatch(d.id(), batchIndex).orElseThrow(() -> KibitzException.notFound(
        "dataset '" + d.spec().name() + "' has no batch " + batchIndex + " (it has " + d.batches() + ")"));
    try {
      return new StoredBlob<>(batch, "batch " + batchIndex + " of dataset '" + batch.datasetId() + "'",
          batch.crc32c(), batch.sha256(), blobs.open(batch.blobKey()));
    } catch (NoSuchFileException e) {
      throw KibitzException.dataLoss("batch " + batchIndex + " of dataset '" + d.spec().name()
          + "' is in the catalog but its shard " + blobs.uri(batch.blobKey()) + " is missing");
    } catch (IOException e) {
      throw new KibitzException(KibitzException.Reason.UNAVAILABLE, "cannot open " + blobs.uri(batch.blobKey())
          + ": " + e.getMessage());
    }
  }

  /** Starts an artifact of exactly {@code bytes} bytes; the caller appends them, then finishes. */
  public ArtifactUpload beginArtifact(String kind, String name, String sourceDatasetId, Map<String, String> attributes,
      long bytes) {
    if (kind == null || !kind.matches("[a-z0-9][a-z0-9._-]{0,39}")) {
      throw KibitzException.invalid("artifact kind '" + kind + "' must match [a-z0-9][a-z0-9._-]{0,39}");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      throw KibitzException.invalid("artifact name is required (1 to 200 characters), got '" + name + "'");
    }
    if (bytes < 0) {
      throw KibitzException.invalid("artifact '" + name + "': bytes must be >= 0, got " + bytes);
    }
    String source = sourceDatasetId == null || sourceDatasetId.isEmpty() ? null : dataset(sourceDatasetId).id();
    try {
      return new ArtifactUpload(this, kind, name, source, attributes, bytes,
          staging.resolve(UUID.randomUUID() + ".staged"));
    } catch (IOException e) {
      throw new UncheckedIOException("staging artifact '" + name + "'", e);
    }
  }

  /** Writes a whole artifact held in memory. */
  public ArtifactRecord putArtifact(String kind, String name, String sourceDatasetId, Map<String, String> attributes,
      byte[] content) {
    try (ArtifactUpload upload = beginArtifact(kind, name, sourceDatasetId, attributes, content.length)) {
      upload.append(ByteBuffer.wrap(content));
      return upload.finish();
    }
  }

  /** Called by {@link ArtifactUpload#finish}: the same bytes again return the stored artifact. */
  ArtifactRecord commitArtifact(String kind, String name, String sourceDatasetId, Map<String, String> attributes,
      StagedFile.Digest digest, Path staged) {
    try {
      var existing = catalog.findArtifact(kind, name);
      if (existing.isPresent()) {
        if (existing.get().sha256().equals(digest.sha256())) {
          return existing.get();
        }
        throw KibitzException.alreadyExists("artifact '" + kind + "/" + name + "' already exists with different "
            + "bytes (sha256 " + existing.get().sha256() + ")");
      }
      String key = "artifacts/" + kind + "/" + UUID.randomUUID();
      blobs.commit(key, staged);
      try {
        return catalog.insertArtifact(new ArtifactRecord("ar-" + UUID.randomUUID(), kind, name, sourceDatasetId,
            attributes, digest.bytes(), digest.sha256(), digest.crc32c(), key, clock.millis()));
      } catch (RuntimeException e) {
        blobs.delete(key);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("committing artifact '" + name + "'", e);
    } finally {
      try {
        Files.deleteIfExists(staged);
      } catch (IOException e) {
        LOG.warn("could not remove staged file {}", staged, e);
      }
    }
  }

  public ArtifactRecord artifact(String kind, String name) {
    return catalog.findArtifact(kind, name).orElseThrow(() -> KibitzException.notFound("no artifact '" + kind + "/"
        + name + "'"));
  }

  public List<ArtifactRecord> artifacts(String kind, String sourceDatasetId) {
    return catalog.listArtifacts(kind, sourceDatasetId);
  }

  public String uri(ArtifactRecord a) {
    return blobs.uri(a.blobKey());
  }

  /** Opens an artifact for streaming; {@link StoredBlob#verify} after the last byte. */
  public StoredBlob<ArtifactRecord> openArtifact(String kind, String name) {
    ArtifactRecord a = artifact(kind, name);
    try {
      return new StoredBlob<>(a, "artifact '" + kind + "/" + name + "'", a.crc32c(), a.sha256(),
          blobs.open(a.blobKey()));
    } catch (NoSuchFileException e) {
      throw KibitzException.dataLoss("artifact '" + kind + "/" + name + "' is in the catalog but its blob "
          + blobs.uri(a.blobKey()) + " is missing");
    } catch (IOException e) {
      throw new KibitzException(KibitzException.Reason.UNAVAILABLE, "cannot open " + blobs.uri(a.blobKey()) + ": "
          + e.getMessage());
    }
  }

  /**
   * Seals a dataset and announces it; sealing twice is harmless. The seal is announced only after every
   * batch of the dataset has been, so a consumer never sees DatasetSealed before a BatchStored.
   */
  public DatasetRecord seal(String datasetId) {
    DatasetRecord d = dataset(datasetId);
    synchronized (lock(d.id())) {
      DatasetRecord sealed = catalog.seal(d.id(), clock.millis());
      if (d.state() == DatasetState.OPEN && announceBatches(catalog.unannouncedBatches(d.id())) >= 0) {
        announceSeal(sealed);
      }
      return sealed;
    }
  }

  /**
   * Announces a job on a sealed dataset for the consumers of {@code kind}; returns the announcement once
   * acknowledged. Not kept in the catalog: a request that fails here is the caller's to repeat.
   */
  public dev.kibitz.proto.v1.WorkRequested requestWork(String dataset, String kind, String job, String specJson) {
    if (kind == null || !kind.matches("[a-z][a-z0-9-]{0,39}")) {
      throw KibitzException.invalid("kind must be 1 to 40 lower-case letters, digits or '-', got '" + kind + "'");
    }
    if (job == null || !job.matches("[A-Za-z0-9._-]{1,200}") || job.startsWith(".")) {
      throw KibitzException.invalid("job must be 1 to 200 letters, digits, '.', '_' or '-' (not starting with "
          + "'.'), got '" + job + "'");
    }
    try {
      if (!com.google.gson.JsonParser.parseString(specJson == null ? "" : specJson).isJsonObject()) {
        throw KibitzException.invalid("spec_json must be a JSON object, got '" + specJson + "'");
      }
    } catch (com.google.gson.JsonParseException e) {
      throw KibitzException.invalid("spec_json is not JSON: " + e.getMessage());
    }
    DatasetRecord d = dataset(dataset);
    if (d.state() != DatasetState.SEALED) {
      throw KibitzException.precondition("dataset " + d.spec().name() + " is not sealed; work is asked for on "
          + "complete datasets only");
    }
    dev.kibitz.proto.v1.WorkRequested request = dev.kibitz.store.wire.StoreProtos.workRequested(d, kind, job,
        specJson, clock.millis());
    try {
      announcer.workRequested(request);
    } catch (Exception e) {
      throw new KibitzException(KibitzException.Reason.UNAVAILABLE, "the request for " + kind + " job " + job
          + " was not acknowledged by the event log: " + e.getMessage());
    }
    return request;
  }

  /** Sends every announcement the catalog has not seen acknowledged; returns how many went out. */
  public int announcePending() {
    int sent = announceBatches(catalog.unannouncedBatches(null));
    if (sent < 0) {
      return 0;
    }
    for (DatasetRecord d : catalog.unannouncedSeals()) {
      synchronized (lock(d.id())) {
        if (!announceSeal(d)) {
          return sent;
        }
        sent++;
      }
    }
    return sent;
  }

  /** Announces batches in order; the count sent, or -1 if one failed (the rest wait for the next try). */
  private int announceBatches(List<BatchRecord> pending) {
    int sent = 0;
    for (BatchRecord b : pending) {
      DatasetRecord d = catalog.requireDataset(b.datasetId());
      synchronized (lock(d.id())) {
        try {
          announcer.batchStored(d, b, blobs.uri(b.blobKey()));
          catalog.markBatchAnnounced(d.id(), b.batchIndex(), clock.millis());
          sent++;
        } catch (Exception e) {
          LOG.warn("announcing batch {} of dataset {} failed; it will be retried: {}", b.batchIndex(), d.id(),
              e.toString());
          return -1;
        }
      }
    }
    return sent;
  }

  private boolean announceSeal(DatasetRecord sealed) {
    try {
      announcer.datasetSealed(sealed);
      catalog.markSealAnnounced(sealed.id(), clock.millis());
      return true;
    } catch (Exception e) {
      LOG.warn("dataset {} is sealed; its announcement failed and will be retried: {}", sealed.id(), e.toString());
      return false;
    }
  }

  private Object lock(String datasetId) {
    return datasetLocks.computeIfAbsent(datasetId, k -> new Object());
  }

  @Override
  public void close() throws Exception {
    announcer.close();
    blobs.close();
    catalog.close();
  }
}
