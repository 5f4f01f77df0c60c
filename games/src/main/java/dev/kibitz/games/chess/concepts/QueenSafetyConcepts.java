package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.Sides.BOTH;
import static dev.kibitz.games.chess.concepts.Sides.suffix;
import static dev.kibitz.games.chess.concepts.Sides.whose;

import dev.kibitz.games.chess.Attacks;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Side;
import java.util.ArrayList;
import java.util.List;

/** Queen safety, per side; each is 0 for a side with no queen (and covers every queen of a side that has two). */
final class QueenSafetyConcepts {
  private QueenSafetyConcepts() {}

  private static final ConceptFamily F = ConceptFamily.QUEEN_SAFETY;

  static List<Concept> all() {
    List<Concept> c = new ArrayList<>();
    for (boolean own : BOTH) {
      String q = whose(own) + " queen";
      c.add(Concept.bool("queen_attacked_" + suffix(own), F, "a " + q + " is attacked by the enemy",
          ctx -> (queens(ctx, own) & ctx.attacks(ctx.side(!own))) != 0));
      c.add(Concept.bool("queen_attacked_by_lesser_" + suffix(own), F, "a " + q + " is attacked by an enemy pawn, "
          + "knight, bishop or rook", ctx -> attackedByLesser(ctx, ctx.side(own))));
      c.add(Concept.bool("queen_defended_" + suffix(own), F, "a " + q + " is defended by another piece of its side",
          ctx -> (queens(ctx, own) & ctx.attacks(ctx.side(own))) != 0));
      c.add(Concept.real("queen_safe_squares_" + suffix(own), F, "squares " + q + "s attack that are neither "
          + "occupied by their side nor attacked by the enemy", ctx -> safeSquares(ctx, ctx.side(own))));
      c.add(Concept.bool("queen_pinned_" + suffix(own), F, "a " + q + " is pinned to its king",
          ctx -> (queens(ctx, own) & ctx.pinned(ctx.side(own))) != 0));
    }
    return c;
  }

  private static long queens(ConceptContext ctx, boolean own) {
    return ctx.pieces(ctx.side(own), PieceType.QUEEN);
  }

  private static boolean attackedByLesser(ConceptContext ctx, Side side) {
    for (long b = ctx.pieces(side, PieceType.QUEEN); b != 0; b &= b - 1) {
      if (ctx.leastAttackerValue(Long.numberOfTrailingZeros(b), side.opposite()) < ConceptContext.value(PieceType.QUEEN)) {
        return true;
      }
    }
    return false;
  }

  private static double safeSquares(ConceptContext ctx, Side side) {
    long targets = 0;
    for (long b = ctx.pieces(side, PieceType.QUEEN); b != 0; b &= b - 1) {
      targets |= Attacks.queen(Long.numberOfTrailingZeros(b), ctx.position().occupied());
    }
    return Long.bitCount(targets & ~ctx.position().occupied(side) & ~ctx.attacks(side.opposite()));
  }
}
