package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.Sides.BOTH;
import static dev.kibitz.games.chess.concepts.Sides.suffix;
import static dev.kibitz.games.chess.concepts.Sides.whose;

import dev.kibitz.games.chess.Attacks;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Side;
import dev.kibitz.games.chess.Square;
import java.util.ArrayList;
import java.util.List;

/** Pawn structure per side, and open files. Ranks are counted from each side's own first rank. */
final class PawnStructureConcepts {
  private PawnStructureConcepts() {}

  private static final ConceptFamily F = ConceptFamily.PAWN_STRUCTURE;
  static final long FILE_A = 0x0101010101010101L;

  static List<Concept> all() {
    List<Concept> c = new ArrayList<>();
    c.add(Concept.real("open_files", F, "files with no pawn of either side", ctx -> {
      long pawns = ctx.pieces(Side.WHITE, PieceType.PAWN) | ctx.pieces(Side.BLACK, PieceType.PAWN);
      return 8 - Long.bitCount(fileSet(pawns));
    }));
    for (boolean own : BOTH) {
      String s = suffix(own);
      String p = whose(own) + " pawns";
      c.add(Concept.real("passed_pawns_" + s, F, p + " with no enemy pawn ahead of them on their file or the files "
          + "next to it", ctx -> Long.bitCount(passed(ctx, ctx.side(own)))));
      c.add(Concept.real("doubled_pawns_" + s, F, p + " beyond the first on each file (a file with three counts 2)",
          ctx -> doubled(ctx, ctx.side(own))));
      c.add(Concept.real("isolated_pawns_" + s, F, p + " with no pawn of their side on the files next to them",
          ctx -> isolated(ctx, ctx.side(own))));
      c.add(Concept.real("pawn_islands_" + s, F, "groups of adjacent files holding " + p,
          ctx -> islands(ctx, ctx.side(own))));
      c.add(Concept.real("connected_pawns_" + s, F, p + " defended by a pawn of their side or with one beside them "
          + "on the same rank", ctx -> connected(ctx, ctx.side(own))));
      c.add(Concept.real("blocked_pawns_" + s, F, p + " whose square ahead is occupied (by any piece)",
          ctx -> blocked(ctx, ctx.side(own))));
      c.add(Concept.real("most_advanced_passed_pawn_" + s, F, "rank (2-7, counted from its own side) of "
          + whose(own) + " most advanced passed pawn; 0 when there is none",
          ctx -> mostAdvanced(ctx, ctx.side(own))));
      c.add(Concept.real("pawns_on_seventh_" + s, F, p + " on their seventh rank, one push from promotion",
          ctx -> Long.bitCount(ctx.pieces(ctx.side(own), PieceType.PAWN) & relativeRank(ctx.side(own), 6))));
      c.add(Concept.real("half_open_files_" + s, F, "files with no pawn of " + Sides.who(own) + " but at least one "
          + "enemy pawn", ctx -> {
            long mine = fileSet(ctx.pieces(ctx.side(own), PieceType.PAWN));
            long theirs = fileSet(ctx.pieces(ctx.side(!own), PieceType.PAWN));
            return Long.bitCount(theirs & ~mine);
          }));
    }
    return c;
  }

  /** Bit f set (f = 0..7) for each file holding a square of {@code squares}. */
  static long fileSet(long squares) {
    long b = squares;
    b |= b >>> 32;
    b |= b >>> 16;
    b |= b >>> 8;
    return b & 0xFF;
  }

  /** The squares of {@code side}'s rank {@code rank} (0 = its first rank). */
  static long relativeRank(Side side, int rank) {
    return 0xFFL << (8 * (side == Side.WHITE ? rank : 7 - rank));
  }

  /** Squares strictly ahead of {@code square} (toward the enemy) on its file and the files next to it. */
  static long frontSpan(Side side, int square) {
    int rank = Square.rank(square);
    long ahead = side == Side.WHITE ? (rank == 7 ? 0 : -1L << (8 * (rank + 1))) : (1L << (8 * rank)) - 1;
    return ahead & KingSafetyConcepts.adjacentFiles(Square.file(square));
  }

  static long passed(ConceptContext ctx, Side side) {
    long enemyPawns = ctx.pieces(side.opposite(), PieceType.PAWN);
    long result = 0;
    for (long b = ctx.pieces(side, PieceType.PAWN); b != 0; b &= b - 1) {
      int sq = Long.numberOfTrailingZeros(b);
      if ((frontSpan(side, sq) & enemyPawns) == 0) {
        result |= 1L << sq;
      }
    }
    return result;
  }

  private static double doubled(ConceptContext ctx, Side side) {
    long pawns = ctx.pieces(side, PieceType.PAWN);
    return Long.bitCount(pawns) - Long.bitCount(fileSet(pawns));
  }

  private static double isolated(ConceptContext ctx, Side side) {
    long pawns = ctx.pieces(side, PieceType.PAWN);
    int n = 0;
    for (long b = pawns; b != 0; b &= b - 1) {
      int sq = Long.numberOfTrailingZeros(b);
      long neighbours = KingSafetyConcepts.adjacentFiles(Square.file(sq)) & ~(FILE_A << Square.file(sq));
      if ((pawns & neighbours) == 0) {
        n++;
      }
    }
    return n;
  }

  private static double islands(ConceptContext ctx, Side side) {
    long files = fileSet(ctx.pieces(side, PieceType.PAWN));
    return Long.bitCount(files & ~(files << 1));
  }

  private static double connected(ConceptContext ctx, Side side) {
    long pawns = ctx.pieces(side, PieceType.PAWN);
    int n = 0;
    for (long b = pawns; b != 0; b &= b - 1) {
      int sq = Long.numberOfTrailingZeros(b);
      long beside = Attacks.king(sq) & (0xFFL << (8 * Square.rank(sq)));
      // squares from which a pawn of this side defends sq: where an enemy pawn on sq would attack
      long defenders = Attacks.pawn(side.opposite(), sq);
      if ((pawns & (beside | defenders)) != 0) {
        n++;
      }
    }
    return n;
  }

  private static double blocked(ConceptContext ctx, Side side) {
    long pawns = ctx.pieces(side, PieceType.PAWN);
    long ahead = side == Side.WHITE ? pawns << 8 : pawns >>> 8;
    return Long.bitCount(ahead & ctx.position().occupied());
  }

  private static double mostAdvanced(ConceptContext ctx, Side side) {
    long passed = passed(ctx, side);
    if (passed == 0) {
      return 0;
    }
    int sq = side == Side.WHITE ? 63 - Long.numberOfLeadingZeros(passed) : Long.numberOfTrailingZeros(passed);
    return side == Side.WHITE ? Square.rank(sq) + 1 : 8 - Square.rank(sq);
  }
}
