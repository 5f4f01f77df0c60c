package dev.kibitz.store.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConsumerHealthTest {

  @Test
  void healthIsServingWhileTheConsumerRunsAndNotServingOnceItStops() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    try (ConsumerHealth health = ConsumerHealth.start("test-consumer", "127.0.0.1", 0, running::get)) {
      ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", health.port(),
          InsecureChannelCredentials.create()).build();
      try {
        HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(channel);
        assertEquals(ServingStatus.SERVING, status(stub));

        running.set(false);
        assertTimeoutPreemptively(Duration.ofSeconds(10), health::awaitConsumerStopped);
        assertEquals(ServingStatus.NOT_SERVING, status(stub));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static ServingStatus status(HealthGrpc.HealthBlockingStub stub) {
    return stub.withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus();
  }
}
