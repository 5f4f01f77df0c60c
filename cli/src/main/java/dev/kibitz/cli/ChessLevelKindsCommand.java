package dev.kibitz.cli;

import dev.kibitz.games.chess.data.CounterfactualMoves;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.games.chess.data.LevelMoveKinds;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kibitz chess level-kinds}: what kind of move each level plays on the same positions. */
@Command(name = "level-kinds", mixinStandardHelpOptions = true,
    description = "From `chess relabel` labels (every level's move on the same positions): per level, how often its "
        + "move captures, checks, moves a pawn or the queen, how many ranks forward it goes, and how many of its own "
        + "pieces hang after it. A Markdown table on stdout.")
public final class ChessLevelKindsCommand implements Callable<Integer> {
  @Option(names = "--labels", defaultValue = "data/chess-counterfactual",
      description = "folder of `chess relabel` files (default: ${DEFAULT-VALUE})")
  Path labels;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LevelMoveKinds.Table t = LevelMoveKinds.of(CounterfactualMoves.read(labels));
    StringBuilder s = new StringBuilder("| level | labels");
    LevelMoveKinds.MEASURES.forEach(m -> s.append(" | ").append(m));
    s.append(" |\n|---|---").append("|---".repeat(LevelMoveKinds.MEASURES.size())).append("|\n");
    for (int level = 0; level < EloLevels.COUNT; level++) {
      s.append("| ").append(EloLevels.elo(level)).append(" | ").append(t.labels()[level]);
      for (double v : t.means()[level]) {
        s.append(String.format(" | %.4f", v));
      }
      s.append(" |\n");
    }
    spec.commandLine().getOut().print(s);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
