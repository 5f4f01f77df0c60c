package dev.kibitz.probe.fit;

import dev.kibitz.probe.synthetic.PlantedConcept;

/** L2 logistic regression's tests with more features than rows (300 vs 80): unpreconditioned CG steps. */
class WideLogisticL2Test extends LogisticL2Test {
  private static final PlantedConcept.Sample SAMPLE = PlantedConcept.dense(300, 1.0, 0.3, 7).binary(80, 8);

  @Override
  PlantedConcept.Sample sample() {
    return SAMPLE;
  }

  /** At lambda 1e-3 the wide Hessian's smallest eigenvalue is 1e-3: a 1e-8 gradient leaves 1e-5 in the weights. */
  @Override
  double warmStartTolerance() {
    return 1e-4;
  }
}
