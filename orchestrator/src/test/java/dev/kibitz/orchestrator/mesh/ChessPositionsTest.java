package dev.kibitz.orchestrator.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.concepts.ConceptLibrary;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.NamedTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probing set is balanced over the true mover Elo and identical under every conditioning. */
class ChessPositionsTest {
  static final Path DATA = Path.of("..", "data", "chess").toAbsolutePath().normalize();

  private static double[] label(ForwardBatch b, String name) {
    NamedTensor t = b.getLabelsList().stream().filter(l -> l.getName().equals(name)).findFirst().orElseThrow();
    return TensorCodec.fromProto(t.getTensor(), name).toDoubles();
  }

  @Test
  void balancedOverTrueEloAndTheSamePositionsUnderEveryConditioning() throws Exception {
    ConceptLibrary all = ConceptLibrary.pure();
    ChessPositions set = ChessPositions.heldOut(DATA, 20, 3, List.of(1350, 2207, 2850),
        List.of(all.concept("material_balance"), all.concept("in_check")));
    assertEquals(160, set.positions());
    assertArrayEquals(new int[] {20, 20, 20, 20, 20, 20, 20, 20}, set.perTrueBucket());
    assertEquals(2 * 3, set.batches(), "160 positions are 2 chunks of at most 128, under 3 conditionings");

    List<List<String>> fens = new ArrayList<>();
    List<List<Double>> ids = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      List<String> f = new ArrayList<>();
      List<Double> id = new ArrayList<>();
      for (int chunk = 0; chunk < 2; chunk++) {
        ForwardBatch b = set.batch(e * 2 + chunk);
        b.getStatesList().forEach(s -> f.add(s.getChess().getFen()));
        for (double x : label(b, "input_id")) {
          id.add(x);
        }
        int elo = set.elos().get(e);
        b.getStatesList().forEach(s -> assertEquals(elo, s.getChess().getMoverElo()));
        for (double x : label(b, ChessPositions.CONDITIONING)) {
          assertEquals(elo, x);
        }
        double[] balance = label(b, "material_balance");
        double[] check = label(b, "in_check");
        for (int i = 0; i < b.getStatesCount(); i++) {
          Position p = Position.fromFen(b.getStates(i).getChess().getFen());
          assertEquals(all.valuesByName(p).get("material_balance"), balance[i], 1e-6);
          assertEquals(p.inCheck() ? 1 : 0, check[i]);
        }
      }
      fens.add(f);
      ids.add(id);
    }
    assertEquals(160, fens.get(0).size());
    assertEquals(fens.get(0), fens.get(1));
    assertEquals(fens.get(0), fens.get(2));
    assertEquals(ids.get(0), ids.get(2));
    for (int i = 0; i < 160; i++) {
      assertEquals(i, ids.get(0).get(i), "input ids number the positions in set order");
    }

    ChessPositions again = ChessPositions.heldOut(DATA, 20, 3, List.of(1350), List.of(all.concept("in_check")));
    assertEquals(fens.get(0).subList(0, 128), again.batch(0).getStatesList().stream().map(s -> s.getChess().getFen())
        .toList(), "the same seed picks the same positions");
  }

  @Test
  void setsDrawnWithTheSameSeedAndSuccessiveSkipsShareNoPosition() throws Exception {
    ChessPositions first = ChessPositions.heldOut(DATA, 15, 3, List.of(1350), List.of());
    ChessPositions next = ChessPositions.heldOut(DATA, 10, 3, List.of(1350), List.of(), 15);
    ChessPositions both = ChessPositions.heldOut(DATA, 25, 3, List.of(1350), List.of());
    java.util.Set<String> seen = new java.util.HashSet<>();
    first.examples().forEach(e -> seen.add(e.fen() + " " + e.move()));
    next.examples().forEach(e -> assertTrue(!seen.contains(e.fen() + " " + e.move()), "drawn twice: " + e.fen()));
    assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10}, next.perTrueBucket());
    // the skip continues the same shuffle: level by level, the first set then the next make up the larger one
    for (int level = 0; level < 8; level++) {
      List<String> expected = both.examples().subList(level * 25, level * 25 + 25).stream().map(e -> e.fen()).toList();
      List<String> got = new java.util.ArrayList<>(first.examples().subList(level * 15, level * 15 + 15).stream()
          .map(e -> e.fen()).toList());
      got.addAll(next.examples().subList(level * 10, level * 10 + 10).stream().map(e -> e.fen()).toList());
      assertEquals(expected, got, "level " + level);
    }
  }

  @Test
  void aLevelWithTooFewHeldOutPositionsIsAClearError() {
    ConceptLibrary all = ConceptLibrary.pure();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChessPositions.heldOut(DATA,
        1_000_000, 0, List.of(1350), List.of(all.concept("in_check"))));
    assertTrue(e.getMessage().startsWith("held-out positions of mover Elo 1350: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("fewer than the 1000000 asked for"), e.getMessage());
  }
}
