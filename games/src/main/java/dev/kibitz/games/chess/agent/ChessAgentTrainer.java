package dev.kibitz.games.chess.agent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.chess.encode.ChessEncoder;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import dev.kibitz.games.training.BlockWeights;
import dev.kibitz.games.training.Adam;
import dev.kibitz.games.training.Autograd;
import dev.kibitz.games.zoo.ChessPolicy;
import dev.kibitz.games.zoo.SeededWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains the chess policy by cloning the recorded players' moves, conditioned on both players'
 * Elo: cross-entropy over the legal moves, Adam with a linear warm-up and a cosine decay, seeded
 * weights and batches (same data and config, same bytes). Saves float16 checkpoints
 * {@code step-NNNNNN.safetensors} along the way.
 */
public final class ChessAgentTrainer {
  /** How to train; {@code checkpoints} are the steps saved (0 = the initial weights). */
  public record Config(long seed, int batchSize, int steps, float learningRate, int warmupSteps,
      List<Integer> checkpoints, ChessPolicy.Config architecture) {
    public Config {
      checkpoints = List.copyOf(checkpoints);
      if (batchSize < 1 || steps < 1 || warmupSteps < 0 || !(learningRate > 0)) {
        throw new IllegalArgumentException("batch size and steps must be >= 1, warm-up >= 0 and the learning rate "
            + "> 0, got " + batchSize + ", " + steps + ", " + warmupSteps + ", " + learningRate);
      }
    }

    /** Linear warm-up to the peak, then a cosine to 10% of it at the last step. */
    public float learningRateAt(int step) {
      if (step <= warmupSteps) {
        return learningRate * step / Math.max(1, warmupSteps);
      }
      double done = (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps);
      return (float) (learningRate * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * done))));
    }
  }

  /** Called as training goes. */
  public interface Progress {
    void stepDone(int step, double loss);

    default void checkpointSaved(Path file, int step, double meanLoss) {}
  }

  private final Config config;

  public ChessAgentTrainer(Config config) {
    this.config = config;
  }

  /** Trains from scratch on {@code data}; returns the saved checkpoint files in step order. */
  public List<Path> train(ChessExamples data, Path outDir, Progress progress) throws IOException {
    return train(data, outDir, null, progress);
  }

  /**
   * Trains on {@code data} starting from the weights in {@code initFrom} (a checkpoint of the same architecture),
   * or from the seeded initial weights when it is null; Adam's moments and the learning-rate schedule start afresh
   * either way. Checkpoints are numbered on from the start checkpoint's step (its {@code step} metadata), so a run
   * continued from {@code step-005000} saves {@code step-006000}, ...; {@code config.checkpoints()} count this run's
   * steps.
   */
  public List<Path> train(ChessExamples data, Path outDir, Path initFrom, Progress progress) throws IOException {
    Files.createDirectories(outDir);
    List<Path> saved = new ArrayList<>();
    try (NDManager root = NDManager.newBaseManager()) {
      ChessPolicy block = new ChessPolicy(config.architecture());
      block.initialize(root, DataType.FLOAT32, ChessPolicy.inputShapes(1, config.architecture()));
      int firstStep = 0;
      if (initFrom == null) {
        SeededWeights.fill(block, config.seed());
      } else {
        Safetensors.Contents start = Safetensors.read(initFrom);
        BlockWeights.load(block, start, initFrom.getFileName().toString());
        firstStep = Integer.parseInt(start.metadata().getOrDefault("step", "0"));
      }
      Adam.Moments moments = Adam.Moments.of(block);
      if (config.checkpoints().contains(0)) {
        saved.add(save(block, outDir, firstStep, Double.NaN, initFrom, progress));
      }
      SplittableRandom random = new SplittableRandom(config.seed() + 1);
      double lossSum = 0;
      int lossCount = 0;
      for (int step = 1; step <= config.steps(); step++) {
        List<ChessExamples.Example> batch = data.sample(random, config.batchSize());
        double loss;
        try (NDManager scratch = root.newSubManager()) {
          NDList inputs = inputs(scratch, batch, block);
          NDArray target = scratch.create(batch.stream().mapToInt(ChessExamples.Example::move).toArray())
              .oneHot(MoveVocabulary.size());
          loss = Autograd.collect(() -> {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDArray logits = block.forward(new ParameterStore(scratch, false), inputs, true).singletonOrThrow();
              NDArray l = logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
              gc.backward(l);
              return (double) l.getFloat();
            }
          });
          moments.update(scratch, step, config.learningRateAt(step));
        }
        lossSum += loss;
        lossCount++;
        if (config.checkpoints().contains(step)) {
          saved.add(save(block, outDir, firstStep + step, lossSum / lossCount, initFrom, progress));
          lossSum = 0;
          lossCount = 0;
        }
        progress.stepDone(step, loss);
      }
    }
    return saved;
  }

  /** The four inputs of {@code policy} (a {@link ChessPolicy}: its config says which board planes) for a batch. */
  public static NDList inputs(NDManager manager, List<ChessExamples.Example> batch, Block policy) {
    boolean tactical = policy instanceof ChessPolicy chess && chess.config().tacticalPlanes();
    Map<String, HostTensor> encoded = ChessEncoder.encode(ChessExamples.states(batch), tactical);
    NDList out = new NDList();
    for (String name : List.of(ChessEncoder.BOARD, ChessEncoder.MOVER_ELO, ChessEncoder.OPPONENT_ELO,
        ChessEncoder.LEGAL)) {
      out.add(TensorCodec.toNDArray(manager, encoded.get(name)));
    }
    return out;
  }

  static String checkpointFile(int step) {
    return String.format("step-%06d.safetensors", step);
  }

  private Path save(Block block, Path outDir, int step, double meanLoss, Path initFrom, Progress progress)
      throws IOException {
    Path file = outDir.resolve(checkpointFile(step));
    Map<String, String> metadata = new TreeMap<>();
    metadata.put("step", Integer.toString(step));
    metadata.put("architecture", config.architecture().describe());
    metadata.put("mean_loss", Double.toString(meanLoss));
    if (initFrom != null) {
      metadata.put("init_from", initFrom.getFileName().toString()); // steps count from that checkpoint
    }
    BlockWeights.save(block, file, metadata);
    progress.checkpointSaved(file, step, meanLoss);
    return file;
  }
}
