package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.HandMadePositions.expect;

import org.junit.jupiter.api.Test;

class QueenSafetyConceptsTest {

  @Test
  void aQueenPinnedByARookIsAttackedByALesserPieceAndDefendedByItsKing() {
    // Qe2 attacks 21 squares not its own side's; the rook and king cover e3-e6 and e7: 16 safe.
    expect(HandMadePositions.QUEEN_PINNED, "queen_attacked_own", 1, "queen_attacked_by_lesser_own", 1,
        "queen_defended_own", 1, "queen_pinned_own", 1, "queen_safe_squares_own", 16, "queen_attacked_opp", 0,
        "queen_pinned_opp", 0);
    expect(HandMadePositions.QUEEN_PINNED_BLACK, "queen_pinned_opp", 1, "queen_attacked_opp", 1,
        "queen_pinned_own", 0);
  }

  @Test
  void anUndefendedQueenAttackedByARook() {
    // Qd5 reaches 27 squares; the rook and king cover d1-d4.
    expect(HandMadePositions.HANGING_QUEEN, "queen_attacked_opp", 1, "queen_attacked_by_lesser_opp", 1,
        "queen_defended_opp", 0, "queen_safe_squares_opp", 23, "queen_pinned_opp", 0, "queen_attacked_own", 0);
  }

  @Test
  void atTheStartQueensAreDefendedAndHaveNowhereToGo() {
    expect(HandMadePositions.START, "queen_attacked_own", 0, "queen_defended_own", 1, "queen_defended_opp", 1,
        "queen_safe_squares_own", 0);
  }

  @Test
  void aQueenAttackedByTheOtherQueenIsNotAttackedByALesserPiece() {
    expect(HandMadePositions.QUEENS_FACING, "queen_attacked_own", 1, "queen_attacked_by_lesser_own", 0,
        "queen_defended_own", 1, "queen_attacked_opp", 1, "queen_attacked_by_lesser_opp", 0,
        "queen_defended_opp", 0);
  }
}
