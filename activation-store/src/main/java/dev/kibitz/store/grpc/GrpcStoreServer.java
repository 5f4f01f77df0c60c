package dev.kibitz.store.grpc;

import dev.kibitz.core.wire.GrpcEndpoint;
import dev.kibitz.store.ActivationStore;
import dev.kibitz.store.config.StoreConfig;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activation store's gRPC endpoint (ActivationStore on a {@link GrpcEndpoint}: health,
 * reflection, size limits, graceful stop) and the outbox relay that retries announcements Kafka
 * has not acknowledged.
 */
public final class GrpcStoreServer {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcStoreServer.class);

  private final StoreConfig config;
  private final ActivationStore store;
  private ScheduledExecutorService relay;
  private GrpcEndpoint endpoint;

  public GrpcStoreServer(StoreConfig config, ActivationStore store) {
    this.config = config;
    this.store = store;
  }

  public synchronized GrpcStoreServer start() throws IOException {
    endpoint = GrpcEndpoint.start("activation-store", config.getHost(), config.getPort(),
        config.getMaxInboundMessageBytes(), List.of(new ActivationStoreAdapter(store, config.getChunkBytes())));
    relay = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "store-announce-relay");
      t.setDaemon(true);
      return t;
    });
    relay.scheduleWithFixedDelay(this::relayOnce, 0, config.getAnnounceRetrySeconds(), TimeUnit.SECONDS);
    return this;
  }

  private void relayOnce() {
    try {
      int sent = store.announcePending();
      if (sent > 0) {
        LOG.info("re-announced {} store events", sent);
      }
    } catch (RuntimeException e) {
      LOG.warn("announcement relay: {}", e.toString());
    }
  }

  public int port() {
    return endpoint.port();
  }

  /** Stops taking calls, lets in-flight writes and reads finish within the grace period. */
  public synchronized void stop() throws InterruptedException {
    if (endpoint == null || endpoint.isShutdown()) {
      return;
    }
    endpoint.stop(config.getShutdownGraceSeconds(), relay::shutdownNow);
  }

  public void awaitTermination() throws InterruptedException {
    endpoint.awaitTermination();
  }
}
