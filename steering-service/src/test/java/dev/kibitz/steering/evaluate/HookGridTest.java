package dev.kibitz.steering.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.KibitzException;
import dev.kibitz.games.maze.Square;
import org.junit.jupiter.api.Test;

class HookGridTest {

  @Test
  void eachPoolingDepthHasItsStride() {
    assertEquals(new HookGrid(25, 1), HookGrid.of(new long[] {3, 25, 25}, "obs"));
    assertEquals(new HookGrid(13, 2), HookGrid.of(new long[] {16, 13, 13}, "stages.0.res.1.resid_out"));
    assertEquals(new HookGrid(7, 4), HookGrid.of(new long[] {32, 7, 7}, "stages.1.res.1.resid_out"));
    assertEquals(new HookGrid(4, 8), HookGrid.of(new long[] {32, 4, 4}, "stages.2.res.1.resid_out"));
  }

  @Test
  void aSquareBelongsToTheCellWhoseCentreIsNearest() {
    HookGrid g = new HookGrid(7, 4);
    assertEquals(new Square(0, 0), g.cell(new Square(0, 1)));
    // cell centres sit on squares 0, 4, 8, ...; square 2 is halfway and goes up
    assertEquals(new Square(1, 0), g.cell(new Square(2, 0)));
    assertEquals(new Square(3, 6), g.cell(new Square(13, 24)));
    assertEquals(new Square(6, 6), g.cell(new Square(24, 24)));
    assertEquals(new Square(12, 0), new HookGrid(13, 2).cell(new Square(24, 0)));
    assertEquals(new Square(12, 1), new HookGrid(13, 2).cell(new Square(24, 1)));
  }

  @Test
  void nonSpatialHooksAreRefused() {
    KibitzException flat = assertThrows(KibitzException.class, () -> HookGrid.of(new long[] {256}, "fc_out"));
    assertTrue(flat.getMessage().contains("'fc_out'"), flat.getMessage());
    KibitzException odd = assertThrows(KibitzException.class, () -> HookGrid.of(new long[] {8, 5, 5}, "x"));
    assertTrue(odd.getMessage().contains("side 5"), odd.getMessage());
  }
}
