package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.HandMadePositions.expect;

import org.junit.jupiter.api.Test;

class KingSafetyConceptsTest {

  @Test
  void atTheStartKingsAreShelteredAndBoxedIn() {
    expect(HandMadePositions.START, "in_check", 0, "double_check", 0, "king_zone_attackers_own", 0,
        "king_zone_attacked_squares_own", 0, "king_escape_squares_own", 0, "king_pawn_shield_own", 3,
        "king_open_files_own", 0, "king_exposure_own", 5, "king_on_home_rank_own", 1, "king_pawn_shield_opp", 3);
  }

  @Test
  void aRookOnTheSecondRankPressesThreeZoneSquares() {
    expect(HandMadePositions.KING_ZONE, "in_check", 0, "king_zone_attackers_own", 1,
        "king_zone_attacked_squares_own", 3, "king_escape_squares_own", 2, "king_pawn_shield_own", 0,
        "king_open_files_own", 3, "king_zone_attackers_opp", 0, "king_escape_squares_opp", 5);
  }

  @Test
  void escapeSquaresDiscountTheSquareBehindTheKingOnTheCheckingLine() {
    // Ra1+ : f1 is not attacked while the king stands on e1, but it is once the king steps there.
    expect(HandMadePositions.RANK_CHECK, "in_check", 1, "double_check", 0, "king_escape_squares_own", 3,
        "king_zone_attacked_squares_own", 2, "king_zone_attackers_own", 1);
  }

  @Test
  void rookAndKnightGiveDoubleCheck() {
    expect(HandMadePositions.DOUBLE_CHECK, "in_check", 1, "double_check", 1);
  }

  @Test
  void backRankKingsHaveAShieldButOnlyTwoFlightSquares() {
    expect(HandMadePositions.BACK_RANK_MATE_IN_ONE, "king_pawn_shield_own", 3, "king_pawn_shield_opp", 3,
        "king_escape_squares_own", 2, "king_escape_squares_opp", 2, "king_exposure_own", 10,
        "king_open_files_own", 0);
  }

  @Test
  void theShieldCountsPawnsTwoRanksAhead() {
    // Kiwipete: black's e8 king has d7, f7 and e6 in front; white's e1 king only f2 (d2 holds a bishop).
    expect(HandMadePositions.KIWIPETE, "king_pawn_shield_own", 1, "king_pawn_shield_opp", 3);
  }

  @Test
  void aKingOffItsFirstRank() {
    expect(HandMadePositions.KNIGHT_FORKS_ROOKS, "king_on_home_rank_own", 0, "king_on_home_rank_opp", 1);
  }

  @Test
  void aStalematedKingIsOnItsHomeRankWithNoEscape() {
    expect(HandMadePositions.STALEMATED, "king_on_home_rank_own", 1, "king_on_home_rank_opp", 0,
        "king_escape_squares_own", 0, "king_zone_attacked_squares_own", 3, "king_zone_attackers_own", 1);
  }
}
