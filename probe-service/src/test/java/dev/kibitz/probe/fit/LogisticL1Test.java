package dev.kibitz.probe.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.synthetic.PlantedConcept;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LogisticL1Test extends ProbeFitterContract {
  private static final PlantedConcept.Sample SAMPLE = PlantedConcept.sparse(16, 4, 1.0, 0.3, 1).binary(1500, 2);

  @Override
  ProbeFitter fitter() {
    return new LogisticL1();
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
    return l1(m);
  }

  /**
   * 5 of 64 independent features carry the concept (noise 0.3, threshold 0, 4000 rows): at lambda 0.02
   * the nonzero weights are exactly those five, and each has the planted sign.
   */
  @Test
  void recoversTheSupportOfASparsePlantedDirectionExactly() {
    PlantedConcept concept = PlantedConcept.sparse(64, 5, 0.3, 0, 31);
    PlantedConcept.Sample s = concept.binary(4000, 32);
    Activations x = s.activations();
    int[] all = new int[x.rows()];
    Arrays.setAll(all, i -> i);
    LinearModel m = fitter().fit(DesignMatrix.of(x, all, Standardization.fit(x, all)), s.labels().targets(), 0.02,
        null);
    double[] w = concept.direction();
    Set<Integer> planted = new TreeSet<>();
    Set<Integer> found = new TreeSet<>();
    for (int j = 0; j < w.length; j++) {
      if (w[j] != 0) {
        planted.add(j);
      }
      if (m.weight(j) != 0) {
        found.add(j);
        assertEquals(Math.signum(w[j]), Math.signum(m.weight(j)), "sign of feature " + j);
      }
    }
    assertEquals(5, planted.size());
    assertEquals(planted, found);
  }
}
