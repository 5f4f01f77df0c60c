package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.HandMadePositions.expect;

import org.junit.jupiter.api.Test;

class PawnStructureConceptsTest {

  // White a2, c2, c4, e5, g4, h4; black b7, h7.
  private static final Object[] WHITE = {"passed_pawns", 1, "doubled_pawns", 1, "isolated_pawns", 4,
      "pawn_islands", 4, "connected_pawns", 2, "blocked_pawns", 0, "most_advanced_passed_pawn", 5,
      "pawns_on_seventh", 0, "half_open_files", 1};
  private static final Object[] BLACK = {"passed_pawns", 0, "doubled_pawns", 0, "isolated_pawns", 2,
      "pawn_islands", 2, "connected_pawns", 0, "blocked_pawns", 0, "most_advanced_passed_pawn", 0,
      "pawns_on_seventh", 0, "half_open_files", 4};

  private static Object[] suffixed(Object[] values, String suffix) {
    Object[] out = values.clone();
    for (int i = 0; i < out.length; i += 2) {
      out[i] = out[i] + "_" + suffix;
    }
    return out;
  }

  @Test
  void passedDoubledIsolatedAndConnectedPawns() {
    expect(HandMadePositions.PAWN_STRUCTURE, suffixed(WHITE, "own"));
    expect(HandMadePositions.PAWN_STRUCTURE, suffixed(BLACK, "opp"));
    expect(HandMadePositions.PAWN_STRUCTURE, "open_files", 2);
  }

  @Test
  void withBlackToMoveOwnAndOppSwap() {
    expect(HandMadePositions.PAWN_STRUCTURE_BLACK, suffixed(WHITE, "opp"));
    expect(HandMadePositions.PAWN_STRUCTURE_BLACK, suffixed(BLACK, "own"));
  }

  @Test
  void pawnsOnTheSeventhAreTheMostAdvancedPassedPawns() {
    expect(HandMadePositions.SEVENTH_RANK_PAWNS, "pawns_on_seventh_own", 1, "pawns_on_seventh_opp", 1,
        "passed_pawns_own", 1, "passed_pawns_opp", 1, "most_advanced_passed_pawn_own", 7,
        "most_advanced_passed_pawn_opp", 7, "isolated_pawns_own", 1);
  }

  @Test
  void facingPawnsBlockEachOtherAndAreNotPassed() {
    expect(HandMadePositions.BLOCKED_PAWNS, "blocked_pawns_own", 1, "blocked_pawns_opp", 1, "passed_pawns_own", 0,
        "passed_pawns_opp", 0, "open_files", 7, "half_open_files_own", 0);
  }

  @Test
  void atTheStartEveryPawnIsConnectedAndNoFileIsOpen() {
    expect(HandMadePositions.START, "connected_pawns_own", 8, "pawn_islands_own", 1, "open_files", 0,
        "isolated_pawns_own", 0, "doubled_pawns_own", 0, "passed_pawns_own", 0);
  }
}
