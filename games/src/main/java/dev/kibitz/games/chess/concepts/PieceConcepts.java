package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.PawnStructureConcepts.FILE_A;
import static dev.kibitz.games.chess.concepts.Sides.BOTH;
import static dev.kibitz.games.chess.concepts.Sides.suffix;
import static dev.kibitz.games.chess.concepts.Sides.whose;

import dev.kibitz.games.chess.Attacks;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Side;
import dev.kibitz.games.chess.Square;
import java.util.ArrayList;
import java.util.List;

/** Placement of rooks (open files, seventh rank, connected) and knights (outposts), per side. */
final class PieceConcepts {
  private PieceConcepts() {}

  private static final ConceptFamily F = ConceptFamily.PIECES;

  static List<Concept> all() {
    List<Concept> c = new ArrayList<>();
    for (boolean own : BOTH) {
      String s = suffix(own);
      String r = whose(own) + " rooks";
      c.add(Concept.real("rooks_on_open_files_" + s, F, r + " on files with no pawn", ctx -> {
        long pawns = ctx.pieces(Side.WHITE, PieceType.PAWN) | ctx.pieces(Side.BLACK, PieceType.PAWN);
        return onFiles(ctx.pieces(ctx.side(own), PieceType.ROOK), ~PawnStructureConcepts.fileSet(pawns));
      }));
      c.add(Concept.real("rooks_on_half_open_files_" + s, F, r + " on files with no pawn of their side but an enemy "
          + "pawn", ctx -> {
            long mine = PawnStructureConcepts.fileSet(ctx.pieces(ctx.side(own), PieceType.PAWN));
            long theirs = PawnStructureConcepts.fileSet(ctx.pieces(ctx.side(!own), PieceType.PAWN));
            return onFiles(ctx.pieces(ctx.side(own), PieceType.ROOK), theirs & ~mine);
          }));
      c.add(Concept.real("rooks_on_seventh_" + s, F, r + " on their seventh rank", ctx -> Long.bitCount(
          ctx.pieces(ctx.side(own), PieceType.ROOK) & PawnStructureConcepts.relativeRank(ctx.side(own), 6))));
      c.add(Concept.bool("connected_rooks_" + s, F, "two of " + r + " see each other along a rank or file with "
          + "nothing between them", ctx -> connectedRooks(ctx, ctx.side(own))));
      c.add(Concept.real("knight_outposts_" + s, F, whose(own) + " knights on their 4th-6th rank, defended by a pawn "
          + "of their side, that no enemy pawn can ever attack", ctx -> outposts(ctx, ctx.side(own))));
    }
    return c;
  }

  private static double onFiles(long pieces, long fileSet) {
    int n = 0;
    for (long b = pieces; b != 0; b &= b - 1) {
      if ((fileSet & 1L << Square.file(Long.numberOfTrailingZeros(b))) != 0) {
        n++;
      }
    }
    return n;
  }

  private static boolean connectedRooks(ConceptContext ctx, Side side) {
    long rooks = ctx.pieces(side, PieceType.ROOK);
    for (long b = rooks; b != 0; b &= b - 1) {
      if ((Attacks.rook(Long.numberOfTrailingZeros(b), ctx.position().occupied()) & rooks) != 0) {
        return true;
      }
    }
    return false;
  }

  private static double outposts(ConceptContext ctx, Side side) {
    long ownPawns = ctx.pieces(side, PieceType.PAWN);
    long enemyPawns = ctx.pieces(side.opposite(), PieceType.PAWN);
    long ranks = PawnStructureConcepts.relativeRank(side, 3) | PawnStructureConcepts.relativeRank(side, 4)
        | PawnStructureConcepts.relativeRank(side, 5);
    int n = 0;
    for (long b = ctx.pieces(side, PieceType.KNIGHT) & ranks; b != 0; b &= b - 1) {
      int sq = Long.numberOfTrailingZeros(b);
      boolean supported = (Attacks.pawn(side.opposite(), sq) & ownPawns) != 0;
      long attackersSpan = PawnStructureConcepts.frontSpan(side, sq) & ~(FILE_A << Square.file(sq));
      if (supported && (attackersSpan & enemyPawns) == 0) {
        n++;
      }
    }
    return n;
  }
}
