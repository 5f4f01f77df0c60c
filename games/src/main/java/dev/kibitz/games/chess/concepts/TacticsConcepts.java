package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.Sides.BOTH;
import static dev.kibitz.games.chess.concepts.Sides.suffix;
import static dev.kibitz.games.chess.concepts.Sides.whose;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * Tactics: forks (available to the side to move, and standing on the board for either side), absolute pins
 * and pins to the queen, hanging, attacked and loose pieces, winning captures and discovered checks.
 *
 * <p>A fork target is an enemy piece the forking piece attacks that is the king, worth more than the forking
 * piece (1/3/3/5/9), or undefended. A fork is a piece with two or more targets. Whether the forking piece can
 * itself be taken is not considered.
 */
final class TacticsConcepts {
  private TacticsConcepts() {}

  private static final ConceptFamily F = ConceptFamily.TACTICS;

  static List<Concept> all() {
    List<Concept> c = new ArrayList<>();
    c.add(Concept.bool("fork_available", F, "the side to move has a legal move after which the moved piece forks "
        + "(attacks two or more enemy pieces that are the king, worth more than it, or undefended)",
        ctx -> forkMoves(ctx, null) > 0));
    c.add(Concept.real("fork_moves", F, "number of legal moves of the side to move after which the moved piece forks",
        ctx -> forkMoves(ctx, null)));
    c.add(Concept.bool("knight_fork_available", F, "the side to move has a legal knight move that forks",
        ctx -> forkMoves(ctx, PieceType.KNIGHT) > 0));
    c.add(Concept.bool("pawn_fork_available", F, "the side to move has a legal pawn move (not a promotion) that forks",
        ctx -> forkMoves(ctx, PieceType.PAWN) > 0));
    for (boolean own : BOTH) {
      String s = suffix(own);
      c.add(Concept.real("forking_pieces_" + s, F, "pieces of " + Sides.who(own) + " that fork on the board as it "
          + "stands", ctx -> forkingPieces(ctx, ctx.side(own))));
      c.add(Concept.real("pinned_pieces_" + s, F, whose(own) + " pieces pinned to their king (the only piece "
          + "between it and an enemy slider on that slider's line)", ctx -> Long.bitCount(ctx.pinned(ctx.side(own)))));
      c.add(Concept.real("pinned_to_queen_" + s, F, whose(own) + " pieces (king aside) that are the only piece "
          + "between their queen and an enemy rook (rank, file) or bishop (diagonal)",
          ctx -> pinnedToQueen(ctx, ctx.side(own))));
      c.add(Concept.real("hanging_pieces_" + s, F, whose(own) + " pieces (king aside) attacked by the enemy and "
          + "either undefended or attacked by a piece worth less", ctx -> Long.bitCount(ctx.hanging(ctx.side(own)))));
      c.add(Concept.real("hanging_value_" + s, F, "total value in pawns (1/3/3/5/9) of " + whose(own)
          + " hanging pieces", ctx -> value(ctx, ctx.hanging(ctx.side(own)))));
      c.add(Concept.real("attacked_pieces_" + s, F, whose(own) + " pieces (king aside) attacked by the enemy",
          ctx -> Long.bitCount(ctx.attacks(ctx.side(!own))
              & ctx.position().occupied(ctx.side(own)) & ~ctx.pieces(ctx.side(own), PieceType.KING))));
      c.add(Concept.real("loose_pieces_" + s, F, whose(own) + " knights, bishops, rooks and queens that no piece "
          + "of their side defends", ctx -> loosePieces(ctx, ctx.side(own))));
    }
    c.add(Concept.bool("capture_hanging_available", F, "the side to move has a legal capture of a hanging enemy piece",
        ctx -> captureHanging(ctx)));
    c.add(Concept.bool("discovered_check_available", F, "the side to move has a legal move that gives check with a "
        + "piece other than the one moved", ctx -> discoveredCheck(ctx)));
    return c;
  }

  /**
   * Number of targets of a piece of {@code side} attacking {@code attacked} in {@code p}, which is the context's
   * position or one after a move of {@code side} (enemy pieces stand where they stood, so the context knows
   * their types).
   */
  static int forkTargets(ConceptContext ctx, Position p, Side side, PieceType forker, long attacked) {
    Side enemy = side.opposite();
    long occupied = p.occupied();
    int n = 0;
    for (long b = attacked & p.occupied(enemy); b != 0; b &= b - 1) {
      int sq = Long.numberOfTrailingZeros(b);
      PieceType t = ctx.typeAt(sq);
      if (t == PieceType.KING || ConceptContext.value(t) > ConceptContext.value(forker)
          || ConceptContext.attackersOf(p, sq, enemy, occupied) == 0) {
        n++;
      }
    }
    return n;
  }

  /** Legal moves after which the moved piece forks; only moves of {@code type} (not promotions) when given. */
  private static double forkMoves(ConceptContext ctx, PieceType type) {
    int[] perType = ctx.memo(TacticsConcepts.class, () -> countForkMoves(ctx));
    return type == null ? perType[6] : perType[type.ordinal()];
  }

  private static int[] countForkMoves(ConceptContext ctx) {
    int[] n = new int[7];
    List<Move> moves = ctx.legalMoves();
    Position[] children = ctx.children();
    Side us = ctx.side(true);
    for (int i = 0; i < children.length; i++) {
      Move m = moves.get(i);
      PieceType moved = ctx.typeAt(m.from());
      PieceType now = m.promotion() == null ? moved : m.promotion();
      long attacked = ConceptContext.attacksOf(us, now, m.to(), children[i].occupied());
      if (forkTargets(ctx, children[i], us, now, attacked) >= 2) {
        n[6]++;
        if (m.promotion() == null) {
          n[moved.ordinal()]++;
        }
      }
    }
    return n;
  }

  private static double forkingPieces(ConceptContext ctx, Side side) {
    Position p = ctx.position();
    int n = 0;
    for (long b = p.occupied(side); b != 0; b &= b - 1) {
      int sq = Long.numberOfTrailingZeros(b);
      if (forkTargets(ctx, p, side, ctx.typeAt(sq), ctx.pieceAttacks(sq)) >= 2) {
        n++;
      }
    }
    return n;
  }

  private static double pinnedToQueen(ConceptContext ctx, Side side) {
    long pinned = 0;
    for (long b = ctx.pieces(side, PieceType.QUEEN); b != 0; b &= b - 1) {
      pinned |= ConceptContext.pinnedTo(ctx.position(), Long.numberOfTrailingZeros(b), side, false);
    }
    return Long.bitCount(pinned & ~ctx.pieces(side, PieceType.KING));
  }

  private static double value(ConceptContext ctx, long squares) {
    double v = 0;
    for (long b = squares; b != 0; b &= b - 1) {
      v += ConceptContext.value(ctx.typeAt(Long.numberOfTrailingZeros(b)));
    }
    return v;
  }

  private static double loosePieces(ConceptContext ctx, Side side) {
    long pieces = ctx.position().occupied(side) & ~ctx.pieces(side, PieceType.PAWN) & ~ctx.pieces(side, PieceType.KING);
    return Long.bitCount(pieces & ~ctx.attacks(side));
  }

  private static boolean captureHanging(ConceptContext ctx) {
    long hanging = ctx.hanging(ctx.side(false));
    for (Move m : ctx.legalMoves()) {
      if ((hanging & 1L << m.to()) != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean discoveredCheck(ConceptContext ctx) {
    List<Move> moves = ctx.legalMoves();
    Position[] children = ctx.children();
    boolean[] check = ctx.givesCheck();
    for (int i = 0; i < children.length; i++) {
      if (check[i] && (children[i].checkers() & ~(1L << moves.get(i).to())) != 0) {
        return true;
      }
    }
    return false;
  }
}
