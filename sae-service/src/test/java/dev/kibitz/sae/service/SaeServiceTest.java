package dev.kibitz.sae.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.kafka.EmbeddedKafka;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.TopKSae;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.checkpoint.ResumeState;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import dev.kibitz.sae.synthetic.SyntheticFeatures;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import dev.kibitz.store.ActivationStoreApplication;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.grpc.GrpcStoreServer;
import dev.kibitz.store.kafka.EmbeddedKafkaExtension;
import dev.kibitz.store.kafka.StoreTopics;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sae-service trains from announced batches of a real store over a real broker; killed mid-way
 * and restarted, it resumes from its checkpoint and ends bit-identical to the bare training loop run
 * on the same batches in order: every batch was trained on exactly once.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class SaeServiceTest {
  static final int BATCHES = 8;
  static final SyntheticFeatures.Spec SPEC = SyntheticFeatures.Spec.independent(16, 40, 0.06, 96, 11);
  // 150 steps of 64 rows from a 1024-row buffer read all 8 announced batches and wrap into a second epoch.
  static final SaeTrainingConfig CONFIG = new SaeTrainingConfig(new TopKSae(3, 8, 1.0 / 32), 16, 64, 150, 64, 3e-3,
      20, true, 3, 1024, 4, 10, 40, 30);
  @TempDir
  static Path dir;
  static ApplicationContext store;
  static ActivationStoreClient client;
  static String bootstrap;
  static int port;

  @BeforeAll
  static void start(EmbeddedKafka kafka) throws Exception {
    kafka.createTopic(StoreTopics.STORE_EVENTS, 2);
    bootstrap = kafka.bootstrapServers();
    store = ActivationStoreApplication.start(Map.of("kibitz.activation-store.port", 0,
        "kibitz.activation-store.data-dir", dir.resolve("store").toString(),
        "kibitz.activation-store.kafka-bootstrap", bootstrap));
    port = store.getBean(GrpcStoreServer.class).port();
    client = new ActivationStoreClient("127.0.0.1", port, 30);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    store.close();
  }

  @Test
  void killedJobResumesAndMatchesTheBareLoopBitForBit() throws Exception {
    Dataset d = client.createDataset(new DatasetSpec("synthetic", new DatasetKey("synthetic", "seed-11", "resid",
        "features-40"), DType.FLOAT32, new long[] {16}, List.of(new LabelSpec("input_id", DType.INT64,
            new long[0])), Map.of()));
    SyntheticFeatures features = new SyntheticFeatures(SPEC);
    for (int i = 0; i < BATCHES; i++) {
      RowBatch b = features.batch(i);
      client.writeBatch(d.getId(), "b" + i, b.rows(), List.of(b.ids()));
    }
    client.seal(d.getId());

    Path out = dir.resolve("sae");
    Path jobDir = out.resolve("synthetic").resolve("topk-64");
    try (SaeService crashing = new SaeService("127.0.0.1", port, bootstrap, StoreTopics.STORE_EVENTS, CONFIG, "resid",
        out, 75).start()) {
      SaeJob job = await(() -> crashing.jobs().job(d.getId()));
      awaitTrue(() -> !job.running());
      assertNull(job.failure());
    }
    assertEquals(60, ResumeState.read(jobDir).step(), "the last checkpoint before the kill at step 75");

    Sae resumed;
    try (SaeService restarted = new SaeService("127.0.0.1", port, bootstrap, StoreTopics.STORE_EVENTS, CONFIG,
        "resid", out, -1).start()) {
      SaeJob job = await(() -> restarted.jobs().job(d.getId()));
      awaitTrue(() -> !job.running());
      assertNull(job.failure());
      assertNotNull(job.outcome());
      assertTrue(job.outcome().completed());
      resumed = job.outcome().sae();
    }
    assertEquals(150, SaeCheckpoint.load(jobDir).step());
    assertArrayEquals(java.nio.file.Files.readAllBytes(jobDir.resolve(SaeCheckpoint.WEIGHTS)),
        client.getArtifact(SaeJobs.ARTIFACT_KIND, "synthetic/topk-64/" + SaeCheckpoint.WEIGHTS));
    assertEquals(List.of("synthetic/topk-64/config.json", "synthetic/topk-64/weights.safetensors"),
        client.artifacts("sae", d.getId()).stream().map(a -> a.getName()).toList());

    // The bare loop on the same batches in index order, cycling after the last one as the service does.
    Sae bare = new SaeTrainer(CONFIG).train(dev.kibitz.sae.buffer.RowSource.cycling(BATCHES, features::batch), null,
        (s, st) -> true).sae();
    assertEquals(bare.weights().keySet(), resumed.weights().keySet());
    bare.weights().forEach((k, v) -> assertTrue(v.sameAs(resumed.weights().get(k)), k + " differs"));
    assertEquals(bare.inputScale(), resumed.inputScale(), 0.0);
  }

  /**
   * Batches read once are kept within the budget and later epochs never go back to the store for
   * them: after the first epoch, the shards of a kept batch and of a batch over the budget are
   * corrupted on disk; the kept one still comes back byte for byte, the other fails its checksum.
   */
  @Test
  void keptBatchesComeFromMemoryInLaterEpochs() throws Exception {
    Dataset d = client.createDataset(new DatasetSpec("cached", new DatasetKey("synthetic", "seed-11", "resid",
        "cached"), DType.FLOAT32, new long[] {16}, List.of(new LabelSpec("input_id", DType.INT64,
            new long[0])), Map.of()));
    SyntheticFeatures features = new SyntheticFeatures(SPEC);
    long twoBatches = 0;
    for (int i = 0; i < 3; i++) {
      RowBatch b = features.batch(i);
      client.writeBatch(d.getId(), "b" + i, b.rows(), List.of(b.ids()));
      twoBatches += i < 2 ? b.rows().byteSize() + b.ids().byteSize() : 0;
    }
    client.seal(d.getId());
    DatasetRowSource source = new DatasetRowSource(client, client.dataset(d.getId()), twoBatches);
    List<RowBatch> first = List.of(source.next(), source.next(), source.next());
    assertEquals(2, source.cachedBatches());

    var batches = client.dataset(d.getId()).getBatchesList();
    for (int i : new int[] {0, 2}) {
      Path shard = Path.of(java.net.URI.create(batches.get(i).getUri()));
      byte[] bytes = java.nio.file.Files.readAllBytes(shard);
      bytes[bytes.length - 1] ^= 0x55;
      java.nio.file.Files.write(shard, bytes);
    }
    RowBatch again = source.next();
    assertTrue(again.rows().sameAs(first.get(0).rows()) && again.ids().sameAs(first.get(0).ids()));
    assertTrue(source.next().rows().sameAs(first.get(1).rows()));
    org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, source::next,
        "batch 2 was not kept: it is read from the store, whose checksum catches the corruption");
    assertEquals(5, source.position());
  }

  static <T> T await(java.util.function.Supplier<T> value) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    T v;
    while ((v = value.get()) == null) {
      if (System.nanoTime() > end) {
        throw new AssertionError("nothing within 60 s");
      }
      Thread.sleep(50);
    }
    return v;
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    await(() -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }
}
