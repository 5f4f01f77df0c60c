package dev.kibitz.bench;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.BatchStored;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.sae.arch.ReluL1Sae;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.RowSource;
import dev.kibitz.sae.checkpoint.ResumeState;
import dev.kibitz.sae.service.SaeJobs;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import dev.kibitz.store.ActivationStoreApplication;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.grpc.GrpcStoreServer;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An SAE trained the service's way against the bare loop on the same rows, interleaved run by run.
 * The service side is a {@link SaeJobs} job started by a BatchStored event (handed to it directly,
 * no Kafka) on a sealed dataset in an in-process activation store, reading its batches over gRPC;
 * the bare side is {@link SaeTrainer} over the same batches held in memory. Both write the final
 * checkpoint; a run's time (first event to final resume state on disk) over its steps is compared.
 * Smaller than {@link SaeStepBench} (B=1024, width 1024) so that the whole bench stays near 1-2 minutes.
 */
final class SaeServiceBench implements Bench {
  private static final int BATCH = 1024;
  private static final int D = 256;
  private static final int WIDTH = 1024;
  private static final int DATASET_BATCHES = 16;

  @Override
  public String name() {
    return "sae-service";
  }

  @Override
  public String description() {
    return "SAE job reading an activation store over gRPC vs the bare loop on the same rows in memory "
        + "(B=1024 d=256 width=1024); goal ratio <= 1.15";
  }

  @Override
  public Map<String, Object> run() throws Exception {
    int steps = Integer.getInteger("kibitz.bench.sae.service.steps", 60);
    int rounds = Integer.getInteger("kibitz.bench.rounds", 5);
    SaeTrainingConfig config = new SaeTrainingConfig(new ReluL1Sae(SaeStepBench.L1), D, WIDTH, steps, BATCH,
        SaeStepBench.LR, 0, false, 1, 4 * BATCH, 1, 1_000_000, 0, 0);
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kibitz-sae-bench-");
    RandomRowSource rows = new RandomRowSource(D, BATCH, DATASET_BATCHES, 9);
    long[] service = new long[rounds];
    long[] bare = new long[rounds];
    long[] reads = new long[DATASET_BATCHES];
    ApplicationContext store = ActivationStoreApplication.start(Map.of("kibitz.activation-store.port", 0,
        "kibitz.activation-store.data-dir", dir.resolve("store").toString()));
    try (ActivationStoreClient client = new ActivationStoreClient("127.0.0.1",
        store.getBean(GrpcStoreServer.class).port(), 60)) {
      Dataset d = client.createDataset(new DatasetSpec("bench", new DatasetKey("bench", "0", "resid", "random"),
          DType.FLOAT32, new long[] {D}, List.of(new LabelSpec("input_id", DType.INT64, new long[0])), Map.of()));
      RowBatch[] batches = new RowBatch[DATASET_BATCHES];
      for (int i = 0; i < DATASET_BATCHES; i++) {
        batches[i] = rows.next();
        client.writeBatch(d.getId(), "b" + i, batches[i].rows(), List.of(batches[i].ids()));
      }
      client.seal(d.getId());
      BatchInfo first = client.dataset(d.getId()).getBatches(0);
      for (int i = 0; i < DATASET_BATCHES; i++) {
        long t0 = System.nanoTime();
        client.readBatch(d.getId(), i).tensor(dev.kibitz.store.ShardLayout.ACTIVATIONS);
        reads[i] = System.nanoTime() - t0;
      }
      runBare(config, batches, dir.resolve("warm-up-bare"));
      runService(client, config, first, dir.resolve("warm-up-service"), steps);
      for (int r = 0; r < rounds; r++) {
        boolean serviceFirst = r % 2 == 0;
        if (!serviceFirst) {
          bare[r] = runBare(config, batches, dir.resolve("bare-" + r));
        }
        service[r] = runService(client, config, first, dir.resolve("service-" + r), steps);
        if (serviceFirst) {
          bare[r] = runBare(config, batches, dir.resolve("bare-" + r));
        }
        System.err.printf("round %d: service %.1f ms/step, bare %.1f ms/step%n", r, service[r] / 1e6 / steps,
            bare[r] / 1e6 / steps);
      }
    } finally {
      store.close();
      deleteTree(dir);
    }
    double serviceMs = Bench.median(service) / 1e6 / steps;
    double bareMs = Bench.median(bare) / 1e6 / steps;
    Map<String, Object> f = Bench.figures();
    f.put("batch", BATCH);
    f.put("d_in", D);
    f.put("width", WIDTH);
    f.put("steps_per_run", steps);
    f.put("rounds", rounds);
    f.put("ms_per_step_service", Bench.round(serviceMs, 2));
    f.put("ms_per_step_bare", Bench.round(bareMs, 2));
    f.put("ratio_service_over_bare", Bench.round(serviceMs / bareMs, 3));
    // what reading one batch over gRPC costs by itself (the job reads one batch per step)
    f.put("ms_per_batch_read", Bench.round(Bench.median(reads) / 1e6, 2));
    return f;
  }

  /** Starts a job with a first BatchStored event and waits for its final resume state; nanoseconds. */
  private static long runService(ActivationStoreClient client, SaeTrainingConfig config, BatchInfo first, Path out,
      int steps) throws Exception {
    Path jobDir = out.resolve("bench").resolve("relu_l1-" + WIDTH);
    long t0 = System.nanoTime();
    new SaeJobs(client, config, "", out, -1).apply(BatchStored.newBuilder().setBatch(first).build());
    long deadline = t0 + 600_000_000_000L;
    while (!(ResumeState.exists(jobDir) && ResumeState.read(jobDir).step() >= steps)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("SAE job in " + jobDir + " did not finish in 10 minutes");
      }
      Thread.sleep(20); // a 2 ms poll woke this thread 500 times a second, slowing the job on 2 cores
    }
    return System.nanoTime() - t0;
  }

  /**
   * On a fresh thread, as the service runs each job. libgomp keeps a thread pool for every thread that
   * ever ran a parallel region, and once the process holds more such threads than CPUs it stops
   * spin-waiting between regions: had the bare loop run on this (main) thread, main's pool would still
   * be alive during the service's runs and slow the job's every matrix product (1.36 instead of ~1.1
   * on 2 cores) while the bare loop never paid that.
   */
  private static long runBare(SaeTrainingConfig config, RowBatch[] batches, Path out) throws Exception {
    long[] nanos = new long[1];
    Exception[] failure = new Exception[1];
    Thread bare = new Thread(() -> {
      try {
        long t0 = System.nanoTime();
        new SaeTrainer(config).train(RowSource.cycling(batches.length, i -> batches[i]), out, (step, stats) -> true);
        nanos[0] = System.nanoTime() - t0;
      } catch (Exception e) {
        failure[0] = e;
      }
    }, "sae-bare-loop");
    bare.start();
    bare.join();
    if (failure[0] != null) {
      throw failure[0];
    }
    return nanos[0];
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
