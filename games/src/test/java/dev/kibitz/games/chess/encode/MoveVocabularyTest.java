package dev.kibitz.games.chess.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Side;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MoveVocabularyTest {
  private static final List<String> FENS = List.of(Position.START_FEN,
      "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1",
      "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R b KQkq - 0 1",
      "n1n5/PPPk4/8/8/8/8/4Kppp/5N1N b - - 0 1",
      "n1n5/PPPk4/8/8/8/8/4Kppp/5N1N w - - 0 1",
      "rnbqkbnr/ppp1p1pp/8/3pPp2/8/8/PPPP1PPP/RNBQKBNR w KQkq f6 0 3");

  @Test
  void queenAndKnightMovesPlusUnderPromotionsMake1858() {
    assertEquals(1858, MoveVocabulary.size());
    Set<Move> distinct = new HashSet<>();
    for (int i = 0; i < MoveVocabulary.size(); i++) {
      distinct.add(MoveVocabulary.move(i));
    }
    assertEquals(1858, distinct.size());
    assertEquals(Move.parseUci("a7a8n"), MoveVocabulary.move(1792));
    assertEquals(Move.parseUci("h7h8r"), MoveVocabulary.move(1857));
  }

  @Test
  void everyLegalMoveHasAnEntryThatMapsBackToIt() {
    for (String fen : FENS) {
      Position p = Position.fromFen(fen);
      boolean[] mask = MoveVocabulary.legalMask(p);
      int on = 0;
      for (boolean b : mask) {
        on += b ? 1 : 0;
      }
      assertEquals(p.legalMoves().size(), on, fen);
      for (Move m : p.legalMoves()) {
        assertEquals(m, MoveVocabulary.toMove(MoveVocabulary.index(m, p.sideToMove()), p), fen + " " + m.uci());
      }
    }
  }

  @Test
  void blacksMovesAreMirroredAndQueenPromotionIsThePlainMove() {
    assertEquals(MoveVocabulary.index(Move.parseUci("e2e4"), Side.WHITE),
        MoveVocabulary.index(Move.parseUci("e7e5"), Side.BLACK));
    assertEquals(MoveVocabulary.index(Move.parseUci("b7b8"), Side.WHITE),
        MoveVocabulary.index(Move.parseUci("b7b8q"), Side.WHITE));
    assertEquals(MoveVocabulary.index(Move.parseUci("g7h8n"), Side.WHITE),
        MoveVocabulary.index(Move.parseUci("g2h1n"), Side.BLACK));
    assertTrue(MoveVocabulary.index(Move.parseUci("g7h8n"), Side.WHITE) >= 1792);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MoveVocabulary.index(Move.parseUci("a1b4"), Side.WHITE));
    assertTrue(e.getMessage().contains("a1b4"), e.getMessage());
  }

  @Test
  void thePolicyMapPutsEachMoveOnItsFromSquareInThePlaneOfItsKind() {
    int[] map = MoveVocabulary.policyMap();
    assertEquals(MoveVocabulary.size(), map.length);
    Set<Integer> cells = new HashSet<>();
    for (int cell : map) {
      assertTrue(cell >= 0 && cell < MoveVocabulary.POLICY_PLANES * 64, "cell " + cell);
      cells.add(cell);
    }
    assertEquals(MoveVocabulary.size(), cells.size(), "two moves share a cell");
    // e2e4: ray up (direction 0), distance 2 -> plane 1; e2 is row 6, col 4.
    assertEquals(1 * 64 + 6 * 8 + 4, map[MoveVocabulary.index(Move.parseUci("e2e4"), Side.WHITE)]);
    // g1f3: knight jump (-1, +2) is knight direction 7 -> plane 63; g1 is row 7, col 6.
    assertEquals(63 * 64 + 7 * 8 + 6, map[MoveVocabulary.index(Move.parseUci("g1f3"), Side.WHITE)]);
    // a7a8n: under-promotion to a knight straight ahead -> plane 64 + 0 * 3 + 1; a7 is row 1, col 0.
    assertEquals(65 * 64 + 8, map[MoveVocabulary.index(Move.parseUci("a7a8n"), Side.WHITE)]);
    // Black's e7e5 is white's e2e4 in the mover's frame.
    assertEquals(map[MoveVocabulary.index(Move.parseUci("e2e4"), Side.WHITE)],
        map[MoveVocabulary.index(Move.parseUci("e7e5"), Side.BLACK)]);
  }
}
