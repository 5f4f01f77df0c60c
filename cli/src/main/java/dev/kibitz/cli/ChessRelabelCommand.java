package dev.kibitz.cli;

import dev.kibitz.games.chess.data.CounterfactualMoves;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kibitz chess relabel}: what every Elo level would have played in positions of the games. */
@Command(name = "relabel", mixinStandardHelpOptions = true,
    description = "Ask every full-strength level (its node budget) for its move in positions of the game shards, so "
        + "the same position is seen under every mover Elo (gzipped TSV). Training games by default; --held-out "
        + "takes the held-out games instead, for evaluation only. Exits 1 if a mover's own level does not reproduce "
        + "the move played.")
public final class ChessRelabelCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = "data/chess", description = "folder of *.tsv.gz game shards (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--positions", defaultValue = "1000", description = "positions to relabel (default: ${DEFAULT-VALUE})")
  int positions;

  @Option(names = "--threads", defaultValue = "2", description = "Stockfish processes (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--seed", defaultValue = "0", description = "picks the positions (default: 0)")
  long seed;

  @Option(names = "--play-nodes", defaultValue = "256",
      description = "nodes a move at the weakest level, as the games were played (default: ${DEFAULT-VALUE})")
  long playNodes;

  @Option(names = "--play-nodes-top", defaultValue = "65536",
      description = "nodes a move at the strongest level, as the games were played (default: ${DEFAULT-VALUE})")
  long playNodesTop;

  @Option(names = "--held-out", description = "relabel positions of the held-out games instead (for `chess card "
      + "--same-positions`; training refuses them)")
  boolean heldOut;

  @Option(names = "--out", required = true, description = "output file (.tsv.gz)")
  Path out;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    CounterfactualMoves.Outcome o = CounterfactualMoves.label(data,
        new CounterfactualMoves.Settings(positions, threads, seed, playNodes, playNodesTop, heldOut), out);
    System.out.printf("wrote %d labels for %d positions to %s in %.1f s; the mover's own level reproduced the move "
        + "played in %d of %d%n", o.labels(), positions, out, (System.nanoTime() - start) / 1e9,
        o.ownLevelReproduced(), o.ownLevelAsked());
    if (o.ownLevelReproduced() != o.ownLevelAsked()) {
      System.err.println("kibitz: the replay is not faithful: --play-nodes/--play-nodes-top must be those the games "
          + "were played with, and the engine the same Stockfish build");
      return 1;
    }
    return 0;
  }
}
