package dev.kibitz.games.chess.encode;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Side;
import dev.kibitz.games.chess.Square;

/**
 * A chess position as float planes [18, 8, 8], always from the mover's side: for black to move the
 * board is mirrored rank-wise (rank 8 becomes rank 1) and the colours swapped, so the network learns
 * one game, "mine" against "theirs". Row r holds
 * rank 8 - r of the (mirrored) board, col c holds file a + c.
 *
 * <pre>
 *   0..5   mover's pawns, knights, bishops, rooks, queens, king
 *   6..11  opponent's, same order
 *   12, 13 mover may castle king-side / queen-side (all ones or all zeros)
 *   14, 15 opponent may castle king-side / queen-side
 *   16     the en-passant target square
 *   17     halfmove clock / 100 everywhere (closeness to the fifty-move rule)
 * </pre>
 */
public final class BoardEncoder {
  public static final int PLANES = 18;
  public static final int SIZE = PLANES * 64;

  private BoardEncoder() {}

  /** Planes of one position, C-order [plane][row][col]. */
  public static float[] encode(Position p) {
    float[] out = new float[SIZE];
    encodeInto(p, out, 0);
    return out;
  }

  public static void encodeInto(Position p, float[] out, int offset) {
    Side me = p.sideToMove();
    boolean flip = me == Side.BLACK;
    for (Side side : Side.values()) {
      int base = side == me ? 0 : 6;
      for (PieceType t : PieceType.values()) {
        long bits = p.pieces(side, t);
        while (bits != 0) {
          int s = Long.numberOfTrailingZeros(bits);
          bits &= bits - 1;
          out[offset + (base + t.ordinal()) * 64 + cell(s, flip)] = 1;
        }
      }
    }
    String rights = p.castlingRights();
    char[] mine = me == Side.WHITE ? new char[] {'K', 'Q'} : new char[] {'k', 'q'};
    char[] theirs = me == Side.WHITE ? new char[] {'k', 'q'} : new char[] {'K', 'Q'};
    fillIf(out, offset, 12, rights.indexOf(mine[0]) >= 0);
    fillIf(out, offset, 13, rights.indexOf(mine[1]) >= 0);
    fillIf(out, offset, 14, rights.indexOf(theirs[0]) >= 0);
    fillIf(out, offset, 15, rights.indexOf(theirs[1]) >= 0);
    p.enPassantSquare().ifPresent(s -> out[offset + 16 * 64 + cell(s, flip)] = 1);
    float clock = p.halfmoveClock() / 100f;
    for (int i = 0; i < 64; i++) {
      out[offset + 17 * 64 + i] = clock;
    }
  }

  /** The rank-wise mirror of a square: a1 <-> a8, e2 <-> e7. */
  public static int mirror(int square) {
    return square ^ 56;
  }

  public static Move mirror(Move m) {
    return new Move(mirror(m.from()), mirror(m.to()), m.promotion());
  }

  /** Index row * 8 + col of a square in the mover's frame (row 0 = the far rank). */
  static int cell(int square, boolean flip) {
    int s = flip ? mirror(square) : square;
    return (7 - Square.rank(s)) * 8 + Square.file(s);
  }

  private static void fillIf(float[] out, int offset, int plane, boolean on) {
    if (on) {
      for (int i = 0; i < 64; i++) {
        out[offset + plane * 64 + i] = 1;
      }
    }
  }
}
