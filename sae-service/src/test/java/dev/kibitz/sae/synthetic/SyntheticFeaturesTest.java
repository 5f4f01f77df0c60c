package dev.kibitz.sae.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.sae.buffer.RowBatch;
import org.junit.jupiter.api.Test;

class SyntheticFeaturesTest {
  @Test
  void directionsAreUnitAndBatchesDependOnlyOnSeedAndIndex() {
    SyntheticFeatures.Spec spec = SyntheticFeatures.Spec.independent(8, 20, 0.1, 50, 3);
    SyntheticFeatures a = new SyntheticFeatures(spec);
    SyntheticFeatures b = new SyntheticFeatures(spec);
    float[] dirs = a.directions().toFloats();
    assertEquals(160, dirs.length);
    for (int f = 0; f < 20; f++) {
      double n = 0;
      for (int j = 0; j < 8; j++) {
        n += dirs[f * 8 + j] * dirs[f * 8 + j];
      }
      assertEquals(1.0, n, 1e-6);
    }
    a.next();
    RowBatch second = a.next();
    b.seek(1);
    assertArrayEquals(second.rows().toFloats(), b.next().rows().toFloats());
    assertEquals(50, second.id(0));
    assertEquals(99, second.id(49));
    assertTrue(!java.util.Arrays.equals(a.batch(0).rows().toFloats(), a.batch(1).rows().toFloats()));
  }

  @Test
  void aFeatureOnItsOwnIsItsDirectionTimesAMagnitudeInRange() {
    // one feature, always active: every row is m * direction with m in [0.5, 1.5]
    SyntheticFeatures s = new SyntheticFeatures(new SyntheticFeatures.Spec(4, 1, 1.0, 0.5, 1.5, 1, 0, 30, 9));
    float[] dir = s.directions().toFloats();
    float[] rows = s.batch(0).rows().toFloats();
    for (int r = 0; r < 30; r++) {
      double m = rows[r * 4] / dir[0];
      assertTrue(m >= 0.5 && m <= 1.5, "magnitude " + m);
      for (int j = 0; j < 4; j++) {
        assertEquals(m * dir[j], rows[r * 4 + j], 1e-5);
      }
    }
  }

  @Test
  void correlatedGroupsFireTogetherMoreOftenThanChance() {
    // groups of 2: the follower fires with p = 0.05 alone, plus 0.9 of the times its leader fires
    SyntheticFeatures s = new SyntheticFeatures(new SyntheticFeatures.Spec(16, 2, 0.05, 1, 1, 2, 0.9, 4000, 4));
    float[] dir = s.directions().toFloats();
    float[] rows = s.batch(0).rows().toFloats();
    int both = 0;
    int leader = 0;
    for (int r = 0; r < 4000; r++) {
      double[] coef = solve2(dir, rows, r);
      boolean l = coef[0] > 0.5;
      boolean f = coef[1] > 0.5;
      leader += l ? 1 : 0;
      both += l && f ? 1 : 0;
    }
    assertTrue(leader > 150 && leader < 250, "leader fired " + leader + " of 4000 times, expected ~200");
    assertTrue(both > 0.85 * leader, "follower fired with its leader " + both + " of " + leader + " times");
  }

  /** Least-squares coefficients of row r on the two directions. */
  private static double[] solve2(float[] dir, float[] rows, int r) {
    double aa = 0;
    double ab = 0;
    double bb = 0;
    double ax = 0;
    double bx = 0;
    for (int j = 0; j < 16; j++) {
      aa += dir[j] * dir[j];
      ab += dir[j] * dir[16 + j];
      bb += dir[16 + j] * dir[16 + j];
      ax += dir[j] * rows[r * 16 + j];
      bx += dir[16 + j] * rows[r * 16 + j];
    }
    double det = aa * bb - ab * ab;
    return new double[] {(bb * ax - ab * bx) / det, (aa * bx - ab * ax) / det};
  }
}
