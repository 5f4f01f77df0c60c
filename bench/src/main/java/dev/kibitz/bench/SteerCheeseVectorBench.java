package dev.kibitz.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.hook.ForwardPlan;
import dev.kibitz.core.hook.HookedForward;
import dev.kibitz.core.intervention.Add;
import dev.kibitz.core.intervention.Selector;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeEncoder;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.Square;
import dev.kibitz.games.maze.agent.ModelMazePolicy;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.games.maze.view.Rollout;
import dev.kibitz.games.maze.view.VectorField;
import dev.kibitz.games.zoo.ZooModels;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.AddVector;
import dev.kibitz.proto.v1.Application;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.EvaluateUpdate;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.PerMazeCheeseVector;
import dev.kibitz.steering.LocalSteeringStack;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A full cheese-vector evaluation (each maze's own vector subtracted; every free square's policy
 * unpatched and patched, P(cheese) at the decision square, greedy rollouts) over held-out mazes:
 * through the steering service and the model server over loopback gRPC vs the same computation
 * in-process on the hooked model. Rounds interleave the two; both must give the same mean ΔP.
 */
final class SteerCheeseVectorBench implements Bench {
  private static final String HOOK = "stages.1.res.1.resid_out";
  private static final float COEFFICIENT = -1f;

  @Override
  public String name() {
    return "steer-cheese-vector";
  }

  @Override
  public String description() {
    return "cheese-vector evaluation over 100 held-out mazes: steering service + model server over gRPC vs "
        + "in-process (goal >= 0.7)";
  }

  @Override
  public Map<String, Object> run() throws Exception {
    int mazeCount = Integer.getInteger("kibitz.bench.steer.mazes", 100);
    int rounds = Integer.getInteger("kibitz.bench.steer.rounds", 3);
    List<Maze> mazes = new ArrayList<>();
    for (int i = 0; i < mazeCount; i++) {
      mazes.add(MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + i, CheeseRegion.ANYWHERE).build());
    }
    Map<String, Object> f = Bench.figures();
    try (ModelRegistry registry = new ModelRegistry(Device.cpu());
        LocalSteeringStack services = new LocalSteeringStack()) {
      ZooModels.registerAll(registry);
      HookedModel model = registry.model(ShippedAgent.NAME, "");
      EvaluateRequest request = request(mazes);
      double serviceMean = throughServices(services, request); // warm-up, both paths
      double localMean = inProcess(model, mazes);
      long[] serviceNanos = new long[rounds];
      long[] localNanos = new long[rounds];
      ProgressBar bar = new ProgressBar("steer-cheese-vector", rounds);
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        serviceMean = throughServices(services, request);
        long t1 = System.nanoTime();
        localMean = inProcess(model, mazes);
        long t2 = System.nanoTime();
        serviceNanos[r] = t1 - t0;
        localNanos[r] = t2 - t1;
        bar.update(r + 1);
      }
      double service = Bench.median(serviceNanos) / 1e9;
      double local = Bench.median(localNanos) / 1e9;
      f.put("model", ShippedAgent.NAME);
      f.put("hook", HOOK);
      f.put("mazes", mazeCount);
      f.put("rounds", rounds);
      f.put("mean_delta_p_cheese_services", Bench.round(serviceMean, 5));
      f.put("mean_delta_p_cheese_in_process", Bench.round(localMean, 5));
      f.put("in_process_s", Bench.round(local, 3));
      f.put("services_s", Bench.round(service, 3));
      f.put("ratio_services_vs_in_process", Bench.round(local / service, 3));
      f.put("goal_ratio", 0.7);
    }
    return f;
  }

  private static EvaluateRequest request(List<Maze> mazes) {
    EvaluateRequest.Builder b = EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME)
        .setApplication(Application.newBuilder().setHook(HOOK).setAdd(AddVector.newBuilder()
            .setPerMazeCheese(PerMazeCheeseVector.getDefaultInstance()).setCoefficient(COEFFICIENT)));
    for (Maze m : mazes) {
      b.addCases(MazeCase.newBuilder().setMaze(MazeStates.toProto(m, m.mouseStart()).getMaze().toBuilder()
          .clearMouse()));
    }
    return b.build();
  }

  /** Mean ΔP(cheese) at decision squares, through the services (every row is received and parsed). */
  private static double throughServices(LocalSteeringStack services, EvaluateRequest request) {
    EvaluateResult result = null;
    for (Iterator<EvaluateUpdate> it = services.stub(600, TimeUnit.SECONDS).evaluate(request); it.hasNext(); ) {
      EvaluateUpdate u = it.next();
      if (u.hasResult()) {
        result = u.getResult();
      }
    }
    return result.getSummary().getDeltaPCheese().getMean();
  }

  /** The same evaluation on the hooked model in this JVM. */
  private static double inProcess(HookedModel model, List<Maze> mazes) {
    double sum = 0;
    int n = 0;
    ForwardPlan capture = ForwardPlan.validate(ShippedAgent.NAME, model.hookPoints(), List.of(HOOK), List.of());
    for (Maze maze : mazes) {
      HostTensor vector;
      try (NDManager batch = model.manager().newSubManager()) {
        HookedForward.Result r = HookedForward.run(model, capture, batch, Map.of("obs", MazeEncoder.encode(
            List.of(maze, maze), List.of(maze.mouseStart(), maze.mouseStart()), List.of(false, true))), Map.of(),
            () -> false);
        var acts = r.captures().get(HOOK);
        vector = TensorCodec.fromNDArray(acts.get(0).sub(acts.get(1)));
      }
      ForwardPlan patch = ForwardPlan.validate(ShippedAgent.NAME, model.hookPoints(), List.of(),
          List.of(new Add(HOOK, Selector.ALL, vector, COEFFICIENT)));
      VectorField before = VectorField.compute(maze, ModelMazePolicy.plain(model));
      VectorField after = VectorField.compute(maze, new ModelMazePolicy(model, patch));
      Rollout.greedy(before);
      Rollout.greedy(after);
      var decision = new PathFinder(maze).decisionSquare();
      if (decision.isPresent()) {
        Square d = decision.get();
        PathFinder paths = new PathFinder(maze);
        var toCheese = paths.bestAction(d, paths.distances(maze.cheese()));
        sum += after.at(d).orElseThrow().probability(toCheese) - before.at(d).orElseThrow().probability(toCheese);
        n++;
      }
    }
    return sum / n;
  }
}
