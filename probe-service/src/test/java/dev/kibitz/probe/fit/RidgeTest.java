package dev.kibitz.probe.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.synthetic.PlantedConcept;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RidgeTest extends ProbeFitterContract {
  private static final PlantedConcept.Sample SAMPLE = PlantedConcept.dense(16, 0.7, 0, 1).real(1500, 2);

  @Override
  ProbeFitter fitter() {
    return new Ridge();
  }

  @Override
  PlantedConcept.Sample sample() {
    return SAMPLE;
  }

  @Override
  double interceptOnly(double[] y) {
    return Arrays.stream(y).average().orElseThrow();
  }

  @Override
  double penalty(LinearModel m) {
    return l2(m);
  }

  /** y = 1 + 2 x0 - 3 x1 without noise: at lambda 0 the raw-space direction and bias are exact. */
  @Test
  void unpenalisedFitOfAnExactLinearConceptReturnsItsCoefficientsInRawUnits() {
    float[] v = {0, 0, 1, 0, 0, 1, 2, 3, -1, 4, 5, -2};
    Activations x = new Activations(v, 6, 2);
    double[] y = new double[6];
    for (int i = 0; i < 6; i++) {
      y[i] = 1 + 2 * x.get(i, 0) - 3 * x.get(i, 1);
    }
    int[] all = {0, 1, 2, 3, 4, 5};
    Standardization std = Standardization.fit(x, all);
    double[] raw = std.toOriginal(fitter().fit(DesignMatrix.of(x, all, std), y, 0, null));
    assertEquals(1, raw[0], 1e-9);
    assertEquals(2, raw[1], 1e-9);
    assertEquals(-3, raw[2], 1e-9);
  }

  @Test
  void pathEqualsSeparateFitsExactly() {
    DesignMatrix x = design();
    List<LinearModel> path = fitter().path(x, targets(), new double[] {1e-1, 1e-3});
    assertEquals(fitter().fit(x, targets(), 1e-1, null), path.get(0));
    assertEquals(fitter().fit(x, targets(), 1e-3, null), path.get(1));
  }
}
