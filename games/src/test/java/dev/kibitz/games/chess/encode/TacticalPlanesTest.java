package dev.kibitz.games.chess.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Square;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TacticalPlanesTest {

  /** Squares (as seen from white's side, i.e. in the mover's frame for white) where a plane is non-zero. */
  private static Set<String> on(float[] planes, int plane) {
    Set<String> out = new TreeSet<>();
    for (int s = 0; s < 64; s++) {
      if (planes[plane * 64 + BoardEncoder.cell(s, false)] != 0) {
        out.add(Square.name(s));
      }
    }
    return out;
  }

  private static float at(float[] planes, int plane, String square) {
    return planes[plane * 64 + BoardEncoder.cell(Square.parse(square), false)];
  }

  @Test
  void aPinnedBishopAgainstARookOnTheKingsFile() {
    // White: Ke1, Be2; black: Ke8, Re7. The bishop is pinned to its king and cannot move.
    float[] p = TacticalPlanes.encode(Position.fromFen("4k3/4r3/8/8/8/8/4B3/4K3 w - - 0 1"));
    assertEquals(14 * 64, p.length);
    assertEquals(new TreeSet<>(List.of("d1", "d2", "e2", "f1", "f2", "d3", "c4", "b5", "a6", "f3", "g4", "h5")),
        on(p, 0), "king and bishop attacks");
    assertEquals(new TreeSet<>(List.of("e6", "e5", "e4", "e3", "e2", "e8", "a7", "b7", "c7", "d7", "f7", "g7", "h7",
        "d8", "f8", "e7")), on(p, 1), "rook (stopped by the bishop) and king attacks");
    assertEquals(0.5f, at(p, 2, "d1"), "king and bishop both attack d1");
    assertEquals(0.25f, at(p, 2, "e2"));
    assertEquals(0.25f, at(p, 3, "e7"), "the rook's square is defended by its king");
    assertEquals(0.25f, at(p, 3, "e2"));
    assertEquals(Set.of(), on(p, 4), "the bishop is attacked by a rook and defended: not hanging");
    assertEquals(Set.of(), on(p, 5));
    assertEquals(Set.of("e2"), on(p, 6), "pinned to its king");
    assertEquals(Set.of(), on(p, 7));
    assertEquals(Set.of("e1"), on(p, 8), "only the king can move");
    assertEquals(new TreeSet<>(List.of("d1", "d2", "f1", "f2")), on(p, 9));
    assertEquals(Set.of(), on(p, 10));
    assertEquals(Set.of(), on(p, 11));
    assertEquals(Set.of(), on(p, 12));
    assertEquals(Set.of(), on(p, 13));
  }

  private static final String BACK_RANK = "6k1/5ppp/8/8/6n1/8/8/R2Q2K1 w - - 0 1";

  @Test
  void aBackRankMateAndAHangingKnight() {
    // White: Kg1, Ra1, Qd1; black: Kg8, pawns f7 g7 h7, knight g4 (undefended, attacked by the queen).
    float[] p = TacticalPlanes.encode(Position.fromFen(BACK_RANK));
    assertEquals(Set.of("g4"), on(p, 5), "the knight hangs");
    assertEquals(Set.of(), on(p, 4), "the knight attacks none of white's pieces");
    assertEquals(Set.of("g4"), on(p, 11), "the only capture");
    assertEquals(new TreeSet<>(List.of("a8", "d8")), on(p, 10), "rook or queen to the back rank");
    assertEquals(new TreeSet<>(List.of("a8", "d8")), on(p, 12), "both mate");
    assertEquals(Set.of(), on(p, 13));
  }

  @Test
  void checkFillsItsPlaneAndOnlyEvasionsRemain() {
    // Black's queen on e2 checks the white king on e1, undefended, so the king can only take it.
    float[] p = TacticalPlanes.encode(Position.fromFen("4k3/8/8/8/8/8/4q3/4K3 w - - 0 1"));
    assertEquals(64, on(p, 13).size());
    assertEquals(Set.of("e1"), on(p, 8));
    assertEquals(Set.of("e2"), on(p, 9), "every other king move stays in the queen's reach");
    assertEquals(Set.of("e2"), on(p, 11));
    assertEquals(Set.of("e2"), on(p, 5), "the queen hangs: attacked by the king, undefended");
  }

  /** Black to move sees the colour-swapped mirror of a position exactly as white sees the original. */
  @Test
  void theMirroredPositionGivesTheSamePlanes() {
    String black = "r2q2k1/8/8/6N1/8/8/5PPP/6K1 b - - 0 1";
    assertArrayEquals(TacticalPlanes.encode(Position.fromFen(BACK_RANK)), TacticalPlanes.encode(Position.fromFen(black)));
  }

  @Test
  void theTacticalBoardInputIsTheBoardPlanesThenTheTacticalOnes() {
    Position p = Position.fromFen(BACK_RANK);
    Map<String, HostTensor> in = ChessEncoder.encode(List.of(new ChessEncoder.State(p, 1500, 2500),
        new ChessEncoder.State(Position.start(), 1500, 2500)), true);
    HostTensor board = in.get(ChessEncoder.BOARD);
    assertArrayEquals(new long[] {2, 32, 8, 8}, board.shape());
    float[] values = board.toFloats();
    float[] expected = new float[2 * 32 * 64];
    System.arraycopy(BoardEncoder.encode(p), 0, expected, 0, BoardEncoder.SIZE);
    System.arraycopy(TacticalPlanes.encode(p), 0, expected, BoardEncoder.SIZE, TacticalPlanes.SIZE);
    System.arraycopy(BoardEncoder.encode(Position.start()), 0, expected, 32 * 64, BoardEncoder.SIZE);
    System.arraycopy(TacticalPlanes.encode(Position.start()), 0, expected, 32 * 64 + BoardEncoder.SIZE,
        TacticalPlanes.SIZE);
    assertArrayEquals(expected, values);
    assertArrayEquals(new long[] {32, 8, 8}, ChessEncoder.inputSpecs(true).get(0).shape());
    assertArrayEquals(new long[] {18, 8, 8}, ChessEncoder.inputSpecs(false).get(0).shape());
  }
}
