package dev.kibitz.games.chess.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kibitz.games.chess.Move;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelMoveKindsTest {
  private static final String BACK_RANK = "6k1/5ppp/8/8/6n1/8/8/R2Q2K1 w - - 0 1";
  private static final String MIRRORED = "r2q2k1/8/8/6N1/8/8/5PPP/6K1 b - - 0 1";
  private static final String KNIGHT = "4k3/8/8/8/8/2n5/8/R3K3 w - - 0 1";

  private static CounterfactualMoves.Label label(String fen, int level, String move) {
    return new CounterfactualMoves.Label("s", 1, 1, fen, EloLevels.elo(level), 2000, Move.parseUci(move), 2000);
  }

  @Test
  void eachLevelsMovesAreCountedByKind() {
    LevelMoveKinds.Table t = LevelMoveKinds.of(List.of(
        label(BACK_RANK, 0, "d1g4"), // queen takes the knight: capture, 3 ranks forward
        label(MIRRORED, 0, "g8h8"), // a quiet king move
        label(MIRRORED, 1, "d8d2"), // black's queen 6 ranks forward (black's forward is down the board)
        label(KNIGHT, 2, "a1b1"), // the rook steps onto a square the knight attacks, undefended
        label(BACK_RANK, 7, "a1a8"))); // mate on the back rank
    assertEquals(List.of("capture", "check", "pawn_move", "queen_move", "ranks_forward", "own_pieces_hanging_after"),
        LevelMoveKinds.MEASURES);
    assertArrayEquals(new int[] {2, 1, 1, 0, 0, 0, 0, 1}, t.labels());
    assertArrayEquals(new double[] {0.5, 0, 0, 0.5, 1.5, 0}, t.means()[0]);
    assertArrayEquals(new double[] {0, 0, 0, 1, 6, 0}, t.means()[1]);
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1}, t.means()[2]);
    assertArrayEquals(new double[] {0, 1, 0, 0, 7, 0}, t.means()[7]);
    assertEquals(Double.NaN, t.means()[3][0], "a level without labels has no mean");
  }

  @Test
  void anIllegalMoveIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LevelMoveKinds.of(List.of(label(BACK_RANK, 0, "d1h5"))));
    assertEquals("d1h5 is not legal in " + BACK_RANK, e.getMessage());
  }
}
