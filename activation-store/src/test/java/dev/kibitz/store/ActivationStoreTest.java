package dev.kibitz.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.store.blob.LocalBlobStore;
import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.catalog.Catalog;
import dev.kibitz.store.catalog.CatalogDatabase;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetQuery;
import dev.kibitz.store.catalog.DatasetRecord;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.DatasetState;
import dev.kibitz.store.catalog.LabelSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's domain API on the embedded default: local blobs, H2 catalog, a recording announcer. */
class ActivationStoreTest {
  @TempDir
  Path dir;
  RecordingAnnouncer announcer;
  LocalBlobStore blobs;
  ActivationStore store;

  @BeforeEach
  void open() throws IOException {
    announcer = new RecordingAnnouncer();
    blobs = new LocalBlobStore(dir.resolve("blobs"));
    store = new ActivationStore(new Catalog(CatalogDatabase.embedded(dir)), blobs, dir.resolve("staging"), announcer,
        Clock.systemUTC());
  }

  static DatasetSpec spec(String name) {
    return new DatasetSpec(name, new DatasetKey("maze-agent", "step-040000", "block2.res1.add", "seeds-0-99"),
        DType.FLOAT32, new long[] {2, 3}, List.of(new LabelSpec("cheese_row", DType.INT64, new long[0]),
            new LabelSpec("has_decision", DType.BOOL, new long[0])), Map.of("region", "anywhere"));
  }

  /** Rows of 2x3 floats: row r holds r*10 + 0..5, so every value says where it came from. */
  static HostTensor activations(int rows, int offset) {
    float[] v = new float[rows * 6];
    for (int i = 0; i < v.length; i++) {
      v[i] = (offset + i / 6) * 10 + i % 6;
    }
    return HostTensor.ofFloats(new long[] {rows, 2, 3}, v);
  }

  static HostTensor longs(long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long x : values) {
      b.putLong(x);
    }
    return new HostTensor(DType.INT64, new long[] {values.length}, b.flip());
  }

  static Map<String, HostTensor> labels(int rows) {
    long[] ids = new long[rows];
    boolean[] flags = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      ids[i] = 100 + i;
      flags[i] = i % 2 == 0;
    }
    return Map.of("cheese_row", longs(ids), "has_decision", HostTensor.ofBools(new long[] {rows}, flags));
  }

  @Test
  void workIsAnnouncedOnSealedDatasetsOnly() {
    DatasetRecord d = store.createDataset(spec("cheese"));
    store.writeBatch(d.id(), "b0", activations(3, 0), labels(3));
    KibitzException open = assertThrows(KibitzException.class,
        () -> store.requestWork("cheese", "sae", "topk-64", "{\"width\": 64}"));
    assertEquals(KibitzException.Reason.FAILED_PRECONDITION, open.reason());
    assertEquals("dataset cheese is not sealed; work is asked for on complete datasets only", open.getMessage());
    store.seal(d.id());

    dev.kibitz.proto.v1.WorkRequested w = store.requestWork("cheese", "sae", "topk-64", "{\"width\": 64}");
    assertEquals(d.id(), w.getDatasetId());
    assertEquals("block2.res1.add", w.getKey().getHook());
    assertEquals(List.of("stored cheese 0", "sealed cheese 1", "requested sae topk-64 on block2.res1.add "
        + "{\"width\": 64}"), announcer.events);

    assertEquals(KibitzException.Reason.NOT_FOUND, assertThrows(KibitzException.class,
        () -> store.requestWork("nope", "sae", "j", "{}")).reason());
    assertEquals("job must be 1 to 200 letters, digits, '.', '_' or '-' (not starting with '.'), got '../x'",
        assertThrows(KibitzException.class, () -> store.requestWork("cheese", "sae", "../x", "{}")).getMessage());
    assertEquals("kind must be 1 to 40 lower-case letters, digits or '-', got ''",
        assertThrows(KibitzException.class, () -> store.requestWork("cheese", "", "j", "{}")).getMessage());
    assertEquals("spec_json must be a JSON object, got '[1]'",
        assertThrows(KibitzException.class, () -> store.requestWork("cheese", "sae", "j", "[1]")).getMessage());
    announcer.failing = true;
    KibitzException down = assertThrows(KibitzException.class, () -> store.requestWork("cheese", "sae", "j", "{}"));
    assertEquals(KibitzException.Reason.UNAVAILABLE, down.reason());
    assertEquals(3, announcer.events.size(), "nothing more was announced");
  }

  @Test
  void writesReadsAndCountsBatchesInOrder() {
    DatasetRecord d = store.createDataset(spec("cheese"));
    BatchRecord b0 = store.writeBatch(d.id(), "b0", activations(3, 0), labels(3));
    BatchRecord b1 = store.writeBatch(d.id(), "b1", activations(5, 3), labels(5));
    assertEquals(0, b0.batchIndex());
    assertEquals(1, b1.batchIndex());
    DatasetRecord after = store.dataset("cheese");
    assertEquals(8, after.rows());
    assertEquals(2, after.batches());
    Safetensors.Contents c = store.readBatch(d.id(), 1);
    assertEquals(List.of("activations", "label.cheese_row", "label.has_decision"), List.copyOf(c.tensors().keySet()));
    assertTrue(c.tensors().get("activations").sameAs(activations(5, 3)));
    assertTrue(c.tensors().get("label.cheese_row").sameAs(longs(100, 101, 102, 103, 104)));
    assertArrayEquals(new boolean[] {true, false, true, false, true}, c.tensors().get("label.has_decision").toBools());
    assertEquals(d.id(), c.metadata().get("kibitz.dataset_id"));
    assertEquals("b1", c.metadata().get("kibitz.batch_id"));
    assertEquals("block2.res1.add", c.metadata().get("kibitz.hook"));
    assertEquals(List.of("stored cheese 0", "stored cheese 1"), announcer.events);
  }

  @Test
  void shardIsASafetensorsFileWithTheRecordedSizeAndChecksum() throws Exception {
    DatasetRecord d = store.createDataset(spec("file"));
    BatchRecord b = store.writeBatch(d.id(), "only", activations(2, 0), labels(2));
    byte[] file = Files.readAllBytes(blobs.resolve(b.blobKey()));
    assertEquals(b.bytes(), file.length);
    assertEquals(b.sha256(), java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(file)));
    ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = bb.getLong();
    assertEquals(0, headerLength % 8);
    String header = new String(file, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(header.contains("\"activations\":{\"dtype\":\"F32\",\"shape\":[2,2,3],\"data_offsets\":[0,48]}"),
        header);
    assertTrue(header.contains("\"label.cheese_row\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[48,64]}"),
        header);
    assertTrue(header.contains("\"label.has_decision\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[64,66]}"),
        header);
    assertEquals(8 + headerLength + 66, file.length);
    // The first activation float (row 0, value 0.0) and the second row's first (10.0) sit where the offsets say.
    bb.position((int) (8 + headerLength));
    assertEquals(0f, bb.getFloat());
    bb.position((int) (8 + headerLength + 24));
    assertEquals(10f, bb.getFloat());
  }

  @Test
  void halfWrittenBatchLeavesNoTrace() throws IOException {
    DatasetRecord d = store.createDataset(spec("partial"));
    try (BatchUpload u = store.beginBatch(d.id(), "cut", 4)) {
      u.append(activations(2, 0).data());
      KibitzException e = assertThrows(KibitzException.class, u::finish);
      assertEquals(KibitzException.Reason.INVALID_ARGUMENT, e.reason());
      assertTrue(e.getMessage().contains("48 bytes of data sent, the header's 4 rows take 132"), e.getMessage());
    }
    try (BatchUpload u = store.beginBatch(d.id(), "abandoned", 1)) {
      u.append(ByteBuffer.allocate(8));
    }
    assertEquals(0, store.dataset(d.id()).batches());
    assertEquals(List.of(), store.batches(d.id()));
    assertEquals(List.of(), announcer.events);
    assertEquals(0, filesUnder(dir.resolve("staging")) + filesUnder(blobs.root()));
  }

  @Test
  void tooManyBytesAreRefusedBeforeTheyAreWritten() {
    DatasetRecord d = store.createDataset(spec("overflow"));
    try (BatchUpload u = store.beginBatch(d.id(), "big", 1)) {
      KibitzException e = assertThrows(KibitzException.class, () -> u.append(ByteBuffer.allocate(35)));
      assertTrue(e.getMessage().contains("35 bytes of data sent, the header's 1 rows take 33"), e.getMessage());
    }
    assertEquals(0, store.dataset(d.id()).batches());
  }

  @Test
  void duplicateBatchIdIsIdempotentForSameBytesAndRefusedForDifferentOnes() {
    DatasetRecord d = store.createDataset(spec("dup"));
    BatchRecord first = store.writeBatch(d.id(), "b", activations(2, 0), labels(2));
    BatchRecord again = store.writeBatch(d.id(), "b", activations(2, 0), labels(2));
    assertEquals(first, again);
    KibitzException e = assertThrows(KibitzException.class,
        () -> store.writeBatch(d.id(), "b", activations(2, 7), labels(2)));
    assertEquals(KibitzException.Reason.ALREADY_EXISTS, e.reason());
    assertEquals(1, store.dataset(d.id()).batches());
    assertEquals(List.of("stored dup 0"), announcer.events);
    assertTrue(store.readBatch(d.id(), 0).tensors().get("activations").sameAs(activations(2, 0)));
  }

  @Test
  void badInputGetsClearErrors() {
    DatasetRecord d = store.createDataset(spec("checks"));
    KibitzException dtype = assertThrows(KibitzException.class, () -> store.writeBatch(d.id(), "x",
        new HostTensor(DType.FLOAT16, new long[] {1, 2, 3}, ByteBuffer.allocate(12)), labels(1)));
    assertEquals("dataset 'checks': activations must be FLOAT32, got FLOAT16", dtype.getMessage());
    KibitzException shape = assertThrows(KibitzException.class, () -> store.writeBatch(d.id(), "x",
        HostTensor.ofFloats(new long[] {1, 3, 2}, new float[6]), labels(1)));
    assertEquals("dataset 'checks': activations must have shape [1, 2, 3], got [1, 3, 2]", shape.getMessage());
    KibitzException label = assertThrows(KibitzException.class, () -> store.writeBatch(d.id(), "x",
        activations(1, 0), Map.of("cheese_row", longs(1))));
    assertEquals("batch 'x' lacks label 'has_decision'", label.getMessage());
    KibitzException unknown = assertThrows(KibitzException.class, () -> store.dataset("nope"));
    assertEquals(KibitzException.Reason.NOT_FOUND, unknown.reason());
    KibitzException name = assertThrows(KibitzException.class, () -> spec("Bad Name"));
    assertEquals(KibitzException.Reason.INVALID_ARGUMENT, name.reason());
    KibitzException taken = assertThrows(KibitzException.class, () -> store.createDataset(spec("checks")));
    assertEquals(KibitzException.Reason.ALREADY_EXISTS, taken.reason());
    assertEquals(0, store.dataset(d.id()).batches());
  }

  @Test
  void corruptOrMissingShardIsDataLossAndTheCatalogStaysIntact() throws IOException {
    DatasetRecord d = store.createDataset(spec("corrupt"));
    BatchRecord b0 = store.writeBatch(d.id(), "b0", activations(2, 0), labels(2));
    BatchRecord b1 = store.writeBatch(d.id(), "b1", activations(2, 2), labels(2));
    Path f0 = blobs.resolve(b0.blobKey());
    byte[] bytes = Files.readAllBytes(f0);
    bytes[bytes.length - 1] ^= 1;
    Files.write(f0, bytes);
    KibitzException e = assertThrows(KibitzException.class, () -> store.readBatch(d.id(), 0));
    assertEquals(KibitzException.Reason.DATA_LOSS, e.reason());
    assertTrue(e.getMessage().contains("is corrupt"), e.getMessage());
    Files.delete(blobs.resolve(b1.blobKey()));
    KibitzException missing = assertThrows(KibitzException.class, () -> store.readBatch(d.id(), 1));
    assertEquals(KibitzException.Reason.DATA_LOSS, missing.reason());
    assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
    assertEquals(2, store.batches(d.id()).size());
    KibitzException absent = assertThrows(KibitzException.class, () -> store.readBatch(d.id(), 2));
    assertEquals(KibitzException.Reason.NOT_FOUND, absent.reason());
  }

  @Test
  void sealedDatasetTakesNoBatchesAndIsAnnouncedAfterItsBatches() {
    DatasetRecord d = store.createDataset(spec("sealme"));
    store.writeBatch(d.id(), "b0", activations(1, 0), labels(1));
    DatasetRecord sealed = store.seal(d.id());
    assertEquals(DatasetState.SEALED, sealed.state());
    assertTrue(sealed.sealedAt() > 0);
    assertEquals(sealed, store.seal(d.id()));
    KibitzException e = assertThrows(KibitzException.class,
        () -> store.writeBatch(d.id(), "b1", activations(1, 0), labels(1)));
    assertEquals(KibitzException.Reason.FAILED_PRECONDITION, e.reason());
    assertEquals(List.of("stored sealme 0", "sealed sealme 1"), announcer.events);
  }

  @Test
  void failedAnnouncementsAreRetriedInOrderAndTheSealWaitsForThem() {
    DatasetRecord d = store.createDataset(spec("outbox"));
    announcer.failing = true;
    store.writeBatch(d.id(), "b0", activations(1, 0), labels(1));
    store.writeBatch(d.id(), "b1", activations(1, 1), labels(1));
    store.seal(d.id());
    assertEquals(List.of(), announcer.events);
    assertEquals(2, store.dataset(d.id()).batches());
    announcer.failing = false;
    assertEquals(3, store.announcePending());
    assertEquals(List.of("stored outbox 0", "stored outbox 1", "sealed outbox 2"), announcer.events);
    assertEquals(0, store.announcePending());
  }

  @Test
  void listsDatasetsByModelHookLabelsAndState() {
    store.createDataset(spec("a"));
    DatasetRecord b = store.createDataset(new DatasetSpec("b", new DatasetKey("maze-agent", "step-040000", "head",
        "seeds"), DType.FLOAT32, new long[] {5}, List.of(new LabelSpec("skill", DType.INT32, new long[0])), Map.of()));
    store.seal(b.id());
    assertEquals(List.of("a", "b"), names(DatasetQuery.all()));
    assertEquals(List.of("b"), names(new DatasetQuery("maze-agent", null, "head", null, List.of(), null)));
    assertEquals(List.of("a"), names(new DatasetQuery(null, null, null, null, List.of("cheese_row", "has_decision"),
        null)));
    assertEquals(List.of(), names(new DatasetQuery(null, null, null, null, List.of("cheese_row", "skill"), null)));
    assertEquals(List.of("b"), names(new DatasetQuery(null, null, null, null, List.of(), DatasetState.SEALED)));
    assertEquals(List.of(), names(new DatasetQuery("chess", null, null, null, List.of(), null)));
  }

  @Test
  void artifactsAreImmutableChecksummedAndListedBySource() throws IOException {
    DatasetRecord d = store.createDataset(spec("probed"));
    byte[] direction = "direction bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var a = store.putArtifact("probe", "probed/fork.all", d.id(), Map.of("hook", "h"), direction);
    assertEquals(15, a.bytes());
    assertEquals(a, store.putArtifact("probe", "probed/fork.all", d.id(), Map.of("hook", "h"), direction));
    KibitzException changed = assertThrows(KibitzException.class, () -> store.putArtifact("probe",
        "probed/fork.all", d.id(), Map.of(), new byte[15]));
    assertEquals(KibitzException.Reason.ALREADY_EXISTS, changed.reason());
    store.putArtifact("sae", "other", null, Map.of(), new byte[0]);
    assertEquals(List.of("probed/fork.all"), store.artifacts(null, d.id()).stream().map(r -> r.name()).toList());
    assertEquals(List.of("other"), store.artifacts("sae", null).stream().map(r -> r.name()).toList());
    try (var blob = store.openArtifact("probe", "probed/fork.all")) {
      assertArrayEquals(direction, blob.stream().readAllBytes());
      blob.verify();
    }
    Path file = blobs.resolve(a.blobKey());
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] ^= 1;
    Files.write(file, bytes);
    try (var blob = store.openArtifact("probe", "probed/fork.all")) {
      blob.stream().readAllBytes();
      KibitzException corrupt = assertThrows(KibitzException.class, blob::verify);
      assertEquals(KibitzException.Reason.DATA_LOSS, corrupt.reason());
    }
    assertEquals(KibitzException.Reason.NOT_FOUND, assertThrows(KibitzException.class,
        () -> store.putArtifact("probe", "x", "no-such-dataset", Map.of(), new byte[1])).reason());
    assertEquals(KibitzException.Reason.INVALID_ARGUMENT, assertThrows(KibitzException.class,
        () -> store.putArtifact("Bad Kind", "x", null, Map.of(), new byte[1])).reason());
    try (ArtifactUpload u = store.beginArtifact("probe", "short", null, Map.of(), 10)) {
      u.append(ByteBuffer.allocate(4));
      assertEquals("artifact 'probe/short': 4 bytes sent, the header says 10",
          assertThrows(KibitzException.class, u::finish).getMessage());
    }
    assertEquals(KibitzException.Reason.NOT_FOUND, assertThrows(KibitzException.class,
        () -> store.artifact("probe", "short")).reason());
    assertEquals(0, filesUnder(dir.resolve("staging")));
  }

  private List<String> names(DatasetQuery q) {
    return store.list(q).stream().map(r -> r.spec().name()).toList();
  }

  private static long filesUnder(Path root) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  /** Records announcements as "stored NAME INDEX" / "sealed NAME BATCHES"; can be told to fail. */
  static final class RecordingAnnouncer implements Announcer {
    final List<String> events = new ArrayList<>();
    volatile boolean failing;

    @Override
    public synchronized void batchStored(DatasetRecord dataset, BatchRecord batch, String uri) {
      check();
      events.add("stored " + dataset.spec().name() + " " + batch.batchIndex());
    }

    @Override
    public synchronized void datasetSealed(DatasetRecord dataset) {
      check();
      events.add("sealed " + dataset.spec().name() + " " + dataset.batches());
    }

    @Override
    public synchronized void workRequested(dev.kibitz.proto.v1.WorkRequested request) {
      check();
      events.add("requested " + request.getKind() + " " + request.getJob() + " on " + request.getKey().getHook()
          + " " + request.getSpecJson());
    }

    private void check() {
      if (failing) {
        throw new IllegalStateException("broker unreachable");
      }
    }
  }
}
