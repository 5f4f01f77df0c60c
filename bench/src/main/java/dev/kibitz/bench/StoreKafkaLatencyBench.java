package dev.kibitz.bench;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.kafka.EmbeddedKafka;
import dev.kibitz.proto.v1.StoreEvent;
import dev.kibitz.store.ActivationStore;
import dev.kibitz.store.blob.LocalBlobStore;
import dev.kibitz.store.catalog.Catalog;
import dev.kibitz.store.catalog.CatalogDatabase;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.kafka.KafkaAnnouncer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Latency from the start of a store write (64 rows x 256 floats, made durable, cataloged, announced) to
 * a consumer's receipt of its BatchStored, on an in-JVM broker; the baseline is a bare idempotent
 * producer's record of the same event size to a consumer on the same broker, interleaved.
 */
final class StoreKafkaLatencyBench implements Bench {

  @Override
  public String name() {
    return "store-kafka-latency";
  }

  @Override
  public String description() {
    return "store write -> consumer receipt of BatchStored (p50/p99) vs a bare producer -> consumer record";
  }

  @Override
  public Map<String, Object> run() throws Exception {
    int n = Integer.getInteger("kibitz.bench.samples", 200);
    Path dir = Files.createTempDirectory("kibitz-latency-bench-");
    Map<String, Long> received = new ConcurrentHashMap<>();
    long[] store = new long[n];
    long[] bare = new long[n];
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("store", 1);
      kafka.createTopic("bare", 1);
      Thread consumer = consume(kafka.bootstrapServers(), received);
      try (ActivationStore s = new ActivationStore(new Catalog(CatalogDatabase.embedded(dir)),
          new LocalBlobStore(dir.resolve("blobs")), dir.resolve("staging"),
          new KafkaAnnouncer(kafka.bootstrapServers(), "store", Duration.ofSeconds(30)), Clock.systemUTC());
          KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
        String id = s.createDataset(new DatasetSpec("latency", new DatasetKey("bench", "0", "h", "random"),
            DType.FLOAT32, new long[] {256}, List.of(), Map.of())).id();
        HostTensor rows = HostTensor.ofFloats(new long[] {64, 256}, new float[64 * 256]);
        byte[] eventSized = new byte[300];
        for (int i = -20; i < n; i++) {
          long t0 = System.nanoTime();
          int index = s.writeBatch(id, "b" + i, rows, Map.of()).batchIndex();
          long storeLatency = await(received, "store/" + index) - t0;
          long t1 = System.nanoTime();
          producer.send(new ProducerRecord<>("bare", ("bare/" + i).getBytes(StandardCharsets.UTF_8), eventSized));
          long bareLatency = await(received, "bare/" + i) - t1;
          if (i >= 0) {
            store[i] = storeLatency;
            bare[i] = bareLatency;
          }
        }
      } finally {
        consumer.interrupt();
        consumer.join(10_000);
      }
    }
    Map<String, Object> f = Bench.figures();
    f.put("samples", n);
    f.put("store_p50_ms", Bench.round(percentile(store, 50) / 1e6, 2));
    f.put("store_p99_ms", Bench.round(percentile(store, 99) / 1e6, 2));
    f.put("bare_p50_ms", Bench.round(percentile(bare, 50) / 1e6, 2));
    f.put("bare_p99_ms", Bench.round(percentile(bare, 99) / 1e6, 2));
    f.put("p50_ratio", Bench.round(percentile(store, 50) / (double) percentile(bare, 50), 2));
    return f;
  }

  private static long await(Map<String, Long> received, String key) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Long at;
    while ((at = received.get(key)) == null) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("no record '" + key + "' within 30 s");
      }
      Thread.onSpinWait();
    }
    return at;
  }

  /** Records the receipt time of every record: store events by batch index, bare records by key. */
  private static Thread consume(String bootstrap, Map<String, Long> received) throws InterruptedException {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "latency");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    c.subscribe(List.of("store", "bare"));
    Object ready = new Object();
    Thread t = new Thread(() -> {
      try (c) {
        while (!Thread.currentThread().isInterrupted()) {
          for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
            long now = System.nanoTime();
            if (r.topic().equals("store")) {
              received.put("store/" + StoreEvent.parseFrom(r.value()).getBatchStored().getBatch().getBatchIndex(), now);
            } else {
              received.put(new String(r.key(), StandardCharsets.UTF_8), now);
            }
          }
          if (!c.assignment().isEmpty()) {
            synchronized (ready) {
              ready.notifyAll();
            }
          }
        }
      } catch (org.apache.kafka.common.errors.InterruptException e) {
        // stopping
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "latency-consumer");
    t.setDaemon(true);
    synchronized (ready) {
      t.start();
      ready.wait(30_000);
    }
    return t;
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static long percentile(long[] values, int pct) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(pct / 100.0 * s.length) - 1)];
  }
}
