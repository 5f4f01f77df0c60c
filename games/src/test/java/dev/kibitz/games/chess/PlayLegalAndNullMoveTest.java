package dev.kibitz.games.chess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PlayLegalAndNullMoveTest {

  @Test
  void playLegalGivesWhatPlayGivesForEveryLegalMove() {
    Position kiwipete = Position.fromFen("r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1");
    for (Move m : kiwipete.legalMoves()) {
      assertEquals(kiwipete.play(m), kiwipete.playLegal(m), m.uci());
    }
  }

  @Test
  void playLegalRejectsAMoveOfTheWrongSide() {
    var e = assertThrows(IllegalArgumentException.class, () -> Position.start().playLegal(Move.parseUci("e7e5")));
    assertEquals("move e7e5 does not move a piece of the side to move in " + Position.START_FEN, e.getMessage());
  }

  @Test
  void aNullMovePassesTheTurnAndClearsEnPassant() {
    Position p = Position.start().play("e2e4");
    assertEquals("rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 1 2", p.nullMove().toFen());
    assertEquals(30, p.nullMove().legalMoves().size());
  }

  @Test
  void thereIsNoNullMoveInCheck() {
    Position check = Position.fromFen("4k3/8/8/8/8/8/8/r3K3 w - - 0 1");
    var e = assertThrows(IllegalArgumentException.class, check::nullMove);
    assertEquals("no null move in check: 4k3/8/8/8/8/8/8/r3K3 w - - 0 1", e.getMessage());
  }
}
