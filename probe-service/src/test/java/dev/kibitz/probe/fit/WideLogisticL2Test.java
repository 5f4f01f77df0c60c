package dev.kibitz.probe.fit;

import dev.kibitz.probe.synthetic.PlantedConcept;

/** L2 logistic regression's contract with more features than rows (300 vs 80): unpreconditioned CG steps. */
class WideLogisticL2Test extends ProbeFitterContract {
  private static final PlantedConcept.Sample SAMPLE = PlantedConcept.dense(300, 1.0, 0.3, 7).binary(80, 8);

  @Override
  ProbeFitter fitter() {
    return new LogisticL2();
  }

  @Override
  PlantedConcept.Sample sample() {
    return SAMPLE;
  }

  @Override
  double interceptOnly(double[] y) {
    return logitOfMean(y);
  }

  /** At lambda 1e-3 the wide Hessian's smallest eigenvalue is 1e-3: a 1e-8 gradient leaves 1e-5 in the weights. */
  @Override
  double warmStartTolerance() {
    return 1e-4;
  }

  @Override
  double penalty(LinearModel m) {
    return l2(m);
  }
}
