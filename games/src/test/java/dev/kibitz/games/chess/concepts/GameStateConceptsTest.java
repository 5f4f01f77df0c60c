package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.HandMadePositions.expect;

import org.junit.jupiter.api.Test;

class GameStateConceptsTest {

  @Test
  void castlingRightsPerSideAndWing() {
    expect(HandMadePositions.CASTLING, "castling_kingside_own", 1, "castling_queenside_own", 0,
        "castling_kingside_opp", 0, "castling_queenside_opp", 1, "can_castle", 1, "white_to_move", 1);
    expect(HandMadePositions.START, "castling_kingside_own", 1, "castling_queenside_own", 1,
        "castling_kingside_opp", 1, "castling_queenside_opp", 1, "can_castle", 0);
  }

  @Test
  void rightsFollowTheSideToMove() {
    // After 5. O-O black keeps both rights, white has none.
    expect(HandMadePositions.RUY_LOPEZ, "castling_kingside_own", 0, "castling_kingside_opp", 1,
        "castling_queenside_opp", 1, "halfmove_clock", 4);
  }

  @Test
  void backRankMateInOne() {
    expect(HandMadePositions.BACK_RANK_MATE_IN_ONE, "mate_in_one_available", 1, "checks_available", 1,
        "checkmated", 0, "in_check", 0);
    expect(HandMadePositions.START, "mate_in_one_available", 0);
  }

  @Test
  void checkmateAndStalemate() {
    expect(HandMadePositions.CHECKMATED, "checkmated", 1, "stalemated", 0, "in_check", 1, "white_to_move", 0,
        "mate_in_one_available", 0);
    expect(HandMadePositions.STALEMATED, "checkmated", 0, "stalemated", 1, "in_check", 0, "legal_moves", 0);
  }

  @Test
  void enPassantAvailable() {
    expect(HandMadePositions.EN_PASSANT, "en_passant_available", 1);
    // no en passant square
    expect(HandMadePositions.BLOCKED_PAWNS, "en_passant_available", 0);
  }
}
