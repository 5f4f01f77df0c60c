package dev.kibitz.steering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.proto.v1.BuildVectorRequest;
import dev.kibitz.proto.v1.ProbeDirection;
import dev.kibitz.proto.v1.SaeFeature;
import dev.kibitz.proto.v1.SteeringVector;
import dev.kibitz.proto.v1.VectorSource;
import dev.kibitz.steering.model.ModelAccess;
import dev.kibitz.steering.vector.Artifacts;
import dev.kibitz.steering.vector.VectorBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probe and SAE directions read from artifacts in the formats probe-service and sae-service publish
 * (written here with the same safetensors writer), through the domain with an in-memory store.
 */
class ArtifactVectorsTest extends Services {
  private static final String HOOK = CheeseVectorIdentityTest.HOOK;
  private static final int D = 32 * 7 * 7;

  @TempDir
  Path dir;

  private final Map<String, byte[]> store = new HashMap<>();
  private final Artifacts artifacts = (kind, name) -> {
    byte[] b = store.get(kind + "/" + name);
    if (b == null) {
      throw KibitzException.notFound("no artifact " + kind + "/" + name);
    }
    return b;
  };

  private SteeringVector build(VectorSource source) {
    return new VectorBuilder(new ModelAccess(models), artifacts).build(BuildVectorRequest.newBuilder()
        .setModel(ShippedAgent.NAME).setHook(HOOK).setSource(source).build());
  }

  private void put(String key, Map<String, HostTensor> tensors, Map<String, String> metadata) throws Exception {
    Path f = dir.resolve("a.safetensors");
    Safetensors.write(f, tensors, metadata);
    store.put(key, Files.readAllBytes(f));
  }

  private static float[] ramp(int n, float step) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i % 17) * step - 0.1f;
    }
    return v;
  }

  @Test
  void probeDirectionIsTheArtifactsDirectionInTheHooksShape() throws Exception {
    float[] direction = ramp(D, 0.01f);
    put("probe/maze-acts/cheese_row.none.safetensors", Map.of("direction", HostTensor.ofFloats(new long[] {D},
        direction), "bias", HostTensor.scalar(0.5f)), Map.of("hook", HOOK));
    SteeringVector v = build(VectorSource.newBuilder().setProbe(ProbeDirection.newBuilder().setArtifactId("maze-acts")
        .setProbe("cheese_row.none")).build());
    assertArrayEquals(new long[] {32, 7, 7}, TensorCodec.fromProto(v.getValues(), "v").shape());
    assertArrayEquals(direction, TensorCodec.fromProto(v.getValues(), "v").toFloats());
    assertTrue(v.getProvenance().getSource().hasProbe());
  }

  @Test
  void saeFeatureIsItsDecoderRowInRawActivationUnits() throws Exception {
    int m = 4;
    float[] wDec = ramp(m * D, 0.02f);
    Map<String, HostTensor> weights = new LinkedHashMap<>();
    weights.put("W_dec", HostTensor.ofFloats(new long[] {m, D}, wDec));
    put("sae/maze-acts/job-1/weights.safetensors", weights, Map.of("format", "pt"));
    store.put("sae/maze-acts/job-1/config.json", "{\"input_scale\": 2.0, \"d_in\": 1568}".getBytes(StandardCharsets.UTF_8));
    SteeringVector v = build(VectorSource.newBuilder().setSaeFeature(SaeFeature.newBuilder()
        .setArtifactId("maze-acts/job-1").setFeature(2)).build());
    float[] got = TensorCodec.fromProto(v.getValues(), "v").toFloats();
    for (int i = 0; i < D; i++) {
      assertEquals(wDec[2 * D + i] / 2.0f, got[i], 0f, "element " + i);
    }
  }

  @Test
  void artifactsThatDoNotFitAreRefusedNamingTheProblem() throws Exception {
    put("probe/maze-acts/small.none.safetensors", Map.of("direction", HostTensor.ofFloats(new long[] {3}, 1, 2, 3),
        "bias", HostTensor.scalar(0)), Map.of());
    KibitzException wrongSize = assertThrows(KibitzException.class, () -> build(VectorSource.newBuilder()
        .setProbe(ProbeDirection.newBuilder().setArtifactId("maze-acts").setProbe("small.none")).build()));
    assertTrue(wrongSize.getMessage().contains("needs 1568"), wrongSize.getMessage());

    put("probe/maze-acts/other.none.safetensors", Map.of("direction", HostTensor.ofFloats(new long[] {D}, ramp(D, 1)),
        "bias", HostTensor.scalar(0)), Map.of("hook", "stages.0.conv_out"));
    KibitzException wrongHook = assertThrows(KibitzException.class, () -> build(VectorSource.newBuilder()
        .setProbe(ProbeDirection.newBuilder().setArtifactId("maze-acts").setProbe("other.none")).build()));
    assertTrue(wrongHook.getMessage().contains("stages.0.conv_out"), wrongHook.getMessage());

    KibitzException missing = assertThrows(KibitzException.class, () -> build(VectorSource.newBuilder()
        .setSaeFeature(SaeFeature.newBuilder().setArtifactId("nope/job")).build()));
    assertEquals(KibitzException.Reason.NOT_FOUND, missing.reason());

    store.put("sae/bad/job/weights.safetensors", ByteBuffer.allocate(4).array());
    KibitzException unreadable = assertThrows(KibitzException.class, () -> build(VectorSource.newBuilder()
        .setSaeFeature(SaeFeature.newBuilder().setArtifactId("bad/job")).build()));
    assertTrue(unreadable.getMessage().contains("safetensors"), unreadable.getMessage());
  }

  @Test
  void withoutAStoreTheServiceRefusesArtifactSources() {
    io.grpc.StatusRuntimeException e = assertThrows(io.grpc.StatusRuntimeException.class, () -> stub().buildVector(
        BuildVectorRequest.newBuilder().setModel(ShippedAgent.NAME).setHook(HOOK).setSource(VectorSource.newBuilder()
            .setProbe(ProbeDirection.newBuilder().setArtifactId("a").setProbe("b"))).build()));
    assertEquals(io.grpc.Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("no activation store"), e.getStatus().getDescription());
  }
}
