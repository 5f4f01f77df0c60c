package dev.kibitz.modelserver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.testing.ForwardFixtures;
import dev.kibitz.modelserver.testing.SharedServer;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.NamedTensor;
import dev.kibitz.proto.v1.StoreCaptures;
import dev.kibitz.store.ActivationStoreApplication;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.grpc.GrpcStoreServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture session writes its captures into a real activation store over gRPC, with the client's labels. */
class CaptureToStoreTest extends SharedServer {
  static final String HOOK = "stages.1.res.0.resid_out";
  static final String CHECKPOINT = "init-seed-0";
  @TempDir
  static Path dir;
  static ApplicationContext storeContext;
  static ActivationStoreClient store;
  static String target;

  @BeforeAll
  static void startStore() throws Exception {
    storeContext = ActivationStoreApplication.start(Map.of("kibitz.activation-store.port", 0,
        "kibitz.activation-store.data-dir", dir.toString()));
    int port = storeContext.getBean(GrpcStoreServer.class).port();
    target = "127.0.0.1:" + port;
    store = new ActivationStoreClient("127.0.0.1", port, 30);
  }

  @AfterAll
  static void stopStore() throws Exception {
    store.close();
    storeContext.close();
  }

  /** The capture's spec as the model server describes it: float32 [32, 7, 7] for this hook. */
  static DatasetSpec spec(String name, long[] rowShape) {
    return new DatasetSpec(name, new DatasetKey(ForwardFixtures.MODEL, CHECKPOINT, HOOK, "uniform-noise"),
        DType.FLOAT32, rowShape, List.of(new LabelSpec("input_id", DType.INT64, new long[0])), Map.of());
  }

  static HostTensor ids(long... v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long x : v) {
      b.putLong(x);
    }
    return new HostTensor(DType.INT64, new long[] {v.length}, b.flip());
  }

  static ForwardOpen open(String dataset, boolean alsoStream) {
    return ForwardFixtures.open(HOOK).setCheckpoint(CHECKPOINT).setStore(StoreCaptures.newBuilder()
        .setTarget(target).putDatasets(HOOK, dataset).setAlsoStream(alsoStream)).build();
  }

  static ForwardRequest batch(HostTensor obs, HostTensor ids, String batchId) {
    ForwardBatch.Builder b = ForwardFixtures.batchRequest(obs).getBatch().toBuilder().setBatchId(batchId);
    if (ids != null) {
      b.addLabels(NamedTensor.newBuilder().setName("input_id").setTensor(TensorCodec.toProto(ids)));
    }
    return ForwardRequest.newBuilder().setBatch(b).build();
  }

  @Test
  void capturesLandInTheDatasetByteForByteWithLabels() {
    String id = store.createDataset(spec("noise-captures", new long[] {32, 7, 7})).getId();
    HostTensor obs0 = ForwardFixtures.observations(1, 4);
    HostTensor obs1 = ForwardFixtures.observations(2, 3);
    BatchResult streamed0;
    BatchResult streamed1;
    try (ForwardStream plain = client.openForward(ForwardFixtures.open(HOOK).setCheckpoint(CHECKPOINT).build())) {
      streamed0 = plain.forward(Map.of("obs", obs0));
      streamed1 = plain.forward(Map.of("obs", obs1));
    }
    try (ForwardStream s = client.openForward(open("noise-captures", false))) {
      s.send(batch(obs0, ids(10, 11, 12, 13), "first"));
      BatchResult r0 = s.receive();
      assertFalse(r0.captures().containsKey(HOOK), "stored captures are not streamed back unless asked");
      List<BatchInfo> stored0 = s.lastStored();
      assertEquals(1, stored0.size());
      assertEquals(0, stored0.get(0).getBatchIndex());
      assertEquals(4, stored0.get(0).getRows());
      assertEquals("first", stored0.get(0).getBatchId());
      s.send(batch(obs1, ids(20, 21, 22), ""));
      s.receive();
      assertEquals(1, s.lastStored().get(0).getBatchIndex());
      assertEquals(s.opened().getSessionId() + "/1", s.lastStored().get(0).getBatchId());
    }
    ActivationStoreClient.Shard shard0 = store.readBatch(id, 0);
    assertTrue(shard0.tensor("activations").sameAs(streamed0.captures().get(HOOK)));
    assertTrue(shard0.tensor("label.input_id").sameAs(ids(10, 11, 12, 13)));
    assertTrue(store.readBatch(id, 1).tensor("activations").sameAs(streamed1.captures().get(HOOK)));
    assertEquals(7, store.dataset(id).getDataset().getRows());
  }

  @Test
  void alsoStreamReturnsTheCaptureToo() {
    store.createDataset(spec("noise-both", new long[] {32, 7, 7}));
    try (ForwardStream s = client.openForward(open("noise-both", true))) {
      s.send(batch(ForwardFixtures.observations(3, 2), ids(1, 2), "b"));
      BatchResult r = s.receive();
      assertTrue(r.captures().get(HOOK).sameAs(store.readBatch(s.lastStored().get(0).getDatasetId(), 0)
          .tensor("activations")));
    }
  }

  @Test
  void mismatchesAreRefusedAtOpenOrBatchWithReasons() {
    store.createDataset(spec("wrong-shape", new long[] {32, 13, 13}));
    assertEquals("open.store: dataset 'wrong-shape' has row shape [32, 13, 13], the capture is [32, 7, 7]",
        refusal(open("wrong-shape", false), null));
    assertEquals("open.store: hook 'stages.0.conv_out' must also be in capture", refusal(ForwardFixtures
        .open(HOOK).setCheckpoint(CHECKPOINT).setStore(StoreCaptures.newBuilder().setTarget(target)
            .putDatasets("stages.0.conv_out", "x")).build(), null));
    assertEquals(Status.Code.NOT_FOUND, code(open("no-such-dataset", false), null));
    store.createDataset(spec("needs-labels", new long[] {32, 7, 7}));
    assertEquals("batch: dataset 'needs-labels' needs label 'input_id' in ForwardBatch.labels",
        refusal(open("needs-labels", false), batch(ForwardFixtures.observations(4, 2), null, "x")));
    assertEquals(0, store.dataset("needs-labels").getBatchesCount());
  }

  private static String refusal(ForwardOpen open, ForwardRequest batch) {
    return failure(open, batch).getStatus().getDescription();
  }

  private static Status.Code code(ForwardOpen open, ForwardRequest batch) {
    return failure(open, batch).getStatus().getCode();
  }

  private static StatusRuntimeException failure(ForwardOpen open, ForwardRequest batch) {
    return assertThrows(StatusRuntimeException.class, () -> {
      try (ForwardStream s = client.openForward(open)) {
        s.opened();
        if (batch != null) {
          s.send(batch);
          s.receive();
        }
      }
    });
  }
}
