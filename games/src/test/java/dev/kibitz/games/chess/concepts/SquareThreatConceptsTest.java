package dev.kibitz.games.chess.concepts;

import static dev.kibitz.games.chess.concepts.HandMadePositions.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.games.chess.Square;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SquareThreatConceptsTest {

  private static TreeSet<String> attacked(String fen, String who) {
    TreeSet<String> squares = new TreeSet<>();
    for (Map.Entry<String, Double> e : labels(fen).entrySet()) {
      if (e.getKey().startsWith(who + "_attacks_") && e.getValue() == 1) {
        squares.add(e.getKey().substring((who + "_attacks_").length()));
      }
    }
    return squares;
  }

  private static TreeSet<String> squares(long bitboard) {
    return new TreeSet<>(Square.names(bitboard));
  }

  @Test
  void aLoneRookAttacksItsFileAndRankAndTheKingsItsNeighbours() {
    TreeSet<String> rookAndKing = squares(Square.bitboard("d1", "d2", "d3", "d5", "d6", "d7", "d8", "a4", "b4", "c4",
        "e4", "f4", "g4", "h4", "g1", "g2", "h2"));
    assertEquals(rookAndKing, attacked(HandMadePositions.LONE_ROOK, "own"));
    assertEquals(squares(Square.bitboard("a7", "b7", "b8")), attacked(HandMadePositions.LONE_ROOK, "opp"));
  }

  @Test
  void atTheStartEachSideAttacksItsSecondAndThirdRanksAndDefendsB1ToG1() {
    long rank2 = 0xFFL << 8;
    long rank3 = 0xFFL << 16;
    long backRank = Square.bitboard("b1", "c1", "d1", "e1", "f1", "g1");
    assertEquals(squares(rank2 | rank3 | backRank), attacked(HandMadePositions.START, "own"));
    assertEquals(squares(Long.reverseBytes(rank2 | rank3 | backRank)), attacked(HandMadePositions.START, "opp"));
  }

  @Test
  void ownIsTheSideToMoveWhicheverColourThatIs() {
    String blackToMove = HandMadePositions.LONE_ROOK.replace(" w ", " b ");
    assertEquals(attacked(HandMadePositions.LONE_ROOK, "own"), attacked(blackToMove, "opp"));
    assertEquals(attacked(HandMadePositions.LONE_ROOK, "opp"), attacked(blackToMove, "own"));
  }

  @Test
  void thereAre128SquareThreatsNamedBySquare() {
    assertEquals(128, SquareThreatConcepts.all().size());
    assertEquals("own_attacks_a1", SquareThreatConcepts.all().get(0).name());
    assertEquals("opp_attacks_h8", SquareThreatConcepts.all().get(127).name());
  }
}
