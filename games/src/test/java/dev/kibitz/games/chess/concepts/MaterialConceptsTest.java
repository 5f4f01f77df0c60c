package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.HandMadePositions.expect;

import org.junit.jupiter.api.Test;

class MaterialConceptsTest {

  @Test
  void theStartIsBalanced() {
    expect(HandMadePositions.START, "material_balance", 0, "total_material", 78, "material_own", 39,
        "non_pawn_material_own", 31, "pawns_own", 8, "knights_own", 2, "bishops_own", 2, "rooks_own", 2,
        "queens_own", 1, "bishop_pair_own", 1, "bishop_pair_opp", 1, "opposite_colored_bishops", 0, "pawns_opp", 8);
  }

  @Test
  void balanceIsFromTheSideToMove() {
    expect(HandMadePositions.HANGING_QUEEN, "material_balance", -4, "material_own", 5, "material_opp", 9,
        "rooks_own", 1, "queens_opp", 1, "total_material", 14);
    // black to move with a rook against a knight
    expect(HandMadePositions.KNIGHT_FORKING, "material_balance", 2, "rooks_own", 1, "knights_opp", 1);
  }

  @Test
  void theBishopPairNeedsBothColours() {
    expect(HandMadePositions.BISHOP_PAIR, "bishop_pair_own", 1, "bishops_own", 2, "material_balance", 6);
    expect(HandMadePositions.SAME_COLOUR_BISHOPS, "bishop_pair_own", 0, "bishops_own", 2);
  }

  @Test
  void oppositeColouredBishops() {
    expect(HandMadePositions.OPPOSITE_BISHOPS, "opposite_colored_bishops", 1, "bishop_pair_own", 0);
    expect(HandMadePositions.SAME_COLOUR_BISHOPS, "opposite_colored_bishops", 0);
  }
}
