package dev.kibitz.cli;

import dev.kibitz.store.consume.ConsumerHealth;
import dev.kibitz.store.consume.StoreEventConsumer;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a started store-event consumer service (probe-service, sae-service) in the foreground beside its
 * health endpoint: until SIGTERM/Ctrl-C, which closes the service and then the endpoint, or until the
 * consumer stops by itself, which turns health NOT_SERVING and fails the command naming the cause.
 */
final class ConsumerForeground {
  private ConsumerForeground() {}

  static int run(String name, String host, int healthPort, StoreEventConsumer consumer, AutoCloseable service)
      throws Exception {
    ConsumerHealth health;
    try {
      health = ConsumerHealth.start(name, host, healthPort, consumer::isRunning);
    } catch (IOException e) {
      service.close();
      throw new IOException("cannot serve health on " + host + ":" + healthPort + ": " + e.getMessage(), e);
    }
    AtomicBoolean terminating = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      terminating.set(true);
      try {
        service.close();
        health.close();
      } catch (Exception e) {
        System.err.println(name + ": unclean shutdown: " + e);
      }
    }, name + "-shutdown"));
    System.out.println(name + " consuming store events; gRPC health on port " + health.port());
    health.awaitConsumerStopped();
    if (terminating.get()) {
      return 0;
    }
    Throwable failure = consumer.failure();
    throw new IllegalStateException(name + ": the store event consumer stopped"
        + (failure == null ? "" : ": " + failure), failure);
  }
}
