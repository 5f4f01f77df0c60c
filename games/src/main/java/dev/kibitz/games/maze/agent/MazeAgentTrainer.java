package dev.kibitz.games.maze.agent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.MazeEncoder;
import dev.kibitz.games.zoo.ResidualConvPolicy;
import dev.kibitz.games.zoo.SeededWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the maze agent by behavioural cloning: cross-entropy of the policy logits against the
 * shortest-path-to-cheese action, on mazes whose cheese is always in the top-right region, with
 * Adam written out explicitly (so every step's arrays live in one visible sub-manager). Saves a
 * checkpoint at each configured step.
 */
public final class MazeAgentTrainer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final TrainingConfig config;

  public MazeAgentTrainer(TrainingConfig config) {
    this.config = config;
  }

  /** Called after every step with its loss. */
  @FunctionalInterface
  public interface Progress {
    void stepDone(int step, double loss);
  }

  /** A checkpoint written during training, with the mean loss of the steps since the last one. */
  public record Saved(int step, Path file, double meanLoss) {}

  /**
   * @param outDir receives step-NNNNNN.safetensors for every checkpoint
   * @param progress called with each finished step
   */
  public List<Saved> train(Path outDir, Progress progress) throws IOException {
    Files.createDirectories(outDir);
    ResidualConvPolicy.Config arch = ResidualConvPolicy.MAZE;
    CloningExamples data = new CloningExamples(0, config.trainMazes(), CheeseRegion.TOP_RIGHT, config.regionSize());
    SplittableRandom random = new SplittableRandom(config.seed() + 1);
    List<Saved> saved = new ArrayList<>();
    try (NDManager root = NDManager.newBaseManager()) {
      Block block = ResidualConvPolicy.build(arch);
      block.initialize(root, DataType.FLOAT32, arch.inputShape(1));
      SeededWeights.fill(block, config.seed());
      List<NDArray> weights = new ArrayList<>();
      List<NDArray> m = new ArrayList<>();
      List<NDArray> v = new ArrayList<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray w = p.getValue().getArray();
        w.setRequiresGradient(true);
        weights.add(w);
        m.add(w.zerosLike());
        v.add(w.zerosLike());
      }
      double lossSum = 0;
      int lossCount = 0;
      if (config.checkpoints().contains(0)) {
        saved.add(save(block, outDir, 0, Double.NaN));
      }
      for (int step = 1; step <= config.steps(); step++) {
        double loss = step(block, data.sample(random, config.batchSize()), weights, m, v, step);
        lossSum += loss;
        lossCount++;
        if (config.checkpoints().contains(step)) {
          saved.add(save(block, outDir, step, lossSum / lossCount));
          lossSum = 0;
          lossCount = 0;
        }
        progress.stepDone(step, loss);
      }
    }
    return saved;
  }

  private double step(Block block, CloningExamples.Batch batch, List<NDArray> weights, List<NDArray> m,
      List<NDArray> v, int t) {
    try (NDManager step = weights.get(0).getManager().newSubManager()) {
      NDArray obs = TensorCodec.toNDArray(step, MazeEncoder.encode(batch.mazes(), batch.mice()));
      NDArray target = step.create(batch.labels()).oneHot(CloningExamples.actions());
      double loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDList out = block.forward(new ParameterStore(step, false), new NDList(obs), true);
        NDArray l = out.get(0).logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
        gc.backward(l);
        loss = l.getFloat();
      }
      float bc1 = 1 - (float) Math.pow(BETA1, t);
      float bc2 = 1 - (float) Math.pow(BETA2, t);
      for (int i = 0; i < weights.size(); i++) {
        NDArray w = weights.get(i);
        NDArray g = w.getGradient();
        step.tempAttachAll(w, m.get(i), v.get(i));
        step.attachAll(g);
        m.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
        v.get(i).muli(BETA2).addi(g.square().mul(1 - BETA2));
        w.subi(m.get(i).div(bc1).div(v.get(i).div(bc2).sqrt().add(EPS)).mul(config.learningRateAt(t)));
        g.subi(g); // DJL does not zero gradients between steps
      }
      return loss;
    }
  }

  private Saved save(Block block, Path outDir, int step, double meanLoss) throws IOException {
    Path file = outDir.resolve(String.format("step-%06d.safetensors", step));
    Map<String, String> metadata = new java.util.TreeMap<>(); // sorted: the same bytes on every run
    metadata.put("step", Integer.toString(step));
    metadata.put("architecture", "ResidualConvPolicy.MAZE");
    metadata.put("mean_loss", Double.toString(meanLoss));
    AgentWeights.save(block, file, metadata);
    return new Saved(step, file, meanLoss);
  }
}
