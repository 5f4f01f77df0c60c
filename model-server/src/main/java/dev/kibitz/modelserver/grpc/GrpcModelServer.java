package dev.kibitz.modelserver.grpc;

import dev.kibitz.modelserver.config.ModelServerConfig;
import dev.kibitz.modelserver.forward.ForwardService;
import dev.kibitz.proto.v1.ModelServiceGrpc;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model server's gRPC endpoint: ModelService, health and reflection (v1 and v1alpha, so
 * grpcurl works), message-size limits, and a graceful stop that lets in-flight batches finish.
 */
public final class GrpcModelServer {
  private static final Logger log = LoggerFactory.getLogger(GrpcModelServer.class);

  private final ModelServerConfig config;
  private final ForwardService service;
  private final HealthStatusManager health = new HealthStatusManager();
  private ExecutorService worker;
  private ModelServiceAdapter adapter;
  private Server server;
  private int port;

  public GrpcModelServer(ModelServerConfig config, ForwardService service) {
    this.config = config;
    this.service = service;
  }

  @SuppressWarnings("deprecation") // v1alpha reflection kept for older grpcurl builds
  public synchronized GrpcModelServer start() throws IOException {
    AtomicInteger n = new AtomicInteger();
    worker = Executors.newFixedThreadPool(config.getForwardThreads(), r -> {
      Thread t = new Thread(r, "forward-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    adapter = new ModelServiceAdapter(service, worker, config.getDefaultChunkBytes(),
        config.getMaxInboundMessageBytes());
    server = NettyServerBuilder.forAddress(new InetSocketAddress(config.getHost(), config.getPort()))
        .addService(adapter)
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ProtoReflectionService.newInstance())
        .maxInboundMessageSize(config.getMaxInboundMessageBytes())
        .build()
        .start();
    port = server.getPort();
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(ModelServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    log.info("model-server listening on {}:{}", config.getHost(), port());
    return this;
  }

  /** The bound port (still answered after stop). */
  public int port() {
    return port;
  }

  /** Open Forward streams right now. */
  public int openStreams() {
    return adapter.openCalls();
  }

  /**
   * Stops taking new calls, lets each open stream finish the batch it is computing or sending
   * (then ends it with UNAVAILABLE), waits up to the grace period, then cuts what is left.
   */
  public synchronized void stop() throws InterruptedException {
    if (server == null || server.isShutdown()) {
      return;
    }
    health.enterTerminalState();
    server.shutdown();
    adapter.shutdownCalls();
    if (!server.awaitTermination(config.getShutdownGraceSeconds(), TimeUnit.SECONDS)) {
      log.warn("in-flight calls did not finish within {} s; cancelling them", config.getShutdownGraceSeconds());
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
    worker.shutdown();
    worker.awaitTermination(config.getShutdownGraceSeconds(), TimeUnit.SECONDS);
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }
}
