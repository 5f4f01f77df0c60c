package dev.kibitz.games.chess.concepts;

import dev.kibitz.games.chess.Square;
import java.util.ArrayList;
import java.util.List;

/**
 * 128 square threats, as in the Maia-2 probes: for each square a1..h8 (the board's own coordinates, not
 * flipped for black), whether the side to move attacks it, then the same for the opponent. A square counts
 * as attacked whatever stands on it, own pieces included (then it is defended); pawns attack diagonally
 * only, and sliders are blocked by the first piece in their way.
 */
final class SquareThreatConcepts {
  private SquareThreatConcepts() {}

  static List<Concept> all() {
    List<Concept> concepts = new ArrayList<>(128);
    for (boolean own : Sides.BOTH) {
      for (int sq = 0; sq < 64; sq++) {
        long bit = 1L << sq;
        String name = Square.name(sq);
        concepts.add(Concept.bool(Sides.suffix(own) + "_attacks_" + name, ConceptFamily.SQUARE_THREATS,
            name + " is attacked by " + Sides.who(own) + " (occupied or not)",
            c -> (c.attacks(c.side(own)) & bit) != 0));
      }
    }
    return concepts;
  }
}
