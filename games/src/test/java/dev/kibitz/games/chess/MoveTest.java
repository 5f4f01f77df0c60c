package dev.kibitz.games.chess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoveTest {

  @Test
  void uciMovesParseIntoSquaresAndPromotion() {
    assertEquals(new Move(Square.parse("e2"), Square.parse("e4")), Move.parseUci("e2e4"));
    assertEquals(new Move(Square.parse("e7"), Square.parse("e8"), PieceType.QUEEN), Move.parseUci("e7e8q"));
    assertEquals(new Move(4, 6), Move.parseUci("e1g1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"e2e4", "e7e8q", "a2a1n", "e1g1", "h8a1"})
  void uciRoundTrips(String uci) {
    assertEquals(uci, Move.parseUci(uci).uci());
  }

  @Test
  void badUciIsRejectedNamingTheInput() {
    assertEquals("'e2e' is not a UCI move (expected e.g. e2e4 or e7e8q)",
        assertThrows(IllegalArgumentException.class, () -> Move.parseUci("e2e")).getMessage());
    assertEquals("'i2' is not a square (expected a file a-h and a rank 1-8, e.g. e4)",
        assertThrows(IllegalArgumentException.class, () -> Move.parseUci("i2i4")).getMessage());
    assertEquals("'e7e8k' has a bad promotion letter 'k' (expected one of n, b, r, q)",
        assertThrows(IllegalArgumentException.class, () -> Move.parseUci("e7e8k")).getMessage());
    assertEquals("'e7e8Q' has a bad promotion letter 'Q' (expected one of n, b, r, q)",
        assertThrows(IllegalArgumentException.class, () -> Move.parseUci("e7e8Q")).getMessage());
  }

  @Test
  void castlingIsTheKingsTwoSquareMove() {
    Position p = Position.fromFen("r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1");
    assertTrue(p.isLegal(Move.parseUci("e1g1")));
    assertTrue(p.isLegal(Move.parseUci("e1c1")));
    assertFalse(p.isLegal(Move.parseUci("e1h1")));
  }

  @Test
  void illegalMoveIsRejectedNamingMoveAndPosition() {
    assertEquals("move e2e5 is not legal in " + Position.START_FEN,
        assertThrows(IllegalArgumentException.class, () -> Position.start().play("e2e5")).getMessage());
  }

  @Test
  void checkmateAndStalemateHaveNoLegalMoves() {
    Position mated = Position.start().play("f2f3").play("e7e5").play("g2g4").play("d8h4");
    assertTrue(mated.isCheckmate());
    Position stalemate = Position.fromFen("k7/2Q5/1K6/8/8/8/8/8 b - - 0 1");
    assertTrue(stalemate.isStalemate());
    assertFalse(stalemate.isCheckmate());
  }
}
