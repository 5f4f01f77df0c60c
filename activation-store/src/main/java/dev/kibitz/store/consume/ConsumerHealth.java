package dev.kibitz.store.consume;

import dev.kibitz.core.wire.GrpcEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The health endpoint of a service whose work is a {@link StoreEventConsumer} and which has no gRPC API
 * of its own: a gRPC server with only the standard health service (and reflection), SERVING while the
 * consumer runs and NOT_SERVING from the moment it stops, so Kubernetes' {@code grpc:} probes can watch it.
 */
public final class ConsumerHealth implements AutoCloseable {
  private static final long CHECK_MILLIS = 500;
  /** Health requests are tiny; nothing else is served here. */
  private static final int MAX_INBOUND_BYTES = 64 << 10;

  private final GrpcEndpoint endpoint;
  private final BooleanSupplier consuming;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ScheduledExecutorService watch;

  private ConsumerHealth(GrpcEndpoint endpoint, BooleanSupplier consuming, String name) {
    this.endpoint = endpoint;
    this.consuming = consuming;
    this.watch = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name + "-health");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Serves health on host:port (0 picks a free port) and checks {@code consuming} every half second.
   *
   * @param name what the logs call the service, e.g. "probe-service"
   */
  public static ConsumerHealth start(String name, String host, int port, BooleanSupplier consuming)
      throws IOException {
    GrpcEndpoint endpoint = GrpcEndpoint.start(name + "-health", host, port, MAX_INBOUND_BYTES, List.of());
    ConsumerHealth health = new ConsumerHealth(endpoint, consuming, name);
    health.watch.scheduleWithFixedDelay(health::check, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    return health;
  }

  private void check() {
    if (!consuming.getAsBoolean()) {
      endpoint.reportNotServing();
      stopped.countDown();
      watch.shutdown();
    }
  }

  public int port() {
    return endpoint.port();
  }

  /** Blocks until the consumer has stopped (for whatever reason); health reads NOT_SERVING by then. */
  public void awaitConsumerStopped() throws InterruptedException {
    stopped.await();
  }

  /** NOT_SERVING, then the endpoint stops; the consumer itself is the caller's to close. */
  @Override
  public void close() throws InterruptedException {
    watch.shutdownNow();
    endpoint.stop(2, () -> { });
  }
}
