package dev.kibitz.games.chess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FenTest {

  @ParameterizedTest
  @ValueSource(strings = {
      Position.START_FEN,
      "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1",
      "rnbq1k1r/pp1Pbppp/2p5/8/2B5/8/PPP1NnPP/RNBQK2R w KQ - 1 8",
      "r4rk1/1pp1qppp/p1np1n2/2b1p1B1/2B1P1b1/P1NP1N2/1PP1QPPP/R4RK1 w - - 0 10",
      "rnbqkbnr/ppp1p1pp/8/3pPp2/8/8/PPPP1PPP/RNBQKBNR w Kq f6 0 3",
      "8/8/1k6/2b5/2pP4/8/5K2/8 b - d3 0 1",
      "4k3/8/8/8/8/8/8/4K3 b - - 99 187",
  })
  void sixFieldFenRoundTripsExactly(String fen) {
    assertEquals(fen, Position.fromFen(fen).toFen());
  }

  @Test
  void fourFieldFenGetsDefaultClocks() {
    assertEquals("8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - - 0 1",
        Position.fromFen("8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - -").toFen());
  }

  @Test
  void playingMovesUpdatesEveryFenField() {
    Position p = Position.start().play("e2e4").play("c7c5").play("g1f3");
    assertEquals("rnbqkbnr/pp1ppppp/8/2p5/4P3/5N2/PPPP1PPP/RNBQKB1R b KQkq - 1 2", p.toFen());
    Position castled = Position.fromFen("r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 3 20").play("e1g1");
    assertEquals("r3k2r/8/8/8/8/8/8/R4RK1 b kq - 4 20", castled.toFen());
    Position enPassant = Position.fromFen("rnbqkbnr/ppp1p1pp/8/3pPp2/8/8/PPPP1PPP/RNBQKBNR w KQkq f6 0 3").play("e5f6");
    assertEquals("rnbqkbnr/ppp1p1pp/5P2/3p4/8/8/PPPP1PPP/RNBQKBNR b KQkq - 0 3", enPassant.toFen());
    Position promoted = Position.fromFen("r3k3/1P6/8/8/8/8/8/4K3 w q - 0 40").play("b7a8n");
    assertEquals("N3k3/8/8/8/8/8/8/4K3 b - - 0 40", promoted.toFen());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = ';', value = {
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq;has 3 fields; expected 6",
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP w KQkq - 0 1;has 7 ranks in its piece placement; expected 8",
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNX w KQkq - 0 1;has bad piece letter 'X' on rank 1",
      "rnbqkbnr/ppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1;has rank 7 ('ppppppp') describing 7 squares; expected 8",
      "rnbqkbnr/pppppppp/9/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1;has bad piece letter '9' on rank 6",
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQQBNR w kq - 0 1;has 0 white kings; expected exactly 1",
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR x KQkq - 0 1;has side to move 'x'; expected 'w' or 'b'",
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkx - 0 1;has castling field 'KQkx'",
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBN1 w KQkq - 0 1;has castling right 'K' but no white king on e1 and rook on h1",
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq e3 0 1;has en passant square e3 but no black pawn",
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - -1 1;has halfmove clock '-1'; expected an integer >= 0",
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 zero;has fullmove number 'zero'; expected an integer >= 1",
      "4k3/8/8/8/8/8/8/r3K3 b - - 0 1;leaves the side not to move (white) in check",
      "P3k3/8/8/8/8/8/8/4K3 w - - 0 1;has a pawn on rank 8",
      "4k3/8/8/8/8/8/8/4RK2 w - - 0 1;leaves the side not to move (black) in check",
  })
  void badFenIsRejectedNamingTheProblem(String fen, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Position.fromFen(fen));
    assertEquals(true, e.getMessage().startsWith("bad FEN '" + fen + "': ") && e.getMessage().contains(problem),
        e.getMessage());
  }

  @Test
  void emptyFenIsRejected() {
    assertEquals("FEN is empty", assertThrows(IllegalArgumentException.class, () -> Position.fromFen(" ")).getMessage());
  }
}
