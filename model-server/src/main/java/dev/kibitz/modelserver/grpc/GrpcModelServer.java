package dev.kibitz.modelserver.grpc;

import dev.kibitz.core.wire.GrpcEndpoint;
import dev.kibitz.modelserver.config.ModelServerConfig;
import dev.kibitz.modelserver.forward.ForwardService;
import dev.kibitz.modelserver.packages.ModelPackages;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model server's gRPC endpoint: ModelService on a {@link GrpcEndpoint} (health, reflection,
 * size limits), with a worker pool for forward passes and a graceful stop that lets in-flight
 * batches finish.
 */
public final class GrpcModelServer {
  private final ModelServerConfig config;
  private final ForwardService service;
  private final ModelPackages packages;
  private ExecutorService worker;
  private ModelServiceAdapter adapter;
  private GrpcEndpoint endpoint;

  public GrpcModelServer(ModelServerConfig config, ForwardService service, ModelPackages packages) {
    this.config = config;
    this.service = service;
    this.packages = packages;
  }

  public synchronized GrpcModelServer start() throws IOException {
    AtomicInteger n = new AtomicInteger();
    worker = Executors.newFixedThreadPool(config.getForwardThreads(), r -> {
      Thread t = new Thread(r, "forward-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    adapter = new ModelServiceAdapter(service, packages, worker, config.getDefaultChunkBytes(),
        config.getMaxInboundMessageBytes());
    endpoint = GrpcEndpoint.start("model-server", config.getHost(), config.getPort(),
        config.getMaxInboundMessageBytes(), List.of(adapter));
    return this;
  }

  /** The bound port (still answered after stop). */
  public int port() {
    return endpoint.port();
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
    if (endpoint == null || endpoint.isShutdown()) {
      return;
    }
    endpoint.stop(config.getShutdownGraceSeconds(), adapter::shutdownCalls);
    worker.shutdown();
    worker.awaitTermination(config.getShutdownGraceSeconds(), TimeUnit.SECONDS);
  }

  public void awaitTermination() throws InterruptedException {
    endpoint.awaitTermination();
  }
}
