package dev.kibitz.store.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.proto.v1.BatchStored;
import dev.kibitz.proto.v1.DatasetSealed;
import dev.kibitz.store.ActivationStore;
import dev.kibitz.store.blob.LocalBlobStore;
import dev.kibitz.store.catalog.Catalog;
import dev.kibitz.store.catalog.CatalogDatabase;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetRecord;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.kafka.EmbeddedKafka;
import dev.kibitz.store.kafka.EmbeddedKafkaExtension;
import dev.kibitz.store.kafka.KafkaAnnouncer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer that dies in the middle of a batch and is restarted applies every batch exactly once to
 * its durable state: the crash loses only unflushed work, whose offsets were never committed.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class StoreEventConsumerTest {
  static final String TOPIC = "kibitz.store.events.consumer-test";

  @TempDir
  Path dir;

  /** Durable state: rows summed per batch key, and which datasets were sealed. Flushed as JSON, atomically. */
  static final class RowCountingSink implements BatchSink {
    final Path file;
    final TreeMap<String, Long> rowsByBatch;
    final TreeMap<String, Integer> sealed;
    final int crashAtApply;
    int applies;

    @SuppressWarnings("unchecked")
    RowCountingSink(Path file, int crashAtApply) throws Exception {
      this.file = file;
      this.crashAtApply = crashAtApply;
      State s = Files.exists(file) ? new Gson().fromJson(Files.readString(file), State.class) : new State();
      this.rowsByBatch = new TreeMap<>(s.rowsByBatch);
      this.sealed = new TreeMap<>(s.sealed);
    }

    static final class State {
      Map<String, Long> rowsByBatch = new TreeMap<>();
      Map<String, Integer> sealed = new TreeMap<>();
    }

    @Override
    public boolean applied(BatchKey key) {
      return rowsByBatch.containsKey(key.toString());
    }

    @Override
    public void apply(BatchStored event) {
      applies++;
      rowsByBatch.put(BatchKey.of(event).toString(), event.getBatch().getRows());
      if (applies == crashAtApply) {
        // Dies with the batch applied in memory but not flushed: "killed mid-batch".
        throw new IllegalStateException("simulated crash while training on " + BatchKey.of(event));
      }
    }

    @Override
    public void sealed(DatasetSealed event) {
      sealed.put(event.getDatasetId(), event.getBatches());
    }

    @Override
    public void flush() throws Exception {
      State s = new State();
      s.rowsByBatch = rowsByBatch;
      s.sealed = sealed;
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, new Gson().toJson(s));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void killedMidBatchAndRestartedAppliesEveryBatchExactlyOnce(EmbeddedKafka kafka) throws Exception {
    kafka.createTopic(TOPIC, 2);
    ActivationStore store = new ActivationStore(new Catalog(CatalogDatabase.embedded(dir)),
        new LocalBlobStore(dir.resolve("blobs")), dir.resolve("staging"),
        new KafkaAnnouncer(kafka.bootstrapServers(), TOPIC, Duration.ofSeconds(20)), Clock.systemUTC());
    DatasetRecord a = store.createDataset(spec("a"));
    DatasetRecord b = store.createDataset(spec("b"));
    for (int i = 0; i < 6; i++) {
      store.writeBatch(a.id(), "a" + i, rows(i + 1), Map.of());
      store.writeBatch(b.id(), "b" + i, rows(10 + i), Map.of());
    }
    store.seal(a.id());
    store.seal(b.id());

    Path state = dir.resolve("sink.json");
    RowCountingSink crashing = new RowCountingSink(state, 8);
    StoreEventConsumer first = new StoreEventConsumer(kafka.bootstrapServers(), TOPIC, "trainer", crashing,
        3).start("first");
    waitFor(() -> !first.isRunning());
    assertNotNull(first.failure());
    assertTrue(first.failure().getMessage().startsWith("simulated crash"), first.failure().getMessage());

    RowCountingSink restarted = new RowCountingSink(state, -1);
    int durableBeforeRestart = restarted.rowsByBatch.size();
    // Polls of 3 records: some polls were flushed and committed before the crash, the crashing one was not.
    assertTrue(durableBeforeRestart > 0 && durableBeforeRestart < 8, "durable before restart: " + durableBeforeRestart);
    try (StoreEventConsumer second = new StoreEventConsumer(kafka.bootstrapServers(), TOPIC, "trainer", restarted)
        .start("second")) {
      waitFor(() -> restarted.sealed.size() == 2);
      Thread.sleep(500);
      assertEquals(12 - durableBeforeRestart, second.applied());
    }
    RowCountingSink reloaded = new RowCountingSink(state, -1);
    assertEquals(12, reloaded.rowsByBatch.size());
    long sum = reloaded.rowsByBatch.values().stream().mapToLong(Long::longValue).sum();
    assertEquals((1 + 2 + 3 + 4 + 5 + 6) + (10 + 11 + 12 + 13 + 14 + 15), sum);
    assertEquals(Map.of(a.id(), 6, b.id(), 6), reloaded.sealed);
    // Exactly-once per batch: the sink applied each key at most once per life, and no key is missing.
    assertEquals(12 - durableBeforeRestart, restarted.applies);
    store.close();
  }

  static DatasetSpec spec(String name) {
    return new DatasetSpec(name, new DatasetKey("m", "c", "h", "i"), DType.FLOAT32, new long[] {2}, List.of(),
        Map.of());
  }

  static HostTensor rows(int n) {
    return HostTensor.ofFloats(new long[] {n, 2}, new float[n * 2]);
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(50);
    }
  }
}
