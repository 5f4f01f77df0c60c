package dev.kibitz.steering;

import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import dev.kibitz.proto.v1.SteeringServiceGrpc;
import dev.kibitz.steering.grpc.GrpcSteeringServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A model server and a steering service started in this JVM on free loopback ports, and a client
 * channel to the steering service: experiments, benchmarks and tests go through the real services
 * and their wire.
 */
public final class LocalSteeringStack implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final ApplicationContext modelServer;
  private final ModelServerClient modelClient;
  private final GrpcSteeringServer steering;
  private final ManagedChannel channel;

  public LocalSteeringStack() throws Exception {
    modelServer = ModelServerApplication.start(Map.of("kibitz.model-server.port", 0, "kibitz.model-server.host", HOST,
        "kibitz.model-server.shutdown-grace-seconds", 5));
    modelClient = ModelServerClient.connect(HOST, modelServer.getBean(GrpcModelServer.class).port());
    steering = new GrpcSteeringServer(HOST, 0, modelClient).start();
    channel = NettyChannelBuilder.forAddress(HOST, steering.port()).usePlaintext().maxInboundMessageSize(64 << 20)
        .build();
  }

  /** A blocking stub whose calls must finish within {@code timeout}. */
  public SteeringServiceGrpc.SteeringServiceBlockingStub stub(long timeout, TimeUnit unit) {
    return SteeringServiceGrpc.newBlockingStub(channel).withDeadlineAfter(timeout, unit);
  }

  /** The channel to the steering service (health checks, other stubs). */
  public ManagedChannel channel() {
    return channel;
  }

  /** The client the steering service uses, for direct model-server calls (e.g. captures to compare with). */
  public ModelServerClient models() {
    return modelClient;
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    steering.stop();
    modelClient.close();
    modelServer.close();
  }
}
