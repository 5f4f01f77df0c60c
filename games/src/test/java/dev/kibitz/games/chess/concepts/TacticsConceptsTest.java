package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.HandMadePositions.expect;

import org.junit.jupiter.api.Test;

class TacticsConceptsTest {

  @Test
  void nc7ForksKingAndRook() {
    expect(HandMadePositions.KNIGHT_FORK, "fork_available", 1, "fork_moves", 1, "knight_fork_available", 1,
        "pawn_fork_available", 0, "forking_pieces_own", 0, "loose_pieces_own", 1, "loose_pieces_opp", 1,
        "hanging_pieces_own", 0, "hanging_pieces_opp", 0);
  }

  @Test
  void afterTheForkTheKnightForksOnTheBoardAndTheRookHangs() {
    expect(HandMadePositions.KNIGHT_FORKING, "forking_pieces_opp", 1, "forking_pieces_own", 0,
        "hanging_pieces_own", 1, "hanging_value_own", 5, "attacked_pieces_own", 1, "fork_available", 0);
  }

  @Test
  void d4ForksRookAndKnightWhileTheD3PawnHangs() {
    expect(HandMadePositions.PAWN_FORK, "fork_available", 1, "fork_moves", 1, "pawn_fork_available", 1,
        "knight_fork_available", 0, "hanging_pieces_own", 1, "hanging_value_own", 1, "loose_pieces_opp", 1);
  }

  @Test
  void aBishopPinsTheKnightToTheKing() {
    // The knight is attacked by a bishop of equal value and defended by the king: attacked, not hanging.
    expect(HandMadePositions.ABSOLUTE_PIN, "pinned_pieces_own", 1, "pinned_pieces_opp", 0, "pinned_to_queen_own", 0,
        "attacked_pieces_own", 1, "hanging_pieces_own", 0, "legal_moves", 4);
  }

  @Test
  void aBishopPinsTheKnightToTheQueen() {
    expect(HandMadePositions.PIN_TO_QUEEN, "pinned_to_queen_own", 1, "pinned_pieces_own", 0,
        "pinned_to_queen_opp", 0);
    expect(HandMadePositions.PIN_TO_QUEEN_BLACK, "pinned_to_queen_own", 0, "pinned_to_queen_opp", 1);
  }

  @Test
  void aKnightForkingTwoRooksOnTheBoard() {
    // Both rooks are worth more than the knight, so both are targets whether defended or not.
    expect(HandMadePositions.KNIGHT_FORKS_ROOKS, "forking_pieces_own", 1, "forking_pieces_opp", 0,
        "hanging_pieces_opp", 2, "hanging_value_opp", 10, "capture_hanging_available", 1);
  }

  @Test
  void aRookAttackingAnUndefendedQueenCanWinIt() {
    // The queen attacks the rook too, but the king defends it and the queen is worth more.
    expect(HandMadePositions.HANGING_QUEEN, "hanging_pieces_opp", 1, "hanging_value_opp", 9, "hanging_pieces_own", 0,
        "attacked_pieces_own", 1, "attacked_pieces_opp", 1, "capture_hanging_available", 1, "loose_pieces_opp", 1,
        "loose_pieces_own", 0);
  }

  @Test
  void rooksFacingOnOpenFilesHangBothWays() {
    expect(HandMadePositions.CASTLING, "hanging_pieces_own", 2, "hanging_value_own", 10, "hanging_pieces_opp", 2,
        "capture_hanging_available", 1);
  }

  @Test
  void everyKnightMoveUncoversTheRooksCheck() {
    expect(HandMadePositions.DISCOVERED_CHECK, "discovered_check_available", 1, "checks_available", 6,
        "fork_available", 0);
  }

  @Test
  void theStartHasNoTactics() {
    expect(HandMadePositions.START, "fork_available", 0, "forking_pieces_own", 0, "pinned_pieces_own", 0,
        "hanging_pieces_own", 0, "attacked_pieces_own", 0, "loose_pieces_own", 2, "capture_hanging_available", 0,
        "discovered_check_available", 0);
  }
}
