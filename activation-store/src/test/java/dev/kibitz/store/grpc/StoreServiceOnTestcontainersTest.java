package dev.kibitz.store.grpc;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same contract on Testcontainers' Kafka; skipped cleanly where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class StoreServiceOnTestcontainersTest extends StoreServiceContract {
  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

  @Override
  String startKafka() {
    return KAFKA.getBootstrapServers();
  }

  @Override
  void stopKafka() {}
}
