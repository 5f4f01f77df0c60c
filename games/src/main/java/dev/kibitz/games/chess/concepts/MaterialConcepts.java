package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.Sides.BOTH;
import static dev.kibitz.games.chess.concepts.Sides.suffix;
import static dev.kibitz.games.chess.concepts.Sides.whose;

import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Side;
import java.util.ArrayList;
import java.util.List;

/** Material in pawns (pawn 1, knight 3, bishop 3, rook 5, queen 9), piece counts, bishop pair. */
final class MaterialConcepts {
  private MaterialConcepts() {}

  private static final ConceptFamily F = ConceptFamily.MATERIAL;
  private static final long LIGHT_SQUARES = 0x55AA55AA55AA55AAL;
  private static final PieceType[] COUNTED = {PieceType.PAWN, PieceType.KNIGHT, PieceType.BISHOP, PieceType.ROOK,
      PieceType.QUEEN};

  static List<Concept> all() {
    List<Concept> c = new ArrayList<>();
    c.add(Concept.real("material_balance", F, "material of the side to move minus the opponent's, in pawns",
        ctx -> material(ctx, ctx.side(true)) - material(ctx, ctx.side(false))));
    c.add(Concept.real("total_material", F, "material of both sides together, in pawns (39 each at the start)",
        ctx -> material(ctx, Side.WHITE) + material(ctx, Side.BLACK)));
    c.add(Concept.bool("opposite_colored_bishops", F, "each side has exactly one bishop and they stand on squares of "
        + "different colours", MaterialConcepts::oppositeBishops));
    for (boolean own : BOTH) {
      String s = suffix(own);
      c.add(Concept.real("material_" + s, F, whose(own) + " material in pawns", ctx -> material(ctx, ctx.side(own))));
      c.add(Concept.real("non_pawn_material_" + s, F, whose(own) + " material in knights, bishops, rooks and queens, "
          + "in pawns", ctx -> material(ctx, ctx.side(own)) - Long.bitCount(ctx.pieces(ctx.side(own), PieceType.PAWN))));
      for (PieceType t : COUNTED) {
        String plural = t.name().toLowerCase() + "s";
        c.add(Concept.real(plural + "_" + s, F, "number of " + whose(own) + " " + plural,
            ctx -> Long.bitCount(ctx.pieces(ctx.side(own), t))));
      }
      c.add(Concept.bool("bishop_pair_" + s, F, Sides.who(own) + " has bishops on both light and dark squares",
          ctx -> bishopPair(ctx, ctx.side(own))));
    }
    return c;
  }

  static double material(ConceptContext ctx, Side side) {
    double m = 0;
    for (PieceType t : COUNTED) {
      m += ConceptContext.value(t) * Long.bitCount(ctx.pieces(side, t));
    }
    return m;
  }

  private static boolean bishopPair(ConceptContext ctx, Side side) {
    long bishops = ctx.pieces(side, PieceType.BISHOP);
    return (bishops & LIGHT_SQUARES) != 0 && (bishops & ~LIGHT_SQUARES) != 0;
  }

  private static boolean oppositeBishops(ConceptContext ctx) {
    long white = ctx.pieces(Side.WHITE, PieceType.BISHOP);
    long black = ctx.pieces(Side.BLACK, PieceType.BISHOP);
    return Long.bitCount(white) == 1 && Long.bitCount(black) == 1
        && ((white & LIGHT_SQUARES) != 0) != ((black & LIGHT_SQUARES) != 0);
  }
}
