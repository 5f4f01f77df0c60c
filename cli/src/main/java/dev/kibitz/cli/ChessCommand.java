package dev.kibitz.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Perft;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.concepts.ConceptLibrary;
import dev.kibitz.games.chess.engine.Stockfish;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kibitz chess ...}: the chess rules and the concept library. */
@Command(name = "chess", mixinStandardHelpOptions = true, description = "Chess rules and tools.",
    subcommands = {ChessCommand.PerftCommand.class, ChessCommand.ConceptsCommand.class, ChessGenerateCommand.class,
        ChessRelabelCommand.class, ChessLevelKindsCommand.class,
        ChessTrainCommand.class, ChessCardCommand.class})
final class ChessCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  private static Position position(String fen) {
    return Position.fromFen(fen.equals("startpos") ? Position.START_FEN : fen);
  }

  @Command(name = "concepts", mixinStandardHelpOptions = true,
      description = "Print every chess concept's value for FEN as one JSON object, name -> value, in the order of "
          + "docs/chess-concepts.md (own = the side to move; booleans 0/1; null where a concept has no value, e.g. "
          + "Stockfish's terms in check).")
  static final class ConceptsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FEN", description = "position in FEN (quote it), or 'startpos'")
    String fen;

    @Option(names = "--engine", description = "also Stockfish 15.1's classical eval terms (sf_*; needs Stockfish)")
    boolean engine;

    @Override
    public Integer call() {
      Position position = position(fen);
      Map<String, Double> values;
      if (engine) {
        try (Stockfish stockfish = Stockfish.start(1)) {
          values = ConceptLibrary.withEngine(stockfish).valuesByName(position);
        }
      } else {
        values = ConceptLibrary.pure().valuesByName(position);
      }
      JsonObject json = new JsonObject();
      values.forEach((name, v) -> json.add(name, Double.isNaN(v) ? JsonNull.INSTANCE
          : v == Math.rint(v) ? new JsonPrimitive((long) (double) v) : new JsonPrimitive(v)));
      PrintWriter out = spec.commandLine().getOut();
      out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(json));
      out.flush();
      return 0;
    }
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
      Position position = position(fen);
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
