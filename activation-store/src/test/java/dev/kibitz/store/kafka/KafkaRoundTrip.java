package dev.kibitz.store.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The produce/consume contract activation-store relies on, checked against whichever broker a test brings
 * (in-JVM or Testcontainers): idempotent acks=all sends, per-key order within one partition, and consumer-group
 * offsets that survive the consumer only when committed explicitly.
 */
final class KafkaRoundTrip {

  static final int RECORDS = 50;
  private static final List<String> KEYS = List.of("ds-a", "ds-b");
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  /** How long a caught-up consumer must stay empty to count as "nothing new". */
  private static final Duration QUIET_WINDOW = Duration.ofMillis(1000);

  private KafkaRoundTrip() {}

  /** Runs the whole check on {@code topic}, which must already exist with several partitions. */
  static void check(String bootstrapServers, String topic) throws Exception {
    Map<String, List<Integer>> sent = produce(bootstrapServers, topic);

    String group = topic + "-group";
    List<ConsumerRecord<byte[], byte[]>> first;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, group, topic)) {
      first = pollUntil(consumer, RECORDS);
      consumer.commitSync();
    }
    assertEquals(RECORDS, first.size(), "records read by the first consumer");
    assertEquals(sent, valuesByKey(first), "per key, values arrive in send order");
    Map<String, Set<Integer>> partitions = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : first) {
      partitions.computeIfAbsent(key(r), k -> new HashSet<>()).add(r.partition());
    }
    for (String key : KEYS) {
      assertEquals(1, partitions.get(key).size(), "partitions holding key " + key + ": " + partitions.get(key));
    }

    try (KafkaConsumer<byte[], byte[]> again = consumer(bootstrapServers, group, topic)) {
      assertEquals(List.of(), pollQuietly(again), "same group after commit sees nothing new");
    }

    try (KafkaConsumer<byte[], byte[]> fresh = consumer(bootstrapServers, topic + "-other-group", topic)) {
      assertEquals(RECORDS, pollUntil(fresh, RECORDS).size(), "a new group re-reads from the beginning");
    }
  }

  /** Sends alternating keys, each value its sequence number, waiting for every ack; returns values per key. */
  private static Map<String, List<Integer>> produce(String bootstrapServers, String topic) throws Exception {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    Map<String, List<Integer>> sent = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        String key = KEYS.get(i % KEYS.size());
        byte[] value = Integer.toString(i).getBytes(UTF_8);
        producer.send(new ProducerRecord<>(topic, key.getBytes(UTF_8), value)).get(30, TimeUnit.SECONDS);
        sent.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      }
    }
    return sent;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String group, String topic) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** Polls until {@code expected} records arrived (or the deadline passed), then a little longer for extras. */
  private static List<ConsumerRecord<byte[], byte[]>> pollUntil(KafkaConsumer<byte[], byte[]> consumer,
      int expected) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (records.size() < expected && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return records;
  }

  /**
   * Waits until the group has assigned partitions (so committed offsets are in effect, not merely a consumer
   * that has not joined yet), then collects whatever arrives within the quiet window.
   */
  private static List<ConsumerRecord<byte[], byte[]>> pollQuietly(KafkaConsumer<byte[], byte[]> consumer) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(100)).forEach(records::add);
    }
    assertFalse(consumer.assignment().isEmpty(), "second consumer never joined its group");
    long quietEnd = System.nanoTime() + QUIET_WINDOW.toNanos();
    while (System.nanoTime() < quietEnd) {
      consumer.poll(Duration.ofMillis(100)).forEach(records::add);
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    for (TopicPartition tp : consumer.assignment()) {
      assertEquals(end.get(tp), consumer.position(tp), "position of " + tp + " is the committed end");
    }
    return records;
  }

  private static Map<String, List<Integer>> valuesByKey(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, List<Integer>> byKey = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      byKey.computeIfAbsent(key(r), k -> new ArrayList<>()).add(Integer.parseInt(new String(r.value(), UTF_8)));
    }
    return byKey;
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), UTF_8);
  }
}
