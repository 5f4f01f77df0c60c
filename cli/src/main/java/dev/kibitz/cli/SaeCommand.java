package dev.kibitz.cli;

import com.google.gson.Gson;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.experiment.MazeSaeExperiment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kibitz sae maze}: an SAE on the maze agent, captured through the store and measured downstream. */
@Command(name = "sae", mixinStandardHelpOptions = true, description = "Sparse autoencoders on the zoo's models.",
    subcommands = {SaeCommand.Maze.class})
final class SaeCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "maze", mixinStandardHelpOptions = true,
      description = "Capture the maze agent at a hook for every square of many mazes into an embedded activation "
          + "store (written by the model server), train an SAE from the stored batches, and report held-out "
          + "MSE, FVU, L0, dead/dense features and downstream KL / top-action agreement (report.json).")
  static final class Maze implements Callable<Integer> {
    @Option(names = "--hook", defaultValue = "fc_out", description = "hook point (default: ${DEFAULT-VALUE})")
    String hook;

    @picocli.CommandLine.Mixin
    SaeShapeOptions sae;

    @Option(names = "--mazes", defaultValue = "200", description = "training mazes (default: ${DEFAULT-VALUE})")
    int mazes;

    @Option(names = "--held-out", defaultValue = "20", description = "held-out mazes (default: ${DEFAULT-VALUE})")
    int heldOut;

    @Option(names = "--out", defaultValue = "sae-maze", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--sweep", description = "also train the standard sweep (4 architectures x 3 sparsities) on the "
        + "same data: table and Pareto plots (L0 vs FVU, L0 vs downstream KL) in OUT/sweep/")
    boolean sweep;

    @Override
    public Integer call() throws Exception {
      var report = MazeSaeExperiment.run(new MazeSaeExperiment.Options(hook, mazes, heldOut, sae.build(), sae.width,
          sae.steps, 0, out), sweep ? MazeSaeExperiment.STANDARD_SWEEP : null);
      System.out.println(new Gson().toJson(report));
      return 0;
    }
  }

  /** The {@code --architecture NAME --sparsity S} pair of the SAE commands (k for topk, a coefficient otherwise). */
  static SaeArchitecture architecture(String name, double sparsity) {
    try {
      return dev.kibitz.sae.arch.Architectures.named(name, sparsity);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + e.getMessage());
    }
  }
}
