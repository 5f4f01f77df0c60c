package dev.kibitz.cli;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Perft;
import dev.kibitz.games.chess.Position;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kibitz chess ...}: the chess rules (and, later, its concepts). */
@Command(name = "chess", mixinStandardHelpOptions = true, description = "Chess rules and tools.",
    subcommands = {ChessCommand.PerftCommand.class, ChessGenerateCommand.class})
final class ChessCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "perft", mixinStandardHelpOptions = true,
      description = "Count the leaf nodes of the legal move tree from FEN to DEPTH plies (checks the move generator "
          + "against published counts).")
  static final class PerftCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FEN", description = "position in FEN (quote it), or 'startpos'")
    String fen;

    @Parameters(index = "1", paramLabel = "DEPTH", description = "plies, >= 0 (>= 1 with --divide)")
    int depth;

    @Option(names = "--divide", description = "also print the count below each legal move at the root")
    boolean divide;

    @Override
    public Integer call() {
      Position position = Position.fromFen(fen.equals("startpos") ? Position.START_FEN : fen);
      PrintWriter out = spec.commandLine().getOut();
      long total;
      if (divide) {
        Map<Move, Long> counts = Perft.divide(position, depth);
        counts.forEach((move, n) -> out.println(move.uci() + ": " + n));
        total = counts.values().stream().mapToLong(Long::longValue).sum();
        out.println();
      } else {
        total = Perft.count(position, depth);
      }
      out.println(total);
      out.flush();
      return 0;
    }
  }
}
