package dev.kibitz.games.chess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Attack maps on small hand-made positions whose answers can be read off the board. */
class AttackMapTest {

  @Test
  void rookAttacksStopAtTheFirstBlockerOfEitherColour() {
    Position p = Position.fromFen("4k3/8/8/8/1p1R2P1/8/8/4K3 w - - 0 1");
    long rook = Attacks.rook(Square.parse("d4"), p.occupied());
    assertEquals(List.of("d1", "d2", "d3", "b4", "c4", "e4", "f4", "g4", "d5", "d6", "d7", "d8"), Square.names(rook));
  }

  @Test
  void squaresAttackedByASideIncludeDefendedPiecesAndPawnDiagonals() {
    Position p = Position.fromFen("4k3/8/8/8/8/8/3P4/3NK3 w - - 0 1");
    assertEquals(List.of("d1", "f1", "b2", "d2", "e2", "f2", "c3", "e3"), Square.names(p.attackedBy(Side.WHITE)));
  }

  @Test
  void attackersOfASquareListEveryPieceThatHitsIt() {
    // The b2 bishop's diagonal to e5 is blocked by its own pawn on d4, so it is not an attacker.
    Position p = Position.fromFen("7k/8/2n5/8/3P4/5N2/1B6/4RK2 w - - 0 1");
    assertEquals(List.of("e1", "f3", "d4"), Square.names(p.attackersOf(Square.parse("e5"), Side.WHITE)));
    assertEquals(List.of("c6"), Square.names(p.attackersOf(Square.parse("e5"), Side.BLACK)));
    assertTrue(p.isAttacked(Square.parse("e5"), Side.BLACK));
    assertFalse(p.isAttacked(Square.parse("h8"), Side.WHITE));
  }

  @Test
  void checkersNameTheCheckingPieces() {
    Position doubleCheck = Position.fromFen("4k3/8/3N4/8/8/8/8/4RK2 b - - 0 1");
    assertTrue(doubleCheck.inCheck());
    assertEquals(List.of("e1", "d6"), Square.names(doubleCheck.checkers()));
    assertFalse(Position.start().inCheck());
  }

  @Test
  void pinnedPieceMayOnlyMoveAlongThePin() {
    Position p = Position.fromFen("4k3/4r3/8/8/8/8/4R3/4K3 w - - 0 1");
    List<String> rookMoves = p.legalMoves().stream().filter(m -> m.from() == Square.parse("e2")).map(Move::uci).toList();
    assertEquals(List.of("e2e3", "e2e4", "e2e5", "e2e6", "e2e7"), rookMoves);
  }
}
