package dev.kibitz.orchestrator.grpc;

import dev.kibitz.core.wire.GrpcEndpoint;
import dev.kibitz.orchestrator.run.ExperimentRunner;
import java.io.IOException;
import java.util.List;

/** Serves the orchestrator's API (with health and reflection) on host:port. */
public final class GrpcOrchestratorServer {
  private static final int MAX_INBOUND_BYTES = 4 << 20;
  private final GrpcEndpoint endpoint;

  private GrpcOrchestratorServer(GrpcEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  public static GrpcOrchestratorServer start(String host, int port, ExperimentRunner runner) throws IOException {
    return new GrpcOrchestratorServer(GrpcEndpoint.start("orchestrator", host, port, MAX_INBOUND_BYTES,
        List.of(new OrchestratorServiceAdapter(runner))));
  }

  public int port() {
    return endpoint.port();
  }

  public GrpcEndpoint endpoint() {
    return endpoint;
  }
}
