package dev.kibitz.probe.fit;

import dev.kibitz.probe.synthetic.PlantedConcept;
import java.util.Arrays;

/** Ridge's contract with more features than rows (300 vs 60): the n x n (dual) solve. */
class WideRidgeTest extends ProbeFitterContract {
  private static final PlantedConcept.Sample SAMPLE = PlantedConcept.dense(300, 0.7, 0, 5).real(60, 6);

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
}
