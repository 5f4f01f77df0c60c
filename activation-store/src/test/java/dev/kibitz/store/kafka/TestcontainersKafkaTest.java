package dev.kibitz.store.kafka;

import dev.kibitz.kafka.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same round trip against the real broker image, for machines with a Docker engine; skipped elsewhere, so
 * {@link EmbeddedKafkaTest} stays the coverage that always runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaTest {

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

  @Test
  void keyedRecordsRoundTripThroughAConsumerGroup() throws Exception {
    EmbeddedKafka.createTopic(KAFKA.getBootstrapServers(), "round-trip", 3);
    KafkaRoundTrip.check(KAFKA.getBootstrapServers(), "round-trip");
  }
}
