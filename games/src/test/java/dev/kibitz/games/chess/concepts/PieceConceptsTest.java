package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.HandMadePositions.expect;

import org.junit.jupiter.api.Test;

class PieceConceptsTest {

  @Test
  void rooksOnTheOpenFileAndSeventhAndAKnightOutpost() {
    // Rb1 and Rb7 see each other up the empty b-file; Nd5 is backed by c4 and no black pawn can reach c6/e6.
    expect(HandMadePositions.ROOKS_AND_OUTPOST, "rooks_on_open_files_own", 2, "rooks_on_half_open_files_own", 0,
        "rooks_on_seventh_own", 1, "connected_rooks_own", 1, "knight_outposts_own", 1, "rooks_on_open_files_opp", 1,
        "connected_rooks_opp", 0, "knight_outposts_opp", 0);
    expect(HandMadePositions.ROOKS_AND_OUTPOST_BLACK, "connected_rooks_opp", 1, "knight_outposts_opp", 1,
        "rooks_on_seventh_opp", 1, "rooks_on_open_files_own", 1, "connected_rooks_own", 0);
  }

  @Test
  void aRookFacingAnEnemyPawnIsOnAHalfOpenFile() {
    expect(HandMadePositions.HALF_OPEN_ROOK, "rooks_on_half_open_files_own", 1, "rooks_on_open_files_own", 0);
    expect(HandMadePositions.HALF_OPEN_ROOK_BLACK, "rooks_on_half_open_files_opp", 1, "rooks_on_half_open_files_own", 0);
  }

  @Test
  void castlingRooksAreNotConnectedWhileTheKingStandsBetween() {
    expect(HandMadePositions.CASTLING, "connected_rooks_own", 0, "rooks_on_open_files_own", 2);
    expect(HandMadePositions.START, "connected_rooks_own", 0, "rooks_on_open_files_own", 0);
  }
}
