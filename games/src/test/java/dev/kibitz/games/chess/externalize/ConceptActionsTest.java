package dev.kibitz.games.chess.externalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import org.junit.jupiter.api.Test;

/** Each concept's move action on hand-made positions: one move that acts, one that does not. */
class ConceptActionsTest {
  private static boolean acts(String concept, String fen, String move) {
    return ConceptActions.acts(concept, Position.fromFen(fen), Move.parseUci(move));
  }

  @Test
  void theBackRankMateActsOnMateInOne() {
    String fen = "6k1/5ppp/8/8/8/8/5PPP/R5K1 w - - 0 1";
    assertTrue(acts("mate_in_one_available", fen, "a1a8"));
    assertFalse(acts("mate_in_one_available", fen, "a1a7"));
  }

  @Test
  void takingTheUndefendedKnightActsTakingTheDefendedPawnDoesNot() {
    assertTrue(acts("capture_hanging_available", "4k3/8/8/4n3/3P4/8/8/4K3 w - - 0 1", "d4e5"));
    // the e5 pawn is defended by d6 and attacked only by the rook, worth more: not hanging
    assertFalse(acts("capture_hanging_available", "4k3/8/3p4/4p3/8/8/8/4RK2 w - - 0 1", "e1e5"));
    assertTrue(acts("captures_available", "4k3/8/3p4/4p3/8/8/8/4RK2 w - - 0 1", "e1e5"));
  }

  @Test
  void savingTheAttackedKnightLeavesNothingHanging() {
    String fen = "4k3/8/3p4/4N3/8/8/8/4K3 w - - 0 1";
    assertTrue(acts("hanging_pieces_own", fen, "e5c4"));
    assertFalse(acts("hanging_pieces_own", fen, "e1d1"));
  }

  @Test
  void theKnightCheckOnC7ForksKingAndRook() {
    String fen = "r3k3/8/8/1N6/8/8/8/4K3 w - - 0 1";
    assertTrue(acts("fork_available", fen, "b5c7"));
    assertTrue(acts("checks_available", fen, "b5c7"));
    assertFalse(acts("fork_available", fen, "e1d1"));
    assertFalse(acts("checks_available", fen, "e1d1"));
    assertFalse(acts("captures_available", fen, "b5c7"));
  }

  @Test
  void aConceptWithoutAnActionIsRefused() {
    assertEquals("no move action is defined for concept 'bishop_pair_own' (defined: mate_in_one_available, "
        + "capture_hanging_available, hanging_pieces_own, fork_available, checks_available, captures_available)",
        assertThrows(IllegalArgumentException.class, () -> acts("bishop_pair_own", Position.START_FEN, "e2e4"))
            .getMessage());
  }
}
