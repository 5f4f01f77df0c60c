package dev.kibitz.games.maze.agent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.MazeEncoder;
import dev.kibitz.games.training.Adam;
import dev.kibitz.games.training.BlockWeights;
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

  private final TrainingConfig config;

  public MazeAgentTrainer(TrainingConfig config) {
    this.config = config;
  }

  /** Called after every step with its loss. */
  @FunctionalInterface
  public interface Progress {
    void stepDone(int step, double loss);

    /** Called when a checkpoint has been written. */
    default void checkpointSaved(Saved saved) {}
  }

  /** A checkpoint written during training, with the mean loss of the steps since the last one. */
  public record Saved(int step, Path file, double meanLoss) {}

  /**
   * Trains from scratch.
   *
   * @param outDir receives step-NNNNNN.safetensors for every checkpoint, and resume.safetensors
   * @param progress called with each finished step
   */
  public List<Saved> train(Path outDir, Progress progress) throws IOException {
    return train(outDir, false, progress);
  }

  /**
   * Trains, or with {@code resume} continues the run in {@code outDir} from its latest resume state or
   * phase-end checkpoint. A resumed run ends bit-identical to an uninterrupted one.
   *
   * @return the checkpoints written by this call
   */
  public List<Saved> train(Path outDir, boolean resume, Progress progress) throws IOException {
    Files.createDirectories(outDir);
    ResidualConvPolicy.Config arch = ResidualConvPolicy.MAZE;
    CloningExamples data = new CloningExamples(0, config.trainMazes(), CheeseRegion.TOP_RIGHT, config.regionSize());
    List<Saved> saved = new ArrayList<>();
    try (NDManager root = NDManager.newBaseManager()) {
      Block block = ResidualConvPolicy.build(arch);
      block.initialize(root, DataType.FLOAT32, arch.inputShape(1));
      SeededWeights.fill(block, config.seed());
      TrainingState state = new TrainingState(block);
      ResumePoint from = resume ? ResumePoint.latest(outDir, config) : ResumePoint.START;
      from.restore(state, config);
      if (from.step() == 0 && config.checkpoints().contains(0)) {
        saved.add(save(block, outDir, 0, Double.NaN));
        progress.checkpointSaved(saved.get(saved.size() - 1));
      }
      if (from.step() >= config.steps()) {
        return saved;
      }
      int phase = config.phaseOf(from.step() + 1);
      SplittableRandom random = phaseRandom(phase);
      int doneInPhase = from.step() - config.phaseEnd(phase - 1);
      for (int i = 0; i < doneInPhase; i++) { // replay the batches already trained on, to reach the same stream state
        data.sample(random, config.batchSize(), config.phases().get(phase).sampling());
      }
      for (int step = from.step() + 1; step <= config.steps(); step++) {
        if (config.phaseOf(step) != phase) {
          phase = config.phaseOf(step);
          random = phaseRandom(phase);
          state.warmRestart(outDir.resolve(checkpointFile(step - 1)));
        }
        TrainingConfig.Phase p = config.phases().get(phase);
        int t = step - config.phaseEnd(phase - 1);
        double loss = step(block, data.sample(random, config.batchSize(), p.sampling()), state, t,
            p.learningRateAt(t));
        state.lossSum += loss;
        state.lossCount++;
        if (config.checkpoints().contains(step)) {
          saved.add(save(block, outDir, step, state.lossSum / state.lossCount));
          progress.checkpointSaved(saved.get(saved.size() - 1));
          state.lossSum = 0;
          state.lossCount = 0;
        }
        if (step % config.resumeEvery() == 0) {
          state.save(outDir.resolve(ResumePoint.FILE), step, config);
        }
        progress.stepDone(step, loss);
      }
    }
    return saved;
  }

  /** Phase 0 keeps the first agent's stream, SplittableRandom(seed + 1); later phases get their own. */
  private SplittableRandom phaseRandom(int phase) {
    return new SplittableRandom(config.seed() + 1 + phase * 1_000_003L);
  }

  static String checkpointFile(int step) {
    return String.format("step-%06d.safetensors", step);
  }

  private double step(Block block, CloningExamples.Batch batch, TrainingState state, int t, float learningRate) {
    List<NDArray> weights = state.weights;
    List<NDArray> m = state.m;
    List<NDArray> v = state.v;
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
      Adam.update(step, weights, m, v, t, learningRate);
      return loss;
    }
  }

  private Saved save(Block block, Path outDir, int step, double meanLoss) throws IOException {
    Path file = outDir.resolve(checkpointFile(step));
    Map<String, String> metadata = new java.util.TreeMap<>(); // sorted: the same bytes on every run
    metadata.put("step", Integer.toString(step));
    metadata.put("architecture", "ResidualConvPolicy.MAZE");
    metadata.put("mean_loss", Double.toString(meanLoss));
    BlockWeights.save(block, file, metadata);
    return new Saved(step, file, meanLoss);
  }
}
