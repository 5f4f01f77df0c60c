package dev.kibitz.games.chess.data;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.engine.Stockfish;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plays one game between two Stockfish players at set Elo levels from a varied opening and labels
 * every position the players chose a move in. The opening is a seeded number of random legal plies
 * (not labelled: nobody chose them); the game ends at mate, stalemate, the fifty-move rule, a
 * threefold repetition, or {@link #MAX_PLIES}.
 */
final class GamePlayer {
  static final int MAX_PLIES = 200;
  static final int MIN_OPENING_PLIES = 2;
  static final int MAX_OPENING_PLIES = 8;

  private final Stockfish stockfish;
  /** How a player of a given Elo picks its move in a position. */
  interface MoveChooser {
    Move choose(String fen, int elo);
  }

  private final MoveChooser chooser;
  private final int labelDepth;

  GamePlayer(Stockfish stockfish, MoveChooser chooser, int labelDepth) {
    this.stockfish = stockfish;
    this.chooser = chooser;
    this.labelDepth = labelDepth;
  }

  /** One seeded game's positions, in ply order, each with the game's result ("1-0", "0-1", "1/2-1/2"). */
  List<PositionRecord> play(int game, long seed, int whiteElo, int blackElo) {
    SplittableRandom random = new SplittableRandom(seed);
    Position p = Position.start();
    int ply = 0;
    int opening = MIN_OPENING_PLIES + random.nextInt(MAX_OPENING_PLIES - MIN_OPENING_PLIES + 1);
    Map<String, Integer> seen = new HashMap<>();
    for (; ply < opening && !over(p, seen); ply++) {
      List<Move> moves = p.legalMoves();
      p = p.play(moves.get(random.nextInt(moves.size())));
      seen.merge(repetitionKey(p), 1, Integer::sum);
    }
    record Labelled(int ply, String fen, Move played, int mover, int opponent, Stockfish.MoveLoss loss) {}
    List<Labelled> labelled = new ArrayList<>();
    for (; ply < MAX_PLIES && !over(p, seen); ply++) {
      boolean white = p.sideToMove() == dev.kibitz.games.chess.Side.WHITE;
      int mover = white ? whiteElo : blackElo;
      String fen = p.toFen();
      Move move = chooser.choose(fen, mover);
      labelled.add(new Labelled(ply, fen, move, mover, white ? blackElo : whiteElo,
          stockfish.centipawnLoss(fen, move, labelDepth)));
      p = p.play(move);
      seen.merge(repetitionKey(p), 1, Integer::sum);
    }
    String result = result(p);
    List<PositionRecord> out = new ArrayList<>();
    for (Labelled l : labelled) {
      out.add(new PositionRecord(game, l.ply(), l.fen(), l.played(), l.mover(), l.opponent(),
          l.loss().best().bestMove().orElseThrow(), l.loss().best().score().asCentipawns(), l.loss().centipawns(),
          result));
    }
    return out;
  }

  private static boolean over(Position p, Map<String, Integer> seen) {
    return p.legalMoves().isEmpty() || p.halfmoveClock() >= 100 || seen.getOrDefault(repetitionKey(p), 0) >= 3;
  }

  /** The FEN without its clocks: equal keys are the same position for the repetition rule. */
  private static String repetitionKey(Position p) {
    String[] f = p.toFen().split(" ");
    return f[0] + " " + f[1] + " " + f[2] + " " + f[3];
  }

  private static String result(Position p) {
    if (p.isCheckmate()) {
      return p.sideToMove() == dev.kibitz.games.chess.Side.WHITE ? "0-1" : "1-0";
    }
    return "1/2-1/2";
  }
}
