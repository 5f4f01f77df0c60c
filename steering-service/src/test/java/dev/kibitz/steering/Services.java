package dev.kibitz.steering;

import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.EvaluateUpdate;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.proto.v1.SteeringServiceGrpc;
import dev.kibitz.steering.grpc.GrpcSteeringServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the service tests: a real model server (with the shipped maze agent) and a steering
 * server, each on its own loopback port, and a steering stub over a real channel.
 */
public abstract class Services {
  protected static ApplicationContext modelServer;
  protected static ModelServerClient models;
  protected static GrpcSteeringServer steering;
  protected static ManagedChannel channel;

  @BeforeAll
  static void startServices() throws Exception {
    modelServer = ModelServerApplication.start(Map.of("kibitz.model-server.host", "127.0.0.1",
        "kibitz.model-server.port", 0, "kibitz.model-server.shutdown-grace-seconds", 5));
    models = ModelServerClient.connect("127.0.0.1", modelServer.getBean(GrpcModelServer.class).port());
    steering = new GrpcSteeringServer("127.0.0.1", 0, ModelServerClient.connect("127.0.0.1",
        modelServer.getBean(GrpcModelServer.class).port())).start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", steering.port()).usePlaintext()
        .maxInboundMessageSize(64 << 20).build();
  }

  @AfterAll
  static void stopServices() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    steering.stop();
    models.close();
    modelServer.close();
  }

  protected static SteeringServiceGrpc.SteeringServiceBlockingStub stub() {
    return SteeringServiceGrpc.newBlockingStub(channel).withDeadlineAfter(300, TimeUnit.SECONDS);
  }

  /** Every maze row (with fields) and the final result of one Evaluate call. */
  protected record Evaluated(List<MazeRow> rows, EvaluateResult result) {}

  protected static Evaluated evaluate(EvaluateRequest request) {
    List<MazeRow> rows = new ArrayList<>();
    EvaluateResult result = null;
    for (Iterator<EvaluateUpdate> it = stub().evaluate(request); it.hasNext(); ) {
      EvaluateUpdate u = it.next();
      if (u.hasMaze()) {
        rows.add(u.getMaze());
      } else {
        result = u.getResult();
      }
    }
    return new Evaluated(rows, result);
  }
}
