package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.HandMadePositions.expect;

import org.junit.jupiter.api.Test;

class MobilityConceptsTest {

  @Test
  void theStart() {
    expect(HandMadePositions.START, "legal_moves", 20, "mobility_opp", 20, "captures_available", 0, "can_capture", 0,
        "checks_available", 0, "promotion_available", 0, "knight_mobility_own", 4, "piece_mobility_own", 4,
        "bishop_mobility_own", 0, "attacked_squares_own", 22, "attacked_squares_opp", 22, "centre_control_own", 0);
  }

  @Test
  void aLoneRook() {
    // 14 rook moves and 3 king moves; after a null move the black king has a7, b7, b8.
    expect(HandMadePositions.LONE_ROOK, "legal_moves", 17, "mobility_opp", 3, "rook_mobility_own", 14,
        "piece_mobility_own", 14, "attacked_squares_own", 17, "centre_control_own", 2, "checks_available", 2,
        "piece_mobility_opp", 0);
  }

  @Test
  void enPassantIsACapture() {
    expect(HandMadePositions.EN_PASSANT, "legal_moves", 7, "captures_available", 1, "can_capture", 1);
  }

  @Test
  void theOpponentsMobilityIsUndefinedInCheck() {
    expect(HandMadePositions.CHECKMATED, "legal_moves", 0, "mobility_opp", Double.NaN, "checks_available", 0);
  }

  @Test
  void aPawnOnTheSeventhCanPromote() {
    // b8 = Q, R, B, N (b8=Q and b8=R check along the 8th rank) plus four king moves (the g2 pawn covers f1).
    expect(HandMadePositions.SEVENTH_RANK_PAWNS, "promotion_available", 1, "legal_moves", 8, "checks_available", 2);
  }

  @Test
  void queenAndRookMobility() {
    expect(HandMadePositions.HANGING_QUEEN, "queen_mobility_opp", 27, "rook_mobility_own", 7, "captures_available", 1);
  }
}
