package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.Sides.BOTH;
import static dev.kibitz.games.chess.concepts.Sides.suffix;
import static dev.kibitz.games.chess.concepts.Sides.whose;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Side;
import dev.kibitz.games.chess.Square;
import java.util.ArrayList;
import java.util.List;

/**
 * Mobility: legal moves of the side to move (and of the opponent after a null move), per-piece pseudo-mobility
 * of both sides (attacked squares not occupied by their own side; needs no legality), attacked squares,
 * centre control, and the captures, checks and promotions available.
 */
final class MobilityConcepts {
  private MobilityConcepts() {}

  private static final ConceptFamily F = ConceptFamily.MOBILITY;
  private static final long CENTRE = Square.bitboard("d4", "e4", "d5", "e5");
  private static final PieceType[] PIECES = {PieceType.KNIGHT, PieceType.BISHOP, PieceType.ROOK, PieceType.QUEEN};

  static List<Concept> all() {
    List<Concept> c = new ArrayList<>();
    c.add(Concept.real("legal_moves", F, "number of legal moves of the side to move",
        ctx -> ctx.legalMoves().size()));
    c.add(Concept.real("mobility_opp", F, "number of legal moves the opponent would have if the side to move passed "
        + "(null move); NaN when the side to move is in check", MobilityConcepts::opponentMobility));
    c.add(Concept.real("captures_available", F, "number of legal captures (en passant included) of the side to move",
        ctx -> captures(ctx)));
    c.add(Concept.bool("can_capture", F, "the side to move has a legal capture", ctx -> captures(ctx) > 0));
    c.add(Concept.real("checks_available", F, "number of legal moves of the side to move that give check",
        ctx -> checks(ctx)));
    c.add(Concept.bool("promotion_available", F, "the side to move has a legal pawn promotion",
        ctx -> ctx.legalMoves().stream().anyMatch(m -> m.promotion() != null)));
    for (boolean own : BOTH) {
      String s = suffix(own);
      c.add(Concept.real("piece_mobility_" + s, F, "squares attacked by " + whose(own) + " knights, bishops, rooks "
          + "and queens that their side does not occupy, summed over pieces", ctx -> {
            double n = 0;
            for (PieceType t : PIECES) {
              n += pieceMobility(ctx, ctx.side(own), t);
            }
            return n;
          }));
      for (PieceType t : PIECES) {
        String name = t.name().toLowerCase();
        c.add(Concept.real(name + "_mobility_" + s, F, "squares attacked by " + whose(own) + " " + name
            + "s that their side does not occupy, summed over " + name + "s", ctx -> pieceMobility(ctx, ctx.side(own), t)));
      }
      c.add(Concept.real("attacked_squares_" + s, F, "squares attacked by " + Sides.who(own)
          + ", own-occupied ones included", ctx -> Long.bitCount(ctx.attacks(ctx.side(own)))));
      c.add(Concept.real("centre_control_" + s, F, "centre squares (d4, e4, d5, e5) attacked by " + Sides.who(own),
          ctx -> Long.bitCount(ctx.attacks(ctx.side(own)) & CENTRE)));
    }
    return c;
  }

  private static double pieceMobility(ConceptContext ctx, Side side, PieceType type) {
    long own = ctx.position().occupied(side);
    int n = 0;
    for (long b = ctx.pieces(side, type); b != 0; b &= b - 1) {
      n += Long.bitCount(ctx.pieceAttacks(Long.numberOfTrailingZeros(b)) & ~own);
    }
    return n;
  }

  private static double opponentMobility(ConceptContext ctx) {
    Position p = ctx.position();
    return p.inCheck() ? Double.NaN : p.nullMove().legalMoves().size();
  }

  private static int captures(ConceptContext ctx) {
    int n = 0;
    for (int i = 0; i < ctx.legalMoves().size(); i++) {
      if (ctx.isCapture(i)) {
        n++;
      }
    }
    return n;
  }

  static int checks(ConceptContext ctx) {
    int n = 0;
    for (boolean check : ctx.givesCheck()) {
      if (check) {
        n++;
      }
    }
    return n;
  }

  static boolean isCastling(ConceptContext ctx, Move m) {
    return ctx.typeAt(m.from()) == PieceType.KING && Math.abs(m.to() - m.from()) == 2;
  }
}
