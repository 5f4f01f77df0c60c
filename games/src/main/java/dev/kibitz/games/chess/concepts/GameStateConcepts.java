package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.Sides.BOTH;
import static dev.kibitz.games.chess.concepts.Sides.suffix;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Side;
import java.util.ArrayList;
import java.util.List;

/** Side to move, castling rights and castling now, en passant, mate in one, checkmate, stalemate, clocks. */
final class GameStateConcepts {
  private GameStateConcepts() {}

  private static final ConceptFamily F = ConceptFamily.GAME_STATE;

  static List<Concept> all() {
    List<Concept> c = new ArrayList<>();
    c.add(Concept.bool("white_to_move", F, "white is the side to move", ctx -> ctx.side(true) == Side.WHITE));
    for (boolean own : BOTH) {
      for (boolean kingside : new boolean[] {true, false}) {
        String wing = kingside ? "kingside" : "queenside";
        c.add(Concept.bool("castling_" + wing + "_" + suffix(own), F, Sides.who(own) + " still has the right to "
            + "castle " + wing + " (FEN castling field; it may not be possible this move)",
            ctx -> hasRight(ctx, ctx.side(own), kingside)));
      }
    }
    c.add(Concept.bool("can_castle", F, "the side to move has a legal castling move now",
        ctx -> ctx.legalMoves().stream().anyMatch(m -> MobilityConcepts.isCastling(ctx, m))));
    c.add(Concept.bool("en_passant_available", F, "the side to move has a legal en passant capture",
        GameStateConcepts::enPassant));
    c.add(Concept.bool("mate_in_one_available", F, "the side to move has a legal move that checkmates",
        GameStateConcepts::mateInOne));
    c.add(Concept.bool("checkmated", F, "the side to move is checkmated", ctx -> ctx.position().inCheck()
        && ctx.legalMoves().isEmpty()));
    c.add(Concept.bool("stalemated", F, "the side to move is not in check and has no legal move",
        ctx -> !ctx.position().inCheck() && ctx.legalMoves().isEmpty()));
    c.add(Concept.real("halfmove_clock", F, "plies since the last capture or pawn move (fifty-move rule counter)",
        ctx -> ctx.position().halfmoveClock()));
    return c;
  }

  private static boolean hasRight(ConceptContext ctx, Side side, boolean kingside) {
    char letter = kingside ? 'k' : 'q';
    return ctx.position().castlingRights().indexOf(side == Side.WHITE ? Character.toUpperCase(letter) : letter) >= 0;
  }

  private static boolean enPassant(ConceptContext ctx) {
    int ep = ctx.position().enPassantSquare().orElse(-1);
    if (ep < 0) {
      return false;
    }
    for (Move m : ctx.legalMoves()) {
      if (m.to() == ep && ctx.typeAt(m.from()) == PieceType.PAWN) {
        return true;
      }
    }
    return false;
  }

  private static boolean mateInOne(ConceptContext ctx) {
    boolean[] check = ctx.givesCheck();
    Position[] children = ctx.children();
    for (int i = 0; i < children.length; i++) {
      if (check[i] && children[i].legalMoves().isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
