package dev.kibitz.store.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.kibitz.proto.v1.StoreEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads store events from the start of the topic, as a test's eyes on what the store announced. */
public final class StoreEventTap implements AutoCloseable {
  /** One record: its key (dataset id), partition and decoded event. */
  public record Seen(String key, int partition, StoreEvent event) {}

  private final KafkaConsumer<byte[], byte[]> consumer;

  public StoreEventTap(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "tap-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** Polls until {@code count} events arrived or the timeout passed; returns what arrived. */
  public List<Seen> take(int count, Duration timeout) throws InvalidProtocolBufferException {
    List<Seen> out = new ArrayList<>();
    long end = System.nanoTime() + timeout.toNanos();
    while (out.size() < count && System.nanoTime() < end) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        out.add(new Seen(new String(r.key(), StandardCharsets.UTF_8), r.partition(), StoreEvent.parseFrom(r.value())));
      }
    }
    return out;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
