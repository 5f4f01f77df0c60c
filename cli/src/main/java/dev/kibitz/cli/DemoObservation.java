package dev.kibitz.cli;

import dev.kibitz.core.tensor.HostTensor;

/**
 * A hand-made maze observation for the demo until the maze world lands: planes walls, mouse,
 * cheese on a 25x25 grid; an open 7x7 room in the middle, mouse bottom-left, cheese top-right.
 */
final class DemoObservation {
  private DemoObservation() {}

  static HostTensor corridor() {
    int n = 25;
    float[] v = new float[3 * n * n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        boolean open = r >= 9 && r <= 15 && c >= 9 && c <= 15;
        v[r * n + c] = open ? 0f : 1f;
      }
    }
    v[n * n + 15 * n + 9] = 1f;
    v[2 * n * n + 9 * n + 15] = 1f;
    return HostTensor.ofFloats(new long[] {1, 3, n, n}, v);
  }
}
