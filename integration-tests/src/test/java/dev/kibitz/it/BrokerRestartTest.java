package dev.kibitz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.proto.v1.StoreEvent;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.kafka.StoreTopics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker (its own JVM) is killed with SIGKILL in the middle of a stream of writes to the store (its own
 * JVM) and started again: every write still succeeds, and every batch and the seal end up announced on
 * the topic, those written while the broker was down by the store's outbox relay once it is back.
 */
class BrokerRestartTest {
  private static final int BATCHES = 10;
  private static final int KILL_AFTER = 4;

  @TempDir
  Path dir;

  @Test
  void noAnnouncedBatchIsLostWhenTheBrokerRestartsMidStream() throws Exception {
    try (KafkaProcess kafka = KafkaProcess.create(dir.resolve("kafka"))) {
      dev.kibitz.kafka.EmbeddedKafka.createTopic(kafka.bootstrapServers(), StoreTopics.STORE_EVENTS, 2);
      Map<String, String> fastRetry = Map.of("KIBITZ_ACTIVATION_STORE_ANNOUNCE_TIMEOUT_SECONDS", "2",
          "KIBITZ_ACTIVATION_STORE_ANNOUNCE_RETRY_SECONDS", "1");
      try (ServiceProcess store = ServiceProcess.start("activation-store", dir.resolve("logs"), fastRetry,
              "--port", "0", "--data-dir", dir.resolve("store").toString(), "--kafka", kafka.bootstrapServers());
          ActivationStoreClient client = new ActivationStoreClient("127.0.0.1", store.port(), 120)) {
        String id = client.createDataset(new DatasetSpec("stream", new DatasetKey("m", "c", "h", "s"), DType.FLOAT32,
            new long[] {4}, List.of(new LabelSpec("input_id", DType.INT64, new long[0])), Map.of())).getId();
        for (int i = 0; i < BATCHES; i++) {
          if (i == KILL_AFTER) {
            kafka.kill();
          }
          if (i == BATCHES - 2) {
            kafka.start();
          }
          client.writeBatch(id, "b" + i, rows(i), List.of(ids(i)));
        }
        client.seal(id);
        assertEquals(BATCHES, client.dataset(id).getBatchesCount());

        Set<Integer> announced = new TreeSet<>();
        boolean sealed = false;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "broker-restart-check");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
            new ByteArrayDeserializer())) {
          consumer.subscribe(List.of(StoreTopics.STORE_EVENTS));
          long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
          while ((announced.size() < BATCHES || !sealed) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
              StoreEvent e = StoreEvent.parseFrom(r.value());
              assertEquals(id, r.key());
              if (e.hasBatchStored()) {
                announced.add(e.getBatchStored().getBatch().getBatchIndex());
              } else if (e.hasDatasetSealed()) {
                sealed = true;
              }
            }
          }
        }
        assertEquals(new TreeSet<>(java.util.stream.IntStream.range(0, BATCHES).boxed().toList()), announced);
        assertEquals(true, sealed, "the seal was announced");
      }
    }
  }

  private static HostTensor rows(int batch) {
    ByteBuffer b = ByteBuffer.allocate(3 * 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 12; i++) {
      b.putFloat(batch * 100 + i);
    }
    return new HostTensor(DType.FLOAT32, new long[] {3, 4}, b.flip());
  }

  private static HostTensor ids(int batch) {
    ByteBuffer b = ByteBuffer.allocate(3 * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 3; i++) {
      b.putLong(batch * 3L + i);
    }
    return new HostTensor(DType.INT64, new long[] {3}, b.flip());
  }
}
