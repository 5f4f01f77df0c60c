package dev.kibitz.probe.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.data.ConceptLabels;
import org.junit.jupiter.api.Test;

/** The generator's closed-form reference values agree with its own samples. */
class PlantedConceptTest {
  private static final int ROWS = 40_000;

  @Test
  void bayesRuleAccuracyMatchesTheSampledLabels() {
    PlantedConcept c = PlantedConcept.dense(32, 0.8, 0.4, 5);
    PlantedConcept.Sample s = c.binary(ROWS, 6);
    boolean[] y = ((ConceptLabels.Binary) s.labels()).values();
    double[] u = projections(c, s.activations());
    int right = 0;
    int positives = 0;
    for (int i = 0; i < ROWS; i++) {
      right += (u[i] > 0.4) == y[i] ? 1 : 0;
      positives += y[i] ? 1 : 0;
    }
    // Binomial standard error at 40 000 rows is about 0.002: 0.008 is four of them.
    assertEquals(c.bayesAccuracy(), (double) right / ROWS, 0.008);
    assertEquals(c.positiveRate(), (double) positives / ROWS, 0.01);
  }

  @Test
  void signalStandardDeviationAndBayesR2MatchTheSamples() {
    PlantedConcept c = PlantedConcept.dense(32, 0.5, 0, 7);
    PlantedConcept.Sample s = c.real(ROWS, 8);
    double[] u = projections(c, s.activations());
    double[] y = s.labels().targets();
    double su = 0;
    double res = 0;
    double tot = 0;
    double ym = 0;
    for (int i = 0; i < ROWS; i++) {
      su += u[i] * u[i];
      ym += y[i] / ROWS;
    }
    for (int i = 0; i < ROWS; i++) {
      res += (y[i] - u[i]) * (y[i] - u[i]);
      tot += (y[i] - ym) * (y[i] - ym);
    }
    assertEquals(c.signalStd(), Math.sqrt(su / ROWS), 0.02 * c.signalStd());
    assertEquals(c.bayesR2(), 1 - res / tot, 0.005);
  }

  @Test
  void littleNoiseMeansANearlyPerfectRuleAndAZeroThresholdSplitsEvenly() {
    PlantedConcept c = PlantedConcept.dense(8, 1e-3, 0, 9);
    // Errors only where |u| < ~noise: about 2 noise / (sqrt(2 pi) sd) of the rows.
    assertEquals(1, c.bayesAccuracy(), 1e-3);
    assertEquals(0.5, c.positiveRate(), 1e-7);
  }

  @Test
  void sparseDirectionsAreUnitWithTheAskedSupport() {
    double[] w = PlantedConcept.sparse(64, 5, 0.3, 0, 31).direction();
    double n = 0;
    int support = 0;
    for (double v : w) {
      n += v * v;
      support += v != 0 ? 1 : 0;
    }
    assertEquals(1, n, 1e-12);
    assertEquals(5, support);
  }

  private static double[] projections(PlantedConcept c, Activations x) {
    double[] w = c.direction();
    double[] u = new double[x.rows()];
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.dim(); j++) {
        u[i] += w[j] * x.get(i, j);
      }
    }
    return u;
  }
}
