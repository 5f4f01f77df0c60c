package dev.kibitz.sae.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShuffleBufferTest {
  /** Batch b holds rows whose values are (id, -id) and ids b*4 .. b*4+3. */
  private static RowBatch batch(int b) {
    float[] rows = new float[8];
    long[] ids = new long[4];
    for (int r = 0; r < 4; r++) {
      ids[r] = b * 4L + r;
      rows[2 * r] = ids[r];
      rows[2 * r + 1] = -ids[r];
    }
    return RowBatch.of(2, rows, ids);
  }

  private static long[] drain(ShuffleBuffer buf, int n) {
    RowBatch out = buf.take(n);
    float[] rows = out.rows().toFloats();
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = out.id(i);
      assertEquals(ids[i], (long) rows[2 * i], "row and id travel together");
      assertEquals(-ids[i], (long) rows[2 * i + 1]);
    }
    return ids;
  }

  @Test
  void minibatchesMixBatchesKeepEveryRowOnceAndRepeatForASeed() {
    long[][] runs = new long[2][];
    for (int run = 0; run < 2; run++) {
      ShuffleBuffer buf = new ShuffleBuffer(2, 16, 42);
      for (int b = 0; b < 4; b++) {
        buf.offer(batch(b));
      }
      runs[run] = drain(buf, 16);
      assertEquals(0, buf.size());
    }
    assertArrayEquals(runs[0], runs[1]);
    Set<Long> seen = new HashSet<>();
    Arrays.stream(runs[0]).forEach(seen::add);
    assertEquals(16, seen.size());
    Set<Long> firstBatchesOrigins = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      firstBatchesOrigins.add(runs[0][i] / 4);
    }
    assertTrue(firstBatchesOrigins.size() >= 2, "first minibatch drew from one input batch only: "
        + Arrays.toString(runs[0]));
    assertTrue(!Arrays.equals(runs[0], new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
  }

  @Test
  void restoredStateContinuesTheSameDraws() {
    ShuffleBuffer a = new ShuffleBuffer(2, 16, 7);
    for (int b = 0; b < 3; b++) {
      a.offer(batch(b));
    }
    drain(a, 5);
    ShuffleBuffer b = new ShuffleBuffer(2, 16, 999);
    b.restore(a.state());
    a.offer(batch(9));
    b.offer(batch(9));
    assertArrayEquals(drain(a, 11), drain(b, 11));
  }

  @Test
  void rejectsWrongWidthAndOverflow() {
    ShuffleBuffer buf = new ShuffleBuffer(3, 4, 1);
    assertThrows(IllegalArgumentException.class, () -> buf.offer(batch(0)));
    ShuffleBuffer small = new ShuffleBuffer(2, 6, 1);
    small.offer(batch(0));
    assertThrows(IllegalStateException.class, () -> small.offer(batch(1)));
  }

  @Test
  void reusingTakeDrawsExactlyWhatTakeDraws() {
    ShuffleBuffer fresh = new ShuffleBuffer(2, 16, 7);
    ShuffleBuffer reusing = new ShuffleBuffer(2, 16, 7);
    for (int b = 0; b < 4; b++) {
      fresh.offer(batch(b));
      reusing.offer(batch(b));
    }
    for (int k = 0; k < 4; k++) {
      RowBatch a = fresh.take(4);
      RowBatch r = reusing.takeReusing(4);
      assertTrue(a.rows().sameAs(r.rows()), "rows of minibatch " + k);
      assertTrue(a.ids().sameAs(r.ids()), "ids of minibatch " + k);
    }
    assertEquals(0, reusing.size());
  }
}
