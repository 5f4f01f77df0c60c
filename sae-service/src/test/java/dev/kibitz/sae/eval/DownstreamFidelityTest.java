package dev.kibitz.sae.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import dev.kibitz.proto.v1.FeatureEdit;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.ReluL1Sae;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Downstream fidelity through a real model server: the maze agent with an SAE spliced in at
 * {@value #HOOK} (256 values). An SAE that encodes x as [ReLU(x), ReLU(-x)] and decodes their
 * difference is lossless: KL 0 and every top action kept. One whose decoder is zero is not.
 */
class DownstreamFidelityTest {
  static final String HOOK = "fc_out";
  static final int D = 256;
  static ApplicationContext server;
  static ModelServerClient client;

  @BeforeAll
  static void start() throws Exception {
    server = ModelServerApplication.start(Map.of("kibitz.model-server.port", 0));
    client = ModelServerClient.connect("127.0.0.1", server.getBean(GrpcModelServer.class).port());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
  }

  /** Width 2d: W_enc = [I, -I], W_dec = [I; -I] scaled by {@code decoderScale}, zero biases. */
  static Sae splitSignSae(float decoderScale) {
    float[] enc = new float[D * 2 * D];
    float[] dec = new float[2 * D * D];
    for (int i = 0; i < D; i++) {
      enc[i * 2 * D + i] = 1;
      enc[i * 2 * D + D + i] = -1;
      dec[i * D + i] = decoderScale;
      dec[(D + i) * D + i] = -decoderScale;
    }
    return new Sae(new ReluL1Sae(1), D, 2 * D, 1, 0, Map.of(
        "W_enc", HostTensor.ofFloats(new long[] {D, 2 * D}, enc), "b_enc", HostTensor.ofFloats(new long[] {2 * D},
            new float[2 * D]),
        "W_dec", HostTensor.ofFloats(new long[] {2 * D, D}, dec), "b_dec", HostTensor.ofFloats(new long[] {D},
            new float[D])), new JsonObject());
  }

  static List<ForwardBatch> mazes() {
    ForwardBatch.Builder b = ForwardBatch.newBuilder();
    for (long seed = 0; seed < 16; seed++) {
      Maze m = new MazeSpec.Seeded(seed, 0, CheeseRegion.ANYWHERE, 5).build();
      b.addStates(MazeStates.toProto(m, m.mouseStart()));
    }
    return List.of(b.build());
  }

  @Test
  void losslessSaeKeepsTheAgentsBehaviourExactly() {
    DownstreamFidelity.Result r = DownstreamFidelity.measure(client, "maze-agent", "", "logits",
        DownstreamFidelity.intervention(splitSignSae(1), HOOK, true, List.of()), mazes());
    assertEquals(16, r.examples());
    assertTrue(r.meanKl() < 1e-9, "KL " + r.meanKl());
    assertEquals(1.0, r.topActionAgreement());
  }

  @Test
  void zeroDecoderLosesTheBehaviourAndEditsWithTheErrorTermKeptDoNothingWhenTheyAreNoOps() {
    DownstreamFidelity.Result zero = DownstreamFidelity.measure(client, "maze-agent", "", "logits",
        DownstreamFidelity.intervention(splitSignSae(0), HOOK, true, List.of()), mazes());
    assertTrue(zero.meanKl() > 0.01, "KL " + zero.meanKl());
    // Error term kept and feature 0 scaled by 1: the activation is unchanged.
    DownstreamFidelity.Result noop = DownstreamFidelity.measure(client, "maze-agent", "", "logits",
        DownstreamFidelity.intervention(splitSignSae(0), HOOK, false, List.of(FeatureEdit.newBuilder().setFeature(0)
            .setScale(1).build())), mazes());
    assertTrue(noop.meanKl() < 1e-9, "KL " + noop.meanKl());
  }

  @Test
  void anSaeForTheWrongHookIsRefusedByTheServer() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> DownstreamFidelity.measure(client,
        "maze-agent", "", "logits", DownstreamFidelity.intervention(splitSignSae(1), "stages.0.conv_out", true,
            List.of()), mazes()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains(
        "W_enc must be [10000, m] for hook [16, 25, 25], got [256, 512]"),
        e.getStatus().getDescription());
  }
}
