package dev.kibitz.steering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.proto.v1.BuildVectorRequest;
import dev.kibitz.proto.v1.ProbeDirection;
import dev.kibitz.proto.v1.SaeFeature;
import dev.kibitz.proto.v1.SteeringServiceGrpc;
import dev.kibitz.proto.v1.SteeringVector;
import dev.kibitz.proto.v1.VectorSource;
import dev.kibitz.steering.grpc.GrpcSteeringServer;
import dev.kibitz.steering.vector.StoreArtifacts;
import dev.kibitz.store.ActivationStoreApplication;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.grpc.GrpcStoreServer;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probe and SAE sources end to end: artifacts uploaded to a real activation store over gRPC, a
 * steering server that reads them through its store client, BuildVector over gRPC.
 */
class StoreArtifactVectorsTest extends Services {
  private static final String HOOK = CheeseVectorIdentityTest.HOOK;
  private static final int D = 32 * 7 * 7;

  @TempDir
  Path dir;

  @Test
  void probeAndSaeVectorsComeFromTheStoresArtifacts() throws Exception {
    ApplicationContext store = ActivationStoreApplication.start(Map.of("kibitz.activation-store.port", 0,
        "kibitz.activation-store.data-dir", dir.resolve("store").toString()));
    int storePort = store.getBean(GrpcStoreServer.class).port();
    try (store; ActivationStoreClient client = new ActivationStoreClient("127.0.0.1", storePort, 30)) {
      float[] direction = new float[D];
      for (int i = 0; i < D; i++) {
        direction[i] = (i % 13) * 0.05f - 0.3f;
      }
      client.putArtifact("probe", "maze-acts/cheese_row.none.safetensors", null, Map.of(),
          safetensors(Map.of("direction", HostTensor.ofFloats(new long[] {D}, direction),
              "bias", HostTensor.scalar(0.25f)), Map.of("hook", HOOK)));
      float[] wDec = new float[3 * D];
      for (int i = 0; i < wDec.length; i++) {
        wDec[i] = (i % 7) * 0.5f;
      }
      Map<String, HostTensor> weights = new LinkedHashMap<>();
      weights.put("W_dec", HostTensor.ofFloats(new long[] {3, D}, wDec));
      client.putArtifact("sae", "maze-acts/job-1/weights.safetensors", null, Map.of(), safetensors(weights, Map.of()));
      client.putArtifact("sae", "maze-acts/job-1/config.json", null, Map.of(),
          "{\"input_scale\": 4.0}".getBytes(StandardCharsets.UTF_8));

      GrpcSteeringServer steering = new GrpcSteeringServer("127.0.0.1", 0, models, new StoreArtifacts(client)).start();
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", steering.port()).usePlaintext().build();
      try {
        var stub = SteeringServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        SteeringVector probe = stub.buildVector(request(VectorSource.newBuilder().setProbe(ProbeDirection.newBuilder()
            .setArtifactId("maze-acts").setProbe("cheese_row.none"))));
        assertArrayEquals(direction, TensorCodec.fromProto(probe.getValues(), "probe").toFloats());
        assertArrayEquals(new long[] {32, 7, 7}, TensorCodec.fromProto(probe.getValues(), "probe").shape());

        SteeringVector feature = stub.buildVector(request(VectorSource.newBuilder().setSaeFeature(SaeFeature
            .newBuilder().setArtifactId("maze-acts/job-1").setFeature(1))));
        float[] got = TensorCodec.fromProto(feature.getValues(), "feature").toFloats();
        for (int i = 0; i < D; i++) {
          assertEquals(wDec[D + i] / 4.0f, got[i], 0f, "element " + i);
        }

        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> stub.buildVector(request(
            VectorSource.newBuilder().setProbe(ProbeDirection.newBuilder().setArtifactId("maze-acts")
                .setProbe("nope.none")))));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        assertTrue(missing.getStatus().getDescription().contains("activation store"),
            missing.getStatus().getDescription());
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        steering.stop();
      }
    }
  }

  private static BuildVectorRequest request(VectorSource.Builder source) {
    return BuildVectorRequest.newBuilder().setModel(ShippedAgent.NAME).setHook(HOOK).setSource(source).build();
  }

  private byte[] safetensors(Map<String, HostTensor> tensors, Map<String, String> metadata) throws Exception {
    Path f = Files.createTempFile(dir, "artifact", ".safetensors");
    Safetensors.write(f, tensors, metadata);
    return Files.readAllBytes(f);
  }
}
