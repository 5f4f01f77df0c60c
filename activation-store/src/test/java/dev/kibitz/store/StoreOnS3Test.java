package dev.kibitz.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.store.blob.S3BlobStore;
import dev.kibitz.store.blob.S3Settings;
import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.catalog.Catalog;
import dev.kibitz.store.catalog.CatalogDatabase;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetRecord;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import dev.kibitz.store.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole write and read path of {@link ActivationStore} with shards on S3 ({@link S3ProxyServer}) and the
 * embedded catalog: what a trainer reads back must be exactly what was written, and bytes changed or lost behind the
 * store's back in the bucket must surface as DATA_LOSS, never as silently wrong activations.
 */
class StoreOnS3Test {
  private static final String BUCKET = "kibitz-store";
  private static final String PREFIX = "runs/r1";
  private static final long[] ROW_SHAPE = {4, 3};

  private static S3ProxyServer server;

  @TempDir
  Path tempDir;

  private ActivationStore store;
  private S3Client raw;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openStore() throws IOException {
    S3Settings settings = server.settings(BUCKET, PREFIX);
    S3BlobStore s3BlobStore = new S3BlobStore(settings);
    s3BlobStore.ensureBucket();
    store = new ActivationStore(new Catalog(CatalogDatabase.embedded(tempDir)), s3BlobStore,
        tempDir.resolve("staging"), Announcer.NONE, Clock.systemUTC());
    raw = S3BlobStore.newClient(settings);
  }

  @AfterEach
  void closeStore() throws Exception {
    raw.close();
    store.close();
  }

  private DatasetRecord createDataset(String name) {
    return store.createDataset(new DatasetSpec(name,
        new DatasetKey("maze-gpt", "step-1000", "blocks.1.hook_resid_post", "eval-v1"), DType.FLOAT32, ROW_SHAPE,
        List.of(new LabelSpec("concept", DType.BOOL, new long[0]), new LabelSpec("input_id", DType.INT64, new long[0])),
        Map.of("purpose", "s3 round trip")));
  }

  /** Distinct, exactly representable values: batch b, row r, element e of the 4x3 row. */
  private static float[] activations(int batch, int rows) {
    float[] v = new float[rows * 12];
    for (int i = 0; i < v.length; i++) {
      v[i] = batch * 1000 + i + 0.25f;
    }
    return v;
  }

  private static boolean[] concepts(int batch, int rows) {
    boolean[] v = new boolean[rows];
    for (int r = 0; r < rows; r++) {
      v[r] = (r + batch) % 3 == 0;
    }
    return v;
  }

  private static long[] inputIds(int batch, int rows) {
    long[] v = new long[rows];
    for (int r = 0; r < rows; r++) {
      v[r] = (1L << 40) * (batch + 1) + r;
    }
    return v;
  }

  private static HostTensor int64s(long[] shape, long[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return new HostTensor(DType.INT64, shape, b.flip());
  }

  private static long[] toLongs(HostTensor t) {
    long[] out = new long[(int) t.elements()];
    t.data().asLongBuffer().get(out);
    return out;
  }

  private BatchRecord write(DatasetRecord d, int batch, int rows) {
    return store.writeBatch(d.id(), "batch-" + batch,
        HostTensor.ofFloats(new long[] {rows, 4, 3}, activations(batch, rows)),
        Map.of("concept", HostTensor.ofBools(new long[] {rows}, concepts(batch, rows)),
            "input_id", int64s(new long[] {rows}, inputIds(batch, rows))));
  }

  private static String objectKey(BatchRecord b) {
    return PREFIX + "/" + b.blobKey();
  }

  private byte[] download(BatchRecord b) {
    return raw.getObjectAsBytes(g -> g.bucket(BUCKET).key(objectKey(b))).asByteArray();
  }

  private List<String> keysUnder(String prefix) {
    return raw.listObjectsV2(l -> l.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).sorted()
        .toList();
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static void assertBatch(Safetensors.Contents c, int batch, int rows) {
    assertEquals(List.of("activations", "label.concept", "label.input_id"), List.copyOf(c.tensors().keySet()));
    HostTensor acts = c.tensors().get("activations");
    HostTensor concept = c.tensors().get("label.concept");
    HostTensor inputId = c.tensors().get("label.input_id");
    assertEquals(DType.FLOAT32, acts.dtype());
    assertArrayEquals(new long[] {rows, 4, 3}, acts.shape());
    assertArrayEquals(activations(batch, rows), acts.toFloats());
    assertEquals(DType.BOOL, concept.dtype());
    assertArrayEquals(new long[] {rows}, concept.shape());
    assertArrayEquals(concepts(batch, rows), concept.toBools());
    assertEquals(DType.INT64, inputId.dtype());
    assertArrayEquals(new long[] {rows}, inputId.shape());
    assertArrayEquals(inputIds(batch, rows), toLongs(inputId));
    assertEquals("batch-" + batch, c.metadata().get("kibitz.batch_id"));
  }

  @Test
  void batchesWrittenToS3ReadBackExactlyAndMatchTheirRecordedHash() throws Exception {
    DatasetRecord d = createDataset("on-s3");

    BatchRecord b0 = write(d, 0, 5);
    BatchRecord b1 = write(d, 1, 7);

    assertEquals(0, b0.batchIndex());
    assertEquals(1, b1.batchIndex());
    assertEquals(5, b0.rows());
    assertEquals(7, b1.rows());
    assertEquals(List.of(b0, b1), store.batches(d.id()));
    DatasetRecord after = store.dataset("on-s3");
    assertEquals(12, after.rows());
    assertEquals(2, after.batches());
    assertBatch(store.readBatch(d.id(), 0), 0, 5);
    assertBatch(store.readBatch("on-s3", 1), 1, 7);
    assertEquals(List.of(objectKey(b0), objectKey(b1)).stream().sorted().toList(),
        keysUnder(PREFIX + "/datasets/" + d.id() + "/"));
    for (BatchRecord b : List.of(b0, b1)) {
      assertTrue(b.blobKey().startsWith("datasets/" + d.id() + "/"), b.blobKey());
      assertEquals("s3://" + BUCKET + "/" + objectKey(b), store.uri(b));
      byte[] object = download(b);
      assertEquals(b.bytes(), object.length);
      assertEquals(b.sha256(), sha256(object));
      assertBatch(Safetensors.parse(ByteBuffer.wrap(object), objectKey(b)), b.batchIndex(), (int) b.rows());
    }
  }

  @Test
  void alteredOrMissingObjectsAreDataLossAndTheCatalogStaysIntact() throws Exception {
    DatasetRecord d = createDataset("tampered");
    BatchRecord b0 = write(d, 0, 5);
    BatchRecord b1 = write(d, 1, 7);
    byte[] altered = download(b1);
    altered[altered.length - 1] ^= 0x01;
    raw.putObject(p -> p.bucket(BUCKET).key(objectKey(b1)), RequestBody.fromBytes(altered));

    KibitzException corrupt = assertThrows(KibitzException.class, () -> store.readBatch(d.id(), 1));

    assertEquals(KibitzException.Reason.DATA_LOSS, corrupt.reason());
    assertTrue(corrupt.getMessage().contains("corrupt"), corrupt.getMessage());
    assertTrue(corrupt.getMessage().contains(b1.sha256()), corrupt.getMessage());

    raw.deleteObject(r -> r.bucket(BUCKET).key(objectKey(b1)));
    KibitzException missing = assertThrows(KibitzException.class, () -> store.readBatch(d.id(), 1));

    assertEquals(KibitzException.Reason.DATA_LOSS, missing.reason());
    assertTrue(missing.getMessage().contains("shard s3://" + BUCKET + "/" + objectKey(b1) + " is missing"),
        missing.getMessage());
    assertEquals(List.of(b0, b1), store.batches(d.id()));
    assertEquals(2, store.dataset(d.id()).batches());
    assertEquals(12, store.dataset(d.id()).rows());
    assertBatch(store.readBatch(d.id(), 0), 0, 5);
    assertEquals(List.of(objectKey(b0)), keysUnder(PREFIX + "/datasets/" + d.id() + "/"));
  }
}
