package dev.kibitz.steering.grpc;

import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.steering.channels.ChannelRanker;
import dev.kibitz.steering.evaluate.Evaluation;
import dev.kibitz.steering.model.ModelAccess;
import dev.kibitz.steering.vector.Artifacts;
import dev.kibitz.steering.vector.VectorBuilder;
import dev.kibitz.core.wire.GrpcEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The steering service's gRPC endpoint: SteeringService, health and reflection, and a graceful
 * stop. It is a client of one model server (and optionally one activation store, for probe and
 * SAE directions), whose channels the caller owns.
 */
public final class GrpcSteeringServer {
  private static final int GRACE_SECONDS = 10;
  /** Requests carry at most a few vectors and maze specs; 32 MiB like the other services. */
  private static final int MAX_INBOUND_BYTES = 32 << 20;

  private final String host;
  private final int requestedPort;
  private final ModelServerClient modelServer;
  private final Artifacts artifacts;
  private ExecutorService work;
  private GrpcEndpoint endpoint;

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
    endpoint = GrpcEndpoint.start("steering-service", host, requestedPort, MAX_INBOUND_BYTES,
        List.of(new SteeringServiceAdapter(new VectorBuilder(models, artifacts), new Evaluation(models),
            new ChannelRanker(models), work)));
    return this;
  }

  public int port() {
    return endpoint.port();
  }

  public synchronized void stop() throws InterruptedException {
    if (endpoint == null || endpoint.isShutdown()) {
      return;
    }
    endpoint.stop(GRACE_SECONDS, () -> { });
    work.shutdownNow();
  }

  public void awaitTermination() throws InterruptedException {
    endpoint.awaitTermination();
  }
}
