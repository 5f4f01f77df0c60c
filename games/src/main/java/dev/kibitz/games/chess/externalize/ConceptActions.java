package dev.kibitz.games.chess.externalize;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.concepts.ConceptContext;
import dev.kibitz.games.chess.concepts.ConceptLibrary;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * For a concept that offers the side to move something to do, whether a move does it: the
 * "concept-relevant move choice" that steering on that concept should raise. Measured only on positions
 * where the concept holds.
 */
public final class ConceptActions {
  /** Concept to what acting on it means. */
  public static final Map<String, String> DEFINITIONS;

  static {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("mate_in_one_available", "the move mates");
    d.put("capture_hanging_available", "the move takes a hanging piece (attacked, and undefended or worth more than "
        + "a piece attacking it)");
    d.put("hanging_pieces_own", "after the move none of the mover's pieces hangs");
    d.put("fork_available", "after the move a piece of the mover forks");
    d.put("checks_available", "the move gives check");
    d.put("captures_available", "the move captures");
    DEFINITIONS = java.util.Collections.unmodifiableMap(d);
  }

  private static final ConceptLibrary LIBRARY = ConceptLibrary.pure();

  private ConceptActions() {}

  public static boolean defined(String concept) {
    return DEFINITIONS.containsKey(concept);
  }

  /** Whether {@code move} (legal in {@code before}) acts on {@code concept}; IllegalArgumentException if undefined. */
  public static boolean acts(String concept, Position before, Move move) {
    Position after = before.play(move);
    return switch (concept) {
      case "mate_in_one_available" -> after.isCheckmate();
      case "capture_hanging_available" ->
          (new ConceptContext(before).hanging(before.sideToMove().opposite()) & (1L << move.to())) != 0;
      case "hanging_pieces_own" -> value(after, "hanging_pieces_opp") == 0;
      case "fork_available" -> value(after, "forking_pieces_opp") > 0;
      case "checks_available" -> after.inCheck();
      case "captures_available" -> isCapture(before, move);
      default -> throw new IllegalArgumentException("no move action is defined for concept '" + concept + "' (defined: "
          + String.join(", ", DEFINITIONS.keySet()) + ")");
    };
  }

  static boolean isCapture(Position p, Move m) {
    return p.pieceAt(m.to()).isPresent() || (p.enPassantSquare().isPresent() && p.enPassantSquare().getAsInt() == m.to()
        && p.pieceAt(m.from()).map(x -> x.type() == PieceType.PAWN).orElse(false));
  }

  /** One concept's value in {@code p}. */
  static double value(Position p, String concept) {
    return LIBRARY.concept(concept).valueOf(new ConceptContext(p));
  }
}
