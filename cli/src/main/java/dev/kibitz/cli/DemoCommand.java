package dev.kibitz.cli;

import dev.kibitz.core.intervention.Selector;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Logits;
import dev.kibitz.core.wire.InterventionProtos;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import dev.kibitz.proto.v1.Ablate;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.Intervention;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.ModelSummary;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kibitz demo}: the README's main job for now. Starts a model server (unless --target names
 * one), then as a gRPC client lists models, describes the maze agent, sends it a maze as a game
 * state capturing activations, runs it again with a zero-ablation of half the channels at a
 * mid-network hook, and prints what came back.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a model server and run a client against it: list, describe, forward with captures and "
        + "an intervention.")
final class DemoCommand implements Callable<Integer> {
  private static final String HOOK = "stages.1.res.1.resid_out";
  private static final long MAZE_SEED = 7;
  private static final String[] ACTIONS = {"up", "down", "left", "right", "no-op"};

  @Option(names = "--target", paramLabel = "HOST:PORT",
      description = "use a running model server instead of starting one in this process")
  String target;

  @Override
  public Integer call() throws Exception {
    ApplicationContext embedded = null;
    String host = "127.0.0.1";
    int port;
    if (target == null) {
      embedded = ModelServerApplication.start(Map.of("kibitz.model-server.port", 0, "kibitz.model-server.host", host));
      port = embedded.getBean(GrpcModelServer.class).port();
      System.out.println("started a model server on " + host + ":" + port);
    } else {
      Target t = new Target();
      t.target = target;
      host = t.host();
      port = t.port();
    }
    try (ModelServerClient client = ModelServerClient.connect(host, port)) {
      run(client);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    return 0;
  }

  private static void run(ModelServerClient client) {
    System.out.println("\n== ListModels");
    for (ModelSummary m : client.listModels().getModelsList()) {
      System.out.println(m.getName() + " (checkpoints " + m.getCheckpointsCount() + ", default "
          + m.getDefaultCheckpoint() + ")");
    }
    System.out.println("\n== DescribeModel " + ShippedAgent.NAME);
    ModelDescription d = client.describe(ShippedAgent.NAME);
    ModelsCommand.Describe.print("input", d.getInputsList());
    ModelsCommand.Describe.print("output", d.getOutputsList());
    System.out.println("  " + d.getHookPointsCount() + " hook points, e.g.");
    ModelsCommand.Describe.print("hook", d.getHookPointsList().subList(10, 14));

    Maze maze = new MazeSpec.Seeded(MAZE_SEED, 0, CheeseRegion.TOP_RIGHT, MazeSpec.DEFAULT_REGION).build();
    ForwardRequest batch = ForwardRequest.newBuilder().setBatch(ForwardBatch.newBuilder()
        .addStates(MazeStates.toProto(maze, maze.mouseStart()))).build();
    ForwardOpen clean = ForwardOpen.newBuilder().setModel(ShippedAgent.NAME).addCapture(HOOK)
        .addCapture("fc_out").build();
    Intervention ablate = Intervention.newBuilder().setHook(HOOK)
        .setSelector(InterventionProtos.toProto(Selector.channels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)))
        .setAblate(Ablate.newBuilder().setMode(Ablate.Mode.MODE_ZERO)).build();
    ForwardOpen patched = clean.toBuilder().addInterventions(ablate).build();

    BatchResult before;
    BatchResult after;
    try (ForwardStream s = client.openForward(clean)) {
      s.send(batch);
      before = s.receive();
    }
    try (ForwardStream s = client.openForward(patched)) {
      s.send(batch);
      after = s.receive();
    }
    System.out.println("\n== Forward: maze seed " + MAZE_SEED + " (sent as a game state, encoded by the server), "
        + "mouse at the start\n" + maze + "\n   capturing " + HOOK + " and fc_out");
    printCaptures(before);
    System.out.println("\n== Forward with zero-ablation of channels 0-15 at " + HOOK);
    printCaptures(after);
    System.out.println("\n== Action probabilities     clean   ablated");
    float[] p0 = Logits.softmax(before.outputs().get("logits").toFloats(), 0, ACTIONS.length);
    float[] p1 = Logits.softmax(after.outputs().get("logits").toFloats(), 0, ACTIONS.length);
    for (int a = 0; a < ACTIONS.length; a++) {
      System.out.printf("   %-22s %7.4f  %7.4f%n", ACTIONS[a], p0[a], p1[a]);
    }
  }

  private static void printCaptures(BatchResult r) {
    for (Map.Entry<String, HostTensor> e : r.captures().entrySet()) {
      float[] v = e.getValue().toFloats();
      double sum = 0;
      float max = Float.NEGATIVE_INFINITY;
      int zeros = 0;
      for (float x : v) {
        sum += x;
        max = Math.max(max, x);
        zeros += x == 0f ? 1 : 0;
      }
      System.out.printf("   %-26s shape %-16s mean %8.4f  max %8.4f  zeros %d/%d%n", e.getKey(),
          java.util.Arrays.toString(e.getValue().shape()), sum / v.length, max, zeros, v.length);
    }
    System.out.printf("   server forward time %.2f ms%n", r.forwardNanos() / 1e6);
  }
}
