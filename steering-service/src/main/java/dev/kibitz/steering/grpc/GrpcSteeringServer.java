package dev.kibitz.steering.grpc;

import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.proto.v1.SteeringServiceGrpc;
import dev.kibitz.steering.evaluate.Evaluation;
import dev.kibitz.steering.model.ModelAccess;
import dev.kibitz.steering.vector.Artifacts;
import dev.kibitz.steering.vector.VectorBuilder;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The steering service's gRPC endpoint: SteeringService, health and reflection, and a graceful
 * stop. It is a client of one model server (and optionally one activation store, for probe and
 * SAE directions), whose channels the caller owns.
 */
public final class GrpcSteeringServer {
  private static final int GRACE_SECONDS = 10;

  private final String host;
  private final int requestedPort;
  private final ModelServerClient modelServer;
  private final Artifacts artifacts;
  private final HealthStatusManager health = new HealthStatusManager();
  private ExecutorService work;
  private Server server;

  /** Without an activation store: probe and SAE sources are refused (FAILED_PRECONDITION). */
  public GrpcSteeringServer(String host, int port, ModelServerClient modelServer) {
    this(host, port, modelServer, Artifacts.NONE);
  }

  /** @param port 0 picks a free port */
  public GrpcSteeringServer(String host, int port, ModelServerClient modelServer, Artifacts artifacts) {
    this.host = host;
    this.requestedPort = port;
    this.modelServer = modelServer;
    this.artifacts = artifacts;
  }

  public synchronized GrpcSteeringServer start() throws IOException {
    AtomicInteger n = new AtomicInteger();
    // Two workers: evaluations are sequential per call and the model server does the heavy work.
    work = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "steering-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ModelAccess models = new ModelAccess(modelServer);
    server = NettyServerBuilder.forAddress(new InetSocketAddress(host, requestedPort))
        .addService(new SteeringServiceAdapter(new VectorBuilder(models, artifacts), new Evaluation(models), work))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .build()
        .start();
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(SteeringServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    return this;
  }

  public int port() {
    return server.getPort();
  }

  public synchronized void stop() throws InterruptedException {
    if (server == null || server.isShutdown()) {
      return;
    }
    health.enterTerminalState();
    server.shutdown();
    if (!server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
    work.shutdownNow();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }
}
