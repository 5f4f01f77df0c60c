package dev.kibitz.probe.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.core.stats.LogisticRegression;
import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.synthetic.PlantedConcept;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogisticL2Test extends ProbeFitterContract {
  private static final PlantedConcept.Sample SAMPLE = PlantedConcept.dense(16, 1.0, 0.3, 1).binary(1500, 2);

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

  @Override
  double penalty(LinearModel m) {
    return l2(m);
  }

  /** Same objective up to scale (core sums the loss, we average it): lambda_core = n lambda. */
  @Test
  void agreesWithCoreLogisticRegressionOnItsSmallProblems() {
    PlantedConcept.Sample s = PlantedConcept.dense(5, 0.8, -0.2, 3).binary(800, 4);
    Activations x = s.activations();
    double[][] rows = new double[x.rows()][x.dim()];
    int[] labels = new int[x.rows()];
    double[] y = s.labels().targets();
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.dim(); j++) {
        rows[i][j] = x.get(i, j);
      }
      labels[i] = (int) y[i];
    }
    double lambda = 1e-2;
    LogisticRegression core = LogisticRegression.fit(rows, labels, lambda * x.rows());
    int[] all = new int[x.rows()];
    Arrays.setAll(all, i -> i);
    LinearModel ours = fitter().fit(DesignMatrix.of(x, all, Standardization.fit(x, all)), y, lambda, null);
    assertEquals(core.intercept(), ours.intercept(), 1e-7);
    for (int j = 0; j < x.dim(); j++) {
      assertEquals(core.coefficients()[j], ours.weight(j), 1e-7, "coefficient " + j);
    }
  }
}
