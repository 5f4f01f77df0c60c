package dev.kibitz.store.kafka;

import dev.kibitz.kafka.EmbeddedKafka;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves the in-JVM broker is a real Kafka: groups, committed offsets, idempotent producer, keyed partitioning. */
@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaTest {

  private final EmbeddedKafka injected;

  EmbeddedKafkaTest(EmbeddedKafka injected) {
    this.injected = injected;
  }

  @Test
  void keyedRecordsRoundTripThroughAConsumerGroup(EmbeddedKafka kafka) throws Exception {
    kafka.createTopic("round-trip", 3);
    KafkaRoundTrip.check(kafka.bootstrapServers(), "round-trip");
  }

  @Test
  void constructorAndMethodShareTheClassBroker(EmbeddedKafka kafka) {
    assertSame(injected, kafka);
  }
}
