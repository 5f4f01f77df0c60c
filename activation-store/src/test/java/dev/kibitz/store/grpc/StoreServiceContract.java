package dev.kibitz.store.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.proto.v1.BatchHeader;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.CreateDatasetRequest;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.proto.v1.DatasetDetail;
import dev.kibitz.proto.v1.DatasetState;
import dev.kibitz.proto.v1.ListDatasetsRequest;
import dev.kibitz.proto.v1.StoreEvent;
import dev.kibitz.proto.v1.WriteBatchRequest;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.kafka.EmbeddedKafka;
import dev.kibitz.store.kafka.StoreEventTap;
import dev.kibitz.store.kafka.StoreTopics;
import dev.kibitz.store.wire.StoreProtos;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The activation store as deployed: a real gRPC server on a loopback port, a real Kafka broker, the
 * embedded catalog and local blobs. What a client writes comes back byte for byte, and Kafka sees
 * exactly one BatchStored per durable batch, in order, and nothing for writes that failed. Runs on
 * the in-JVM KRaft broker ({@link StoreServiceTest}) and on Testcontainers' Kafka where Docker exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreServiceContract {
  static final int WIDTH = 1024;
  Path dir;
  ApplicationContext context;
  ActivationStoreClient client;
  String bootstrap;

  /** Starts (or finds) the broker; returns its bootstrap servers. */
  abstract String startKafka() throws Exception;

  abstract void stopKafka() throws Exception;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("kibitz-store-service-");
    bootstrap = startKafka();
    EmbeddedKafka.createTopic(bootstrap, StoreTopics.STORE_EVENTS, 3);
    context = dev.kibitz.store.ActivationStoreApplication.start(Map.of("kibitz.activation-store.port", 0,
        "kibitz.activation-store.data-dir", dir.toString(), "kibitz.activation-store.kafka-bootstrap", bootstrap));
    client = new ActivationStoreClient("127.0.0.1", context.getBean(GrpcStoreServer.class).port(), 30);
  }

  @AfterAll
  void stop() throws Exception {
    client.close();
    context.close();
    stopKafka();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  static DatasetSpec spec(String name) {
    return new DatasetSpec(name, new DatasetKey("maze-agent", "step-040000", "embedder.block3.res2.add", "seeds"),
        DType.FLOAT32, new long[] {WIDTH}, List.of(new LabelSpec("input_id", DType.INT64, new long[0])), Map.of());
  }

  /** rows x WIDTH floats, value = seed + row + col / 1024: every byte is checkable. */
  static HostTensor rows(int rows, int seed) {
    float[] v = new float[rows * WIDTH];
    for (int i = 0; i < v.length; i++) {
      v[i] = seed + i / WIDTH + (i % WIDTH) / 1024f;
    }
    return HostTensor.ofFloats(new long[] {rows, WIDTH}, v);
  }

  static HostTensor ids(int rows, int first) {
    ByteBuffer b = ByteBuffer.allocate(rows * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < rows; i++) {
      b.putLong(first + i);
    }
    return new HostTensor(DType.INT64, new long[] {rows}, b.flip());
  }

  @Test
  void batchesRoundTripAndAreAnnouncedInOrderThenSealed() throws Exception {
    Dataset d = client.createDataset(spec("round-trip"));
    // 600 rows x 4 KiB = 2.4 MB: the write and the read each span several 1 MiB chunks.
    BatchInfo b0 = client.writeBatch(d.getId(), "b0", rows(600, 0), List.of(ids(600, 0)));
    BatchInfo b1 = client.writeBatch(d.getId(), "b1", rows(3, 1000), List.of(ids(3, 600)));
    BatchInfo b2 = client.writeBatch(d.getId(), "b2", rows(1, 2000), List.of(ids(1, 603)));
    assertEquals(List.of(0, 1, 2), List.of(b0.getBatchIndex(), b1.getBatchIndex(), b2.getBatchIndex()));
    ActivationStoreClient.Shard s0 = client.readBatch(d.getId(), 0);
    assertTrue(s0.tensor("activations").sameAs(rows(600, 0)));
    assertTrue(s0.tensor("label.input_id").sameAs(ids(600, 0)));
    assertEquals(b0.getSha256(), s0.info().getSha256());
    assertEquals(s0.file().length, b0.getBytes());
    Dataset sealed = client.seal(d.getId());
    assertEquals(DatasetState.DATASET_STATE_SEALED, sealed.getState());
    assertEquals(604, sealed.getRows());

    List<StoreEventTap.Seen> seen = eventsOf(d.getId(), 4);
    assertEquals(4, seen.size());
    assertEquals(1, seen.stream().map(StoreEventTap.Seen::partition).distinct().count());
    for (int i = 0; i < 3; i++) {
      StoreEvent e = seen.get(i).event();
      assertEquals(i, e.getBatchStored().getBatch().getBatchIndex());
      assertEquals(List.of(b0, b1, b2).get(i).getSha256(), e.getBatchStored().getBatch().getSha256());
      assertEquals("embedder.block3.res2.add", e.getBatchStored().getKey().getHook());
      assertEquals(List.of((long) WIDTH), e.getBatchStored().getRowShapeList());
    }
    assertEquals(3, seen.get(3).event().getDatasetSealed().getBatches());
    assertEquals(604, seen.get(3).event().getDatasetSealed().getRows());
  }

  @Test
  void failedWritesAreNeitherStoredNorAnnounced() throws Exception {
    Dataset d = client.createDataset(spec("failures"));
    WriteBatchRequest header = WriteBatchRequest.newBuilder().setHeader(BatchHeader.newBuilder()
        .setDatasetId(d.getId()).setBatchId("short").setRows(2)).build();
    StatusRuntimeException tooFew = assertThrows(StatusRuntimeException.class,
        () -> client.writeRaw(header, List.of(ByteBuffer.allocate(WIDTH * 4))));
    assertEquals(Status.Code.INVALID_ARGUMENT, tooFew.getStatus().getCode());
    assertEquals("batch 'short' of dataset 'failures': 4096 bytes of data sent, the header's 2 rows take 8208",
        tooFew.getStatus().getDescription());
    StatusRuntimeException tooMany = assertThrows(StatusRuntimeException.class,
        () -> client.writeRaw(header, List.of(ByteBuffer.allocate(9000))));
    assertEquals(Status.Code.INVALID_ARGUMENT, tooMany.getStatus().getCode());
    StatusRuntimeException noHeader = assertThrows(StatusRuntimeException.class, () -> client.writeRaw(
        WriteBatchRequest.newBuilder().setData(ByteString.copyFrom(new byte[8])).build(), List.of()));
    assertEquals("WriteBatch: the first message must be a header, got data", noHeader.getStatus().getDescription());
    BatchInfo good = client.writeBatch(d.getId(), "good", rows(2, 5), List.of(ids(2, 0)));
    assertEquals(0, good.getBatchIndex());

    List<StoreEventTap.Seen> seen = eventsOf(d.getId(), 1);
    assertEquals(1, seen.size());
    assertEquals("good", seen.get(0).event().getBatchStored().getBatch().getBatchId());
    DatasetDetail detail = client.dataset("failures");
    assertEquals(1, detail.getBatchesCount());
    try (Stream<Path> staged = Files.list(dir.resolve("staging"))) {
      assertEquals(0, staged.count());
    }
  }

  @Test
  void badRequestsGetStatusesAndTheStoreStaysIntact() {
    Dataset d = client.createDataset(spec("errors"));
    BatchInfo b = client.writeBatch(d.getId(), "b", rows(1, 0), List.of(ids(1, 0)));
    assertCode(Status.Code.NOT_FOUND, () -> client.dataset("no-such-dataset"));
    assertCode(Status.Code.NOT_FOUND, () -> client.readBatch(d.getId(), 7));
    assertCode(Status.Code.ALREADY_EXISTS, () -> client.createDataset(spec("errors")));
    assertCode(Status.Code.ALREADY_EXISTS, () -> client.writeBatch(d.getId(), "b", rows(1, 9), List.of(ids(1, 0))));
    assertEquals(b, client.writeBatch(d.getId(), "b", rows(1, 0), List.of(ids(1, 0))));
    CreateDatasetRequest valid = StoreProtos.request(spec("fine"));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> client.createDataset(valid.toBuilder().setRowShape(0, 0).build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> client.createDataset(valid.toBuilder()
        .setDtype(dev.kibitz.proto.v1.DType.DTYPE_UNSPECIFIED).build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> client.createDataset(valid.toBuilder().setName("Has Spaces")
        .build()));
    client.seal(d.getId());
    assertCode(Status.Code.FAILED_PRECONDITION, () -> client.writeBatch(d.getId(), "c", rows(1, 0),
        List.of(ids(1, 0))));
    DatasetDetail detail = client.dataset(d.getId());
    assertEquals(1, detail.getBatchesCount());
    assertArrayEquals(rows(1, 0).toFloats(), client.readBatch(d.getId(), 0).tensor("activations").toFloats());
    assertTrue(client.list(ListDatasetsRequest.newBuilder().setHook("embedder.block3.res2.add").build()).stream()
        .anyMatch(x -> x.getName().equals("errors")));
  }

  @Test
  void artifactsRoundTripOverGrpcAcrossChunks() {
    Dataset d = client.createDataset(spec("with-artifacts"));
    byte[] big = new byte[(3 << 20) + 17];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + 7);
    }
    dev.kibitz.proto.v1.Artifact a = client.putArtifact("sae", "with-artifacts/topk-64/weights.safetensors",
        d.getId(), Map.of("architecture", "topk"), big);
    assertEquals(big.length, a.getBytes());
    assertEquals(d.getId(), a.getSourceDatasetId());
    assertArrayEquals(big, client.getArtifact("sae", "with-artifacts/topk-64/weights.safetensors"));
    assertEquals(List.of(a), client.artifacts("sae", d.getId()));
    assertCode(Status.Code.ALREADY_EXISTS, () -> client.putArtifact("sae",
        "with-artifacts/topk-64/weights.safetensors", d.getId(), Map.of(), new byte[3]));
    assertCode(Status.Code.NOT_FOUND, () -> client.getArtifact("sae", "nothing"));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> client.putArtifact("", "x", null, Map.of(), new byte[1]));
  }

  private void assertCode(Status.Code code, org.junit.jupiter.api.function.Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
  }

  /** The events keyed by one dataset: waits until {@code expected} arrived, then one more second for extras. */
  private List<StoreEventTap.Seen> eventsOf(String datasetId, int expected) throws Exception {
    List<StoreEventTap.Seen> mine = new java.util.ArrayList<>();
    try (StoreEventTap tap = new StoreEventTap(bootstrap, StoreTopics.STORE_EVENTS)) {
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (mine.size() < expected && System.nanoTime() < end) {
        tap.take(1, Duration.ofMillis(300)).stream().filter(s -> s.key().equals(datasetId)).forEach(mine::add);
      }
      tap.take(Integer.MAX_VALUE, Duration.ofSeconds(1)).stream().filter(s -> s.key().equals(datasetId))
          .forEach(mine::add);
    }
    return mine;
  }
}
