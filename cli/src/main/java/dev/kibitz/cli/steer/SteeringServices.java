package dev.kibitz.cli.steer;

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
 * channel to the steering service: experiments go through the real services and their wire.
 */
final class SteeringServices implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final ApplicationContext modelServer;
  private final ModelServerClient modelClient;
  private final GrpcSteeringServer steering;
  private final ManagedChannel channel;

  SteeringServices() throws Exception {
    modelServer = ModelServerApplication.start(Map.of("kibitz.model-server.port", 0, "kibitz.model-server.host", HOST));
    modelClient = ModelServerClient.connect(HOST, modelServer.getBean(GrpcModelServer.class).port());
    steering = new GrpcSteeringServer(HOST, 0, modelClient).start();
    channel = NettyChannelBuilder.forAddress(HOST, steering.port()).usePlaintext().maxInboundMessageSize(64 << 20)
        .build();
  }

  SteeringServiceGrpc.SteeringServiceBlockingStub stub() {
    return SteeringServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.MINUTES);
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    steering.stop();
    modelClient.close();
    modelServer.close();
  }
}
