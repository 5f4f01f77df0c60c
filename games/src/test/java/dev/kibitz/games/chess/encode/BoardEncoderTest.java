package dev.kibitz.games.chess.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.games.chess.Position;
import org.junit.jupiter.api.Test;

class BoardEncoderTest {

  private static float at(float[] planes, int plane, int row, int col) {
    return planes[plane * 64 + row * 8 + col];
  }

  private static int count(float[] planes, int plane) {
    int n = 0;
    for (int i = 0; i < 64; i++) {
      n += planes[plane * 64 + i] != 0 ? 1 : 0;
    }
    return n;
  }

  @Test
  void startPositionFromWhitesSide() {
    float[] p = BoardEncoder.encode(Position.start());
    assertEquals(18 * 64, p.length);
    for (int c = 0; c < 8; c++) {
      assertEquals(1f, at(p, 0, 6, c));
      assertEquals(1f, at(p, 6, 1, c));
    }
    assertEquals(1f, at(p, 5, 7, 4));
    assertEquals(1f, at(p, 11, 0, 4));
    assertEquals(1f, at(p, 4, 7, 3));
    int[] expected = {8, 2, 2, 2, 1, 1, 8, 2, 2, 2, 1, 1, 64, 64, 64, 64, 0, 0};
    for (int plane = 0; plane < 18; plane++) {
      assertEquals(expected[plane], count(p, plane), "plane " + plane);
    }
  }

  @Test
  void blackToMoveSeesTheBoardMirroredWithColoursSwapped() {
    // after 1.e4: black to move, en passant on e3, white has only queen-side castling here
    float[] p = BoardEncoder.encode(Position.fromFen("rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBN1 b Qkq e3 0 1"));
    for (int c = 0; c < 8; c++) {
      assertEquals(1f, at(p, 0, 6, c), "black's pawns on the mover's second rank");
    }
    assertEquals(1f, at(p, 5, 7, 4), "black's king e8 mirrors to e1");
    assertEquals(1f, at(p, 6, 3, 4), "white's e4 pawn mirrors to e5");
    assertEquals(0f, at(p, 6, 1, 4));
    assertEquals(1f, at(p, 16, 2, 4), "en passant e3 mirrors to e6");
    assertEquals(1, count(p, 16));
    assertEquals(64, count(p, 12));
    assertEquals(64, count(p, 13));
    assertEquals(0, count(p, 14), "white lost king-side castling");
    assertEquals(64, count(p, 15));
    assertEquals(1, count(p, 9), "white has one rook");
    assertEquals(1f, at(p, 9, 0, 0), "a1 mirrors to a8, the far corner");
  }

  @Test
  void halfmoveClockFillsTheLastPlane() {
    float[] p = BoardEncoder.encode(Position.fromFen("8/8/8/4k3/8/8/8/4K2R w K - 50 80"));
    assertEquals(0.5f, at(p, 17, 0, 0));
    assertEquals(0.5f, at(p, 17, 7, 7));
    assertEquals(1f, at(p, 3, 7, 7));
    assertEquals(64, count(p, 12));
    assertEquals(0, count(p, 13));
  }
}
