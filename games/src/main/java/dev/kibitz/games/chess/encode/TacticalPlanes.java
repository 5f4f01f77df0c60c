package dev.kibitz.games.chess.encode;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Side;
import dev.kibitz.games.chess.concepts.ConceptContext;
import java.util.List;

/**
 * Fourteen planes of one-ply facts a search sees at once and a small network must otherwise learn from
 * raw pieces: who attacks what, what hangs or is pinned, where the mover's legal moves start and land,
 * and which of them check, capture or mate. Same frame as {@link BoardEncoder} (the mover at the bottom,
 * the board mirrored for black). A policy given these planes is stronger on the same data, but probing
 * it for these very facts is trivial, so the plain-board policy stays the one to probe for concepts.
 *
 * <pre>
 *   0, 1   squares the mover / the opponent attacks (own occupied squares included: defended)
 *   2, 3   how many of the mover's / the opponent's pieces attack the square, / 4
 *   4, 5   the mover's / the opponent's hanging pieces (attacked, and undefended or attacked by a lesser piece)
 *   6, 7   the mover's / the opponent's pieces pinned to their king
 *   8, 9   from-squares / to-squares of the mover's legal moves
 *   10     to-squares of the mover's moves that give check
 *   11     to-squares of the mover's captures (en passant: the square the pawn lands on)
 *   12     to-squares of the mover's moves that mate
 *   13     the mover is in check (all ones or all zeros)
 * </pre>
 */
public final class TacticalPlanes {
  public static final int PLANES = 14;
  public static final int SIZE = PLANES * 64;

  private TacticalPlanes() {}

  /** Planes of one position, C-order [plane][row][col]. */
  public static float[] encode(Position p) {
    float[] out = new float[SIZE];
    encodeInto(p, out, 0);
    return out;
  }

  public static void encodeInto(Position p, float[] out, int offset) {
    ConceptContext ctx = new ConceptContext(p);
    Side me = p.sideToMove();
    Side them = me.opposite();
    boolean flip = me == Side.BLACK;
    mark(out, offset, 0, ctx.attacks(me), flip);
    mark(out, offset, 1, ctx.attacks(them), flip);
    for (int s = 0; s < 64; s++) {
      int cell = BoardEncoder.cell(s, flip);
      out[offset + 2 * 64 + cell] = Long.bitCount(p.attackersOf(s, me)) / 4f;
      out[offset + 3 * 64 + cell] = Long.bitCount(p.attackersOf(s, them)) / 4f;
    }
    mark(out, offset, 4, ctx.hanging(me), flip);
    mark(out, offset, 5, ctx.hanging(them), flip);
    mark(out, offset, 6, ctx.pinned(me), flip);
    mark(out, offset, 7, ctx.pinned(them), flip);
    List<Move> moves = ctx.legalMoves();
    boolean[] checks = ctx.givesCheck();
    Position[] after = ctx.children();
    long from = 0;
    long to = 0;
    long checking = 0;
    long captures = 0;
    long mating = 0;
    for (int i = 0; i < moves.size(); i++) {
      Move m = moves.get(i);
      long bit = 1L << m.to();
      from |= 1L << m.from();
      to |= bit;
      if (ctx.isCapture(i)) {
        captures |= bit;
      }
      if (checks[i]) {
        checking |= bit;
        if (after[i].isCheckmate()) {
          mating |= bit;
        }
      }
    }
    mark(out, offset, 8, from, flip);
    mark(out, offset, 9, to, flip);
    mark(out, offset, 10, checking, flip);
    mark(out, offset, 11, captures, flip);
    mark(out, offset, 12, mating, flip);
    if (p.inCheck()) {
      for (int i = 0; i < 64; i++) {
        out[offset + 13 * 64 + i] = 1;
      }
    }
  }

  private static void mark(float[] out, int offset, int plane, long squares, boolean flip) {
    for (long b = squares; b != 0; b &= b - 1) {
      out[offset + plane * 64 + BoardEncoder.cell(Long.numberOfTrailingZeros(b), flip)] = 1;
    }
  }
}
