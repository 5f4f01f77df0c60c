package dev.kibitz.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The orchestrator-kill scenario of {@link MeshProcessesTest} against the real Kafka image, on machines
 * with a Docker engine; skipped elsewhere, where the in-JVM KRaft broker keeps the coverage.
 */
@Testcontainers(disabledWithoutDocker = true)
class MeshProcessesOnTestcontainersTest {
  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

  @TempDir
  Path dir;

  @Test
  void anExperimentSurvivesKillingTheOrchestratorMidRunOnTheKafkaImage() throws Exception {
    MeshProcessesTest.run(KAFKA.getBootstrapServers(), dir);
  }
}
