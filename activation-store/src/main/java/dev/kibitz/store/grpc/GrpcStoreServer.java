package dev.kibitz.store.grpc;

import dev.kibitz.proto.v1.ActivationStoreGrpc;
import dev.kibitz.store.ActivationStore;
import dev.kibitz.store.config.StoreConfig;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activation store's gRPC endpoint (ActivationStore, health, reflection, size limits, graceful
 * stop) and the outbox relay that retries announcements Kafka has not acknowledged.
 */
public final class GrpcStoreServer {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcStoreServer.class);

  private final StoreConfig config;
  private final ActivationStore store;
  private final HealthStatusManager health = new HealthStatusManager();
  private ScheduledExecutorService relay;
  private Server server;
  private int port;

  public GrpcStoreServer(StoreConfig config, ActivationStore store) {
    this.config = config;
    this.store = store;
  }

  @SuppressWarnings("deprecation") // v1alpha reflection kept for older grpcurl builds
  public synchronized GrpcStoreServer start() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress(config.getHost(), config.getPort()))
        .addService(new ActivationStoreAdapter(store, config.getChunkBytes()))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ProtoReflectionService.newInstance())
        .maxInboundMessageSize(config.getMaxInboundMessageBytes())
        .build()
        .start();
    port = server.getPort();
    relay = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "store-announce-relay");
      t.setDaemon(true);
      return t;
    });
    relay.scheduleWithFixedDelay(this::relayOnce, 0, config.getAnnounceRetrySeconds(), TimeUnit.SECONDS);
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(ActivationStoreGrpc.SERVICE_NAME, ServingStatus.SERVING);
    LOG.info("activation-store listening on {}:{}", config.getHost(), port);
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
    return port;
  }

  /** Stops taking calls, lets in-flight writes and reads finish within the grace period. */
  public synchronized void stop() throws InterruptedException {
    if (server == null || server.isShutdown()) {
      return;
    }
    health.enterTerminalState();
    relay.shutdownNow();
    server.shutdown();
    if (!server.awaitTermination(config.getShutdownGraceSeconds(), TimeUnit.SECONDS)) {
      LOG.warn("in-flight calls did not finish within {} s; cancelling them", config.getShutdownGraceSeconds());
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }
}
