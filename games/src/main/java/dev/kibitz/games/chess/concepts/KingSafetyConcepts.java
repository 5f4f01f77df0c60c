package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.Sides.BOTH;
import static dev.kibitz.games.chess.concepts.Sides.suffix;
import static dev.kibitz.games.chess.concepts.Sides.whose;

import dev.kibitz.games.chess.Attacks;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Side;
import dev.kibitz.games.chess.Square;
import java.util.ArrayList;
import java.util.List;

/**
 * King safety, per side: pressure on the king zone (the king's square and the squares next to it), escape
 * squares, pawn shield, open files and open lines around the king; plus check and double check.
 */
final class KingSafetyConcepts {
  private KingSafetyConcepts() {}

  private static final ConceptFamily F = ConceptFamily.KING_SAFETY;

  static List<Concept> all() {
    List<Concept> c = new ArrayList<>();
    c.add(Concept.bool("in_check", F, "the side to move is in check", ctx -> ctx.position().inCheck()));
    c.add(Concept.bool("double_check", F, "the side to move is checked by two pieces at once",
        ctx -> Long.bitCount(ctx.position().checkers()) >= 2));
    for (boolean own : BOTH) {
      String k = whose(own) + " king";
      c.add(Concept.real("king_zone_attackers_" + suffix(own), F, "number of enemy pieces (king aside) attacking at "
          + "least one square of " + k + "'s zone (its square and the squares next to it)",
          ctx -> zoneAttackers(ctx, ctx.side(own))));
      c.add(Concept.real("king_zone_attacked_squares_" + suffix(own), F, "number of squares of " + k + "'s zone "
          + "attacked by the enemy", ctx -> Long.bitCount(zone(ctx, ctx.side(own)) & ctx.attacks(ctx.side(!own)))));
      c.add(Concept.real("king_escape_squares_" + suffix(own), F, "squares next to " + k + " not occupied by its "
          + "own pieces and not attacked by the enemy once the king has left its square",
          ctx -> escapeSquares(ctx, ctx.side(own))));
      c.add(Concept.real("king_pawn_shield_" + suffix(own), F, "own pawns on " + k + "'s file or the files next "
          + "to it, one or two ranks in front of the king", ctx -> pawnShield(ctx, ctx.side(own))));
      c.add(Concept.real("king_open_files_" + suffix(own), F, "files among " + k + "'s file and the files next "
          + "to it with no pawn of the king's side (0-3)", ctx -> openFiles(ctx, ctx.side(own))));
      c.add(Concept.real("king_exposure_" + suffix(own), F, "squares a queen would attack from " + k + "'s square "
          + "(how open the lines to the king are)", ctx -> Long.bitCount(
              Attacks.queen(ctx.position().kingSquare(ctx.side(own)), ctx.position().occupied()))));
      c.add(Concept.bool("king_on_home_rank_" + suffix(own), F, k + " stands on its first rank",
          ctx -> Square.rank(ctx.position().kingSquare(ctx.side(own))) == homeRank(ctx.side(own))));
    }
    return c;
  }

  static int homeRank(Side side) {
    return side == Side.WHITE ? 0 : 7;
  }

  static long zone(ConceptContext ctx, Side side) {
    int king = ctx.position().kingSquare(side);
    return Attacks.king(king) | 1L << king;
  }

  private static double zoneAttackers(ConceptContext ctx, Side side) {
    long zone = zone(ctx, side);
    Side enemy = side.opposite();
    long pieces = ctx.position().occupied(enemy) & ~ctx.pieces(enemy, PieceType.KING);
    int n = 0;
    for (long b = pieces; b != 0; b &= b - 1) {
      if ((ctx.pieceAttacks(Long.numberOfTrailingZeros(b)) & zone) != 0) {
        n++;
      }
    }
    return n;
  }

  private static double escapeSquares(ConceptContext ctx, Side side) {
    Position p = ctx.position();
    int king = p.kingSquare(side);
    long withoutKing = p.occupied() & ~(1L << king);
    int n = 0;
    for (long b = Attacks.king(king) & ~p.occupied(side); b != 0; b &= b - 1) {
      if (ConceptContext.attackersOf(p, Long.numberOfTrailingZeros(b), side.opposite(), withoutKing) == 0) {
        n++;
      }
    }
    return n;
  }

  static long adjacentFiles(int file) {
    long fileA = 0x0101010101010101L;
    long files = fileA << file;
    if (file > 0) {
      files |= fileA << (file - 1);
    }
    if (file < 7) {
      files |= fileA << (file + 1);
    }
    return files;
  }

  private static double pawnShield(ConceptContext ctx, Side side) {
    int king = ctx.position().kingSquare(side);
    int rank = Square.rank(king);
    int step = side == Side.WHITE ? 1 : -1;
    long ranks = 0;
    for (int r = rank + step; r != rank + 3 * step; r += step) {
      if (r >= 0 && r < 8) {
        ranks |= 0xFFL << (8 * r);
      }
    }
    return Long.bitCount(ctx.pieces(side, PieceType.PAWN) & ranks & adjacentFiles(Square.file(king)));
  }

  private static double openFiles(ConceptContext ctx, Side side) {
    int file = Square.file(ctx.position().kingSquare(side));
    long pawns = ctx.pieces(side, PieceType.PAWN);
    int n = 0;
    for (int f = Math.max(0, file - 1); f <= Math.min(7, file + 1); f++) {
      if ((pawns & 0x0101010101010101L << f) == 0) {
        n++;
      }
    }
    return n;
  }
}
