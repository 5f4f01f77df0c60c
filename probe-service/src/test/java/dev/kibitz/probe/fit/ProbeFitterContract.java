package dev.kibitz.probe.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.synthetic.PlantedConcept;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ProbeFitter} must do; one subclass per implementation. */
abstract class ProbeFitterContract {

  abstract ProbeFitter fitter();

  /** A sample this fitter's targets suit: 0/1 for logistic, real for ridge. */
  abstract PlantedConcept.Sample sample();

  /** The optimum of an intercept-only model on these targets. */
  abstract double interceptOnly(double[] y);

  /** The penalised norm: L1 or squared L2 of the weights. */
  abstract double penalty(LinearModel m);

  /**
   * How far two solutions that both meet the gradient tolerance may differ: about that tolerance over
   * the Hessian's smallest eigenvalue, which is lambda itself when features outnumber rows.
   */
  double warmStartTolerance() {
    return 1e-5;
  }

  final DesignMatrix design() {
    Activations x = sample().activations();
    int[] all = new int[x.rows()];
    Arrays.setAll(all, i -> i);
    return DesignMatrix.of(x, all, Standardization.fit(x, all));
  }

  final double[] targets() {
    return sample().labels().targets();
  }

  @Test
  void fitsToTheOptimumAtEveryPenaltyStrength() {
    DesignMatrix x = design();
    for (double lambda : new double[] {1e-4, 1e-2, 1e-1}) {
      LinearModel m = fitter().fit(x, targets(), lambda, null);
      double gap = fitter().optimalityGap(x, targets(), lambda, m);
      assertTrue(gap <= 1e-6, "optimality gap " + gap + " at lambda " + lambda);
    }
  }

  @Test
  void sameInputsGiveBitIdenticalModels() {
    DesignMatrix x = design();
    assertEquals(fitter().fit(x, targets(), 1e-3, null), fitter().fit(x, targets(), 1e-3, null));
  }

  @Test
  void hugePenaltyLeavesTheInterceptOnlyModel() {
    DesignMatrix x = design();
    LinearModel m = fitter().fit(x, targets(), 1e4, null);
    assertEquals(interceptOnly(targets()), m.intercept(), 1e-4);
    assertTrue(penalty(m) <= 1e-6, "penalised norm " + penalty(m));
  }

  @Test
  void warmStartReachesTheColdStartSolution() {
    DesignMatrix x = design();
    LinearModel far = fitter().fit(x, targets(), 1e-1, null);
    LinearModel warm = fitter().fit(x, targets(), 1e-3, far);
    LinearModel cold = fitter().fit(x, targets(), 1e-3, null);
    for (int j = 0; j < cold.theta().length; j++) {
      assertEquals(cold.theta()[j], warm.theta()[j], warmStartTolerance(), "coefficient " + j);
    }
  }

  @Test
  void pathGivesOneModelPerStrengthAndStrongerPenaltyShrinksTheWeights() {
    DesignMatrix x = design();
    double[] grid = {1, 1e-1, 1e-2, 1e-3};
    List<LinearModel> path = fitter().path(x, targets(), grid);
    assertEquals(grid.length, path.size());
    for (int k = 1; k < grid.length; k++) {
      assertTrue(penalty(path.get(k)) >= penalty(path.get(k - 1)) - 1e-12,
          "penalised norm fell from " + penalty(path.get(k - 1)) + " to " + penalty(path.get(k)) + " as lambda "
              + "went from " + grid[k - 1] + " to " + grid[k]);
      double gap = fitter().optimalityGap(x, targets(), grid[k], path.get(k));
      assertTrue(gap <= 1e-6, "gap " + gap + " on the path at " + grid[k]);
    }
  }

  @Test
  void rejectsMismatchedTargetsAndNegativePenalties() {
    DesignMatrix x = design();
    assertThrows(IllegalArgumentException.class, () -> fitter().fit(x, new double[3], 1e-3, null));
    assertThrows(IllegalArgumentException.class, () -> fitter().fit(x, targets(), -1, null));
  }

  static double l2(LinearModel m) {
    double s = 0;
    for (double w : m.weights()) {
      s += w * w;
    }
    return s;
  }

  static double l1(LinearModel m) {
    double s = 0;
    for (double w : m.weights()) {
      s += Math.abs(w);
    }
    return s;
  }

  static double logitOfMean(double[] y) {
    double mean = Arrays.stream(y).average().orElseThrow();
    return Math.log(mean / (1 - mean));
  }
}
