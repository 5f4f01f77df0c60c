package dev.kibitz.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.games.chess.agent.ChessAgentTrainer;
import dev.kibitz.games.chess.agent.ChessExamples;
import dev.kibitz.games.chess.agent.MoveMatch;
import dev.kibitz.games.chess.agent.ShippedChessPolicy;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.games.training.BlockWeights;
import dev.kibitz.games.zoo.ChessPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kibitz chess train}: the chess policy cloned from the generated games, with held-out move-match. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the Elo-conditioned chess policy on game shards and report held-out move-match per Elo.")
public final class ChessTrainCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = "data/chess", description = "folder of *.tsv.gz shards (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--counterfactual", description = "folder of `chess relabel` files: training positions under every "
      + "level's Elo with that level's move, added to the training examples (default: none)")
  Path counterfactual;

  @Option(names = "--init-from", description = "a checkpoint to start from instead of the seeded weights (its "
      + "architecture is used; --elo-encoding is then ignored)")
  Path initFrom;

  @Option(names = "--steps", defaultValue = "5000", description = "default: ${DEFAULT-VALUE}")
  int steps;

  @Option(names = "--batch", defaultValue = "256", description = "default: ${DEFAULT-VALUE}")
  int batch;

  @Option(names = "--lr", defaultValue = "1e-3", description = "peak learning rate (default: ${DEFAULT-VALUE})")
  float learningRate;

  @Option(names = "--checkpoint-every", defaultValue = "1000", description = "default: ${DEFAULT-VALUE}")
  int every;

  @Option(names = "--elo-encoding", defaultValue = "ordinal", description = "how an Elo bucket is embedded: ordinal "
      + "(bucket b = the sum of learned steps 0..b) or one-hot (a free vector per bucket); default: ${DEFAULT-VALUE}")
  String eloEncoding;

  @Option(names = "--tactical-planes", description = "give the board input the 14 tactical planes (attacks, hanging "
      + "and pinned pieces, where legal moves start and land, checks, captures, mates; see TacticalPlanes)")
  boolean tacticalPlanes;

  @Option(names = "--elo-every-block", description = "add an Elo term of its own to the residual stream in front of "
      + "every block after the first, not only at the stem")
  boolean eloEveryBlock;

  @Option(names = "--seed", defaultValue = "0", description = "default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--out", defaultValue = "chess-agent", description = "checkpoint folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!eloEncoding.equals("ordinal") && !eloEncoding.equals("one-hot")) {
      System.err.println("--elo-encoding must be ordinal or one-hot, got '" + eloEncoding + "'");
      return 2;
    }
    if (initFrom != null && (tacticalPlanes || eloEveryBlock)) {
      System.err.println("--tactical-planes and --elo-every-block choose a new architecture; --init-from's checkpoint "
          + "already has one");
      return 2;
    }
    ChessPolicy.Config architecture = initFrom != null
        ? ShippedChessPolicy.architecture(Safetensors.read(initFrom), initFrom.toString())
        : new ChessPolicy.Config(ChessPolicy.SMALL.channels(), ChessPolicy.SMALL.blocks(),
            ChessPolicy.SMALL.headChannels(), eloEncoding.equals("ordinal"), tacticalPlanes, eloEveryBlock);
    ChessExamples[] split = ChessExamples.load(data);
    System.out.printf("%d training and %d held-out positions from %s%n", split[0].size(), split[1].size(), data);
    ChessExamples training = split[0];
    if (counterfactual != null) {
      ChessExamples extra = ChessExamples.loadCounterfactual(counterfactual, false);
      System.out.printf("%d counterfactual examples from %s%n", extra.size(), counterfactual);
      training = training.plus(extra);
    }
    List<Integer> checkpoints = new ArrayList<>(List.of(0));
    for (int s = every; s <= steps; s += every) {
      checkpoints.add(s);
    }
    if (!checkpoints.contains(steps)) {
      checkpoints.add(steps);
    }
    ChessAgentTrainer.Config config = new ChessAgentTrainer.Config(seed, batch, steps, learningRate,
        Math.min(500, steps / 10), checkpoints, architecture);
    ProgressBar bar = new ProgressBar("chess policy", steps);
    List<Path> saved = new ChessAgentTrainer(config).train(training, out, initFrom, (step, loss) ->
        bar.update(step, String.format("loss %.3f", loss)));
    try (NDManager manager = NDManager.newBaseManager()) {
      ChessPolicy policy = new ChessPolicy(architecture);
      policy.initialize(manager, DataType.FLOAT32, ChessPolicy.inputShapes(1, architecture));
      Path last = saved.get(saved.size() - 1);
      BlockWeights.load(policy, Safetensors.read(last), last.getFileName().toString());
      MoveMatch.Result r = MoveMatch.of(policy, manager, split[1]);
      System.out.printf("held-out move-match %.4f over %d positions%n", r.overall(), split[1].size());
      for (int b = 0; b < EloLevels.COUNT; b++) {
        System.out.printf("  mover Elo %d: %.4f (%d)%n", EloLevels.elo(b), r.inBucket(b), r.counts()[b]);
      }
    }
    return 0;
  }
}
