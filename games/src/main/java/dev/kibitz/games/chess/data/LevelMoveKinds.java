package dev.kibitz.games.chess.data;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Side;
import dev.kibitz.games.chess.Square;
import dev.kibitz.games.chess.concepts.ConceptContext;
import java.util.List;

/**
 * What kind of move each level plays on the same positions ({@link CounterfactualMoves} labels): how often it
 * captures, checks, moves a pawn or the queen, how far forward it goes, and how many of its own pieces hang
 * after the move. Levels whose moves differ in kind give a skill-conditioned policy something it can learn
 * from the position; levels that differ only in which of the same kinds of move a deeper search prefers do not.
 */
public final class LevelMoveKinds {
  /** The measures, in {@link #of} order. */
  public static final List<String> MEASURES = List.of("capture", "check", "pawn_move", "queen_move",
      "ranks_forward", "own_pieces_hanging_after");

  private LevelMoveKinds() {}

  /** Per level (rows, {@link EloLevels} order) the mean of each measure (columns) over that level's labels. */
  public record Table(double[][] means, int[] labels) {}

  public static Table of(List<CounterfactualMoves.Label> labels) {
    double[][] sums = new double[EloLevels.COUNT][MEASURES.size()];
    int[] counts = new int[EloLevels.COUNT];
    for (CounterfactualMoves.Label l : labels) {
      Position p = Position.fromFen(l.fen());
      Move m = l.move();
      if (!p.isLegal(m)) {
        throw new IllegalArgumentException(m.uci() + " is not legal in " + l.fen());
      }
      PieceType moved = p.pieceAt(m.from()).orElseThrow().type();
      boolean capture = p.pieceAt(m.to()).isPresent()
          || (moved == PieceType.PAWN && Square.file(m.to()) != Square.file(m.from()));
      Position after = p.play(m);
      Side mover = p.sideToMove();
      int level = EloLevels.bucket(l.moverElo());
      double[] row = sums[level];
      row[0] += capture ? 1 : 0;
      row[1] += after.inCheck() ? 1 : 0;
      row[2] += moved == PieceType.PAWN ? 1 : 0;
      row[3] += moved == PieceType.QUEEN ? 1 : 0;
      row[4] += (Square.rank(m.to()) - Square.rank(m.from())) * (mover == Side.WHITE ? 1 : -1);
      row[5] += Long.bitCount(new ConceptContext(after).hanging(mover));
      counts[level]++;
    }
    double[][] means = new double[EloLevels.COUNT][MEASURES.size()];
    for (int level = 0; level < EloLevels.COUNT; level++) {
      for (int k = 0; k < MEASURES.size(); k++) {
        means[level][k] = counts[level] == 0 ? Double.NaN : sums[level][k] / counts[level];
      }
    }
    return new Table(means, counts);
  }
}
