package dev.kibitz.core.wire;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening gRPC endpoint as every Kibitz service runs it: its own services plus health and
 * reflection (v1 and v1alpha, so grpcurl works), an inbound message-size limit, and a graceful stop.
 */
public final class GrpcEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcEndpoint.class);

  private final String name;
  private final Server server;
  private final HealthStatusManager health;
  private final List<String> serviceNames;

  private GrpcEndpoint(String name, Server server, HealthStatusManager health, List<String> serviceNames) {
    this.name = name;
    this.server = server;
    this.health = health;
    this.serviceNames = serviceNames;
  }

  /**
   * Binds {@code services} on host:port (port 0 picks a free one) and reports each SERVING.
   *
   * @param name what the logs call this endpoint, e.g. "model-server"
   */
  @SuppressWarnings("deprecation") // v1alpha reflection kept for older grpcurl builds
  public static GrpcEndpoint start(String name, String host, int port, int maxInboundMessageBytes,
      List<BindableService> services) throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ProtoReflectionService.newInstance())
        .maxInboundMessageSize(maxInboundMessageBytes);
    services.forEach(builder::addService);
    Server server = builder.build().start();
    List<String> names = services.stream().map(s -> s.bindService().getServiceDescriptor().getName()).toList();
    health.setStatus("", ServingStatus.SERVING);
    names.forEach(n -> health.setStatus(n, ServingStatus.SERVING));
    LOG.info("{} listening on {}:{}", name, host, server.getPort());
    return new GrpcEndpoint(name, server, health, names);
  }

  /**
   * Health goes NOT_SERVING while the endpoint keeps answering: for a process whose real work (a Kafka
   * consumer, say) has stopped, so probes and load balancers see it before the process goes away.
   */
  public void reportNotServing() {
    health.setStatus("", ServingStatus.NOT_SERVING);
    serviceNames.forEach(n -> health.setStatus(n, ServingStatus.NOT_SERVING));
  }

  /** The bound port (still answered after stop). */
  public int port() {
    return server.getPort();
  }

  public boolean isShutdown() {
    return server.isShutdown();
  }

  /**
   * Health goes NOT_SERVING and new calls are refused; then {@code afterRefusing} runs (e.g. to end
   * open streams after their current batch); in-flight calls get {@code graceSeconds} to finish,
   * then what is left is cancelled.
   */
  public void stop(long graceSeconds, Runnable afterRefusing) throws InterruptedException {
    health.enterTerminalState();
    server.shutdown();
    afterRefusing.run();
    if (!server.awaitTermination(graceSeconds, TimeUnit.SECONDS)) {
      LOG.warn("{}: in-flight calls did not finish within {} s; cancelling them", name, graceSeconds);
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }
}
