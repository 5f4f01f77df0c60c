package dev.kibitz.probe.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CholeskyTest {

  @Test
  void solvesASymmetricPositiveDefiniteSystem() {
    // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = [1, -1, 2] so b = A x = [2, -1, 5].
    double[] a = {4, 2, 0, 2, 5, 1, 0, 1, 3};
    assertArrayEquals(new double[] {1, -1, 2}, Cholesky.factor(a, 3).solve(new double[] {2, -1, 5}), 1e-12);
  }

  @Test
  void refusesAnIndefiniteMatrix() {
    assertThrows(ArithmeticException.class, () -> Cholesky.factor(new double[] {1, 2, 2, 1}, 2));
  }
}
