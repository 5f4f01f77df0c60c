package dev.kibitz.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.model.BlockHookedModel;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.games.chess.agent.ChessExamples;
import dev.kibitz.games.chess.agent.ConditionedMoveMatch;
import dev.kibitz.games.chess.agent.MoveMatch;
import dev.kibitz.games.chess.agent.ShippedChessPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kibitz chess card}: the model card's numbers and figures for a chess training run, on the
 * held-out games: held-out loss and move-match of every checkpoint, and for the last one the Maia
 * matrix (conditioned x true Elo bucket) and top-1 agreement with Stockfish by conditioned Elo.
 */
@Command(name = "card", mixinStandardHelpOptions = true,
    description = "Evaluate a chess training run on held-out games: per-checkpoint curve, move-match per Elo, the "
        + "conditioned x true Elo matrix, Stockfish agreement; figures, report.json, report.md. Optionally ship "
        + "checkpoints as the zoo's resources.")
public final class ChessCardCommand implements Callable<Integer> {
  /** The fixed sample a test re-measures: every SAMPLE_EVERY-th held-out position. */
  public static final int SAMPLE_EVERY = 10;

  @Option(names = "--checkpoints", required = true, description = "the training run's folder (step-*.safetensors)")
  Path checkpoints;

  @Option(names = "--data", defaultValue = "data/chess", description = "game shards (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--out", defaultValue = "docs/results/chess-card", description = "default: ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--same-positions", description = "a folder of `chess relabel --held-out` files: also measure the "
      + "conditioned x level matrix on those held-out positions, the same positions in every column")
  Path samePositions;

  @Option(names = "--in-sample", description = "the --same-positions labels are of training games (`chess relabel` "
      + "without --held-out), which the model may have been trained on: a check of what the conditioning can hold, "
      + "not a held-out result")
  boolean inSample;

  @Option(names = "--ship-to", description = "copy the --ship checkpoints here and write its training-log.json")
  Path shipTo;

  @Option(names = "--ship", split = ",", description = "steps to ship (default: the last)")
  List<Integer> ship = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<Integer> steps = steps(checkpoints);
    if (steps.isEmpty()) {
      System.err.println("no step-*.safetensors checkpoints in " + checkpoints);
      return 2;
    }
    ChessExamples heldOut = ChessExamples.load(data)[1];
    ChessExamples sample = everyNth(heldOut, SAMPLE_EVERY);
    // Read before any measuring, so that labels from the wrong games fail fast.
    ChessExamples relabelled = samePositions == null ? null : ChessExamples.loadCounterfactual(samePositions, !inSample);
    Set<Integer> shipped = new TreeSet<>(ship.isEmpty() ? List.of(steps.get(steps.size() - 1)) : ship);
    for (int s : shipped) {
      if (!steps.contains(s)) {
        System.err.println("--ship " + s + ": no step-" + String.format("%06d", s) + ".safetensors in " + checkpoints);
        return 2;
      }
    }
    System.out.printf("%d held-out positions (fixed sample: every %dth, %d)%n", heldOut.size(), SAMPLE_EVERY,
        sample.size());
    List<ChessCardReport.CheckpointRow> curve = new ArrayList<>();
    ProgressBar bar = new ProgressBar("checkpoints", steps.size());
    for (int step : steps) {
      String name = ShippedChessPolicy.checkpointName(step);
      try (HookedModel model = ShippedChessPolicy.loadFrom(checkpoints, name, Device.cpu());
          NDManager scratch = model.manager().newSubManager()) {
        var block = ((BlockHookedModel) model).block();
        MoveMatch.Result all = MoveMatch.of(block, scratch, heldOut);
        MoveMatch.Result few = MoveMatch.of(block, scratch, sample);
        String loss = Safetensors.read(checkpoints.resolve(name + ".safetensors")).metadata()
            .getOrDefault("mean_loss", "NaN");
        curve.add(new ChessCardReport.CheckpointRow(step, Double.parseDouble(loss), all, few.overall(),
            shipped.contains(step)));
      }
      bar.update(curve.size());
    }
    int last = steps.get(steps.size() - 1);
    ConditionedMoveMatch.Result matrix;
    ConditionedMoveMatch.Result same = null;
    try (HookedModel model = ShippedChessPolicy.loadFrom(checkpoints, ShippedChessPolicy.checkpointName(last),
        Device.cpu()); NDManager scratch = model.manager().newSubManager()) {
      ProgressBar m = new ProgressBar("Elo conditionings", ConditionedMoveMatch.batches(heldOut.size()));
      matrix = ConditionedMoveMatch.of(((BlockHookedModel) model).block(), scratch, heldOut, m::update);
      if (relabelled != null) {
        ProgressBar p = new ProgressBar("same positions", ConditionedMoveMatch.batches(relabelled.size()));
        same = ConditionedMoveMatch.of(((BlockHookedModel) model).block(), scratch, relabelled, p::update);
      }
    }
    ChessCardReport report = new ChessCardReport(curve, last, matrix, heldOut.size(), same, inSample);
    report.write(out);
    System.out.print(report.markdown());
    if (shipTo != null) {
      Files.createDirectories(shipTo);
      for (int s : shipped) {
        String file = ShippedChessPolicy.checkpointName(s) + ".safetensors";
        Files.copy(checkpoints.resolve(file), shipTo.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(shipTo.resolve("training-log.json"), report.trainingLog());
      System.out.println("shipped " + shipped + " to " + shipTo);
    }
    System.out.println("report: " + out.resolve("report.md"));
    return 0;
  }

  static List<Integer> steps(Path dir) throws java.io.IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("step-\\d{6}\\.safetensors"))
          .map(n -> Integer.parseInt(n.substring(5, 11))).sorted().toList();
    }
  }

  /** Examples 0, n, 2n, ... : the fixed sample the shipped model's test re-measures. */
  public static ChessExamples everyNth(ChessExamples all, int n) {
    List<ChessExamples.Example> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += n) {
      out.add(all.get(i));
    }
    return new ChessExamples(out);
  }
}
