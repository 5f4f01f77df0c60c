package dev.kibitz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.kafka.EmbeddedKafka;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.RowSource;
import dev.kibitz.sae.checkpoint.ResumeState;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.kafka.StoreTopics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sae-service as its own process, killed with SIGKILL mid-training and started again on an empty
 * folder (as a rescheduled pod would be): it restores its last checkpoint from the store, resumes from
 * it, and publishes weights bit-identical to the same training run in one go in this JVM over the same
 * batches in order. So no batch was lost and none was trained on twice.
 */
class SaeServiceKillTest {
  private static final int BATCHES = 8;
  private static final int ROWS = 128;
  private static final int DIM = 16;
  private static final int STEPS = 1000;

  @TempDir
  Path dir;

  @Test
  void aKilledSaeServiceResumesAndEndsBitIdenticalToAnUninterruptedRun() throws Exception {
    Path logs = dir.resolve("logs");
    Path out = dir.resolve("sae");
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        ServiceProcess store = ServiceProcess.start("activation-store", logs, Map.of(), "--port", "0",
            "--data-dir", dir.resolve("store").toString(), "--kafka", kafka.bootstrapServers())) {
      kafka.createTopic(StoreTopics.STORE_EVENTS, 2);
      String[] saeArgs = {"--kafka", kafka.bootstrapServers(), "--store", store.target(), "--output-dir",
          out.toString(), "--architecture", "topk", "--sparsity", "4", "--width", "32", "--steps",
          String.valueOf(STEPS), "--checkpoint-every", "100", "--health-port", "0"};
      try (ActivationStoreClient client = new ActivationStoreClient("127.0.0.1", store.port(), 60)) {
        int killedAt;
        try (ServiceProcess sae = ServiceProcess.start("sae-service", logs, Map.of(), saeArgs)) {
          Dataset d = client.createDataset(new DatasetSpec("gauss", new DatasetKey("synthetic", "seed-5", "resid",
              "gauss-" + BATCHES), DType.FLOAT32, new long[] {DIM}, List.of(new LabelSpec("input_id", DType.INT64,
              new long[0])), Map.of()));
          for (int i = 0; i < BATCHES; i++) {
            RowBatch b = batch(i);
            client.writeBatch(d.getId(), "b" + i, b.rows(), List.of(b.ids()));
          }
          client.seal(d.getId());
          Path job = out.resolve("gauss").resolve("topk-32");
          long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
          while (!(ResumeState.exists(job) && ResumeState.read(job).step() >= 200) && System.nanoTime() < deadline) {
            Thread.sleep(5);
          }
          sae.kill();
          killedAt = ResumeState.read(job).step();
        }
        assertTrue(killedAt >= 200 && killedAt < STEPS, "killed mid-training, last checkpoint at " + killedAt);
        String id = client.dataset("gauss").getDataset().getId();
        // every checkpoint but the last may not have reached the store before the kill
        assertTrue(client.artifacts("sae-checkpoint", id).size() >= killedAt / 100 - 1,
            client.artifacts("sae-checkpoint", id).toString());
        int restoredFrom = client.artifacts("sae-checkpoint", id).stream()
            .mapToInt(a -> Integer.parseInt(a.getAttributesMap().get("step"))).max().orElseThrow();

        Path emptyFolder = dir.resolve("sae-on-a-new-machine");
        saeArgs[5] = emptyFolder.toString();
        try (ServiceProcess sae = ServiceProcess.start("sae-service", logs, Map.of(), saeArgs)) {
          Path job = emptyFolder.resolve("gauss").resolve("topk-32");
          int firstSeen = Integer.MAX_VALUE;
          long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
          while (client.artifacts("sae", id).size() < 2 && System.nanoTime() < deadline) {
            if (ResumeState.exists(job)) {
              firstSeen = Math.min(firstSeen, ResumeState.read(job).step());
            }
            Thread.sleep(5);
          }
          assertTrue(firstSeen >= restoredFrom, "resumed from the store's step " + restoredFrom + ", not from scratch;"
              + " first state seen: " + firstSeen);
          assertEquals(List.of("gauss/topk-32/config.json", "gauss/topk-32/weights.safetensors"),
              client.artifacts("sae", id).stream().map(a -> a.getName()).toList());
          Path published = Files.createDirectories(dir.resolve("published"));
          Files.write(published.resolve(SaeCheckpoint.WEIGHTS), client.getArtifact("sae",
              "gauss/topk-32/weights.safetensors"));
          Files.write(published.resolve(SaeCheckpoint.CONFIG), client.getArtifact("sae", "gauss/topk-32/config.json"));
          Sae resumed = SaeCheckpoint.load(published);
          assertEquals(STEPS, resumed.step());
          SaeTrainingConfig config = SaeTrainingConfig.fromJson(resumed.training());

          Sae uninterrupted = new SaeTrainer(config).train(RowSource.cycling(BATCHES, SaeServiceKillTest::batch), null, (s, st) -> true).sae();
          assertEquals(uninterrupted.weights().keySet(), resumed.weights().keySet());
          uninterrupted.weights().forEach((k, v) -> assertTrue(v.sameAs(resumed.weights().get(k)), k + " differs"));
          assertEquals(uninterrupted.inputScale(), resumed.inputScale(), 0.0);
        }
      }
    }
  }

  /** Seeded Gaussian rows; ids are batch * ROWS + row. */
  private static RowBatch batch(int index) {
    Random r = new Random(5_000 + index);
    ByteBuffer x = ByteBuffer.allocate(ROWS * DIM * 4).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer ids = ByteBuffer.allocate(ROWS * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < DIM; j++) {
        x.putFloat((float) (r.nextGaussian() * (1 + j % 4)));
      }
      ids.putLong((long) index * ROWS + i);
    }
    return new RowBatch(new HostTensor(DType.FLOAT32, new long[] {ROWS, DIM}, x.flip()),
        new HostTensor(DType.INT64, new long[] {ROWS}, ids.flip()));
  }
}
