package dev.kibitz.cli;

import dev.kibitz.games.chess.data.GameGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kibitz chess generate}: Stockfish games at set Elo levels, every position labelled. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Play Stockfish games between Elo levels 1350..2850 from random openings and write every position "
        + "with the move played, both Elos, and a fixed-depth best move, score and centipawn loss (gzipped TSV).")
public final class ChessGenerateCommand implements Callable<Integer> {
  @Option(names = "--games", defaultValue = "100", description = "default: ${DEFAULT-VALUE}")
  int games;

  @Option(names = "--threads", defaultValue = "2", description = "Stockfish processes (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--seed", defaultValue = "0", description = "seeds pairings and openings (default: 0)")
  long seed;

  @Option(names = "--play-nodes", defaultValue = "5000",
      description = "search nodes per move played (default: ${DEFAULT-VALUE})")
  long playNodes;

  @Option(names = "--play-nodes-top", defaultValue = "0",
      description = "search nodes per move at the strongest level, growing geometrically from --play-nodes at the "
          + "weakest (default: the same as --play-nodes)")
  long playNodesTop;

  @Option(names = "--full-strength", description = "levels differ by node budget alone (no UCI_LimitStrength); "
      + "the Elo written is the level's nominal Elo")
  boolean fullStrength;

  @Option(names = "--label-depth", defaultValue = "8",
      description = "depth of the labelling search (default: ${DEFAULT-VALUE})")
  int labelDepth;

  @Option(names = "--out", required = true, description = "output file (.tsv.gz)")
  Path out;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    long n = GameGenerator.generate(new GameGenerator.Settings(games, threads, seed, playNodes,
        playNodesTop == 0 ? playNodes : playNodesTop, labelDepth, fullStrength), out);
    System.out.printf("wrote %d positions from %d games to %s in %.1f s%n", n, games, out,
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
