package dev.kibitz.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.data.ConceptLabels;
import dev.kibitz.probe.data.Split;
import dev.kibitz.probe.fit.Penalty;
import dev.kibitz.probe.metrics.Metric;
import dev.kibitz.probe.synthetic.PlantedConcept;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline against ground truth: d = 64 anisotropic, rotated Gaussian activations with a
 * planted unit direction (see {@link PlantedConcept}).
 */
class ProbeTrainerTest {
  /** Balanced concept: noise 0.5, threshold 0, 10 000 rows (6 000 train, 2 000 test); Bayes accuracy 0.903. */
  private static final PlantedConcept BINARY = PlantedConcept.dense(64, 0.5, 0, 11);
  private static final PlantedConcept.Sample BINARY_SAMPLE = BINARY.binary(10_000, 12);
  private static final ProbeConfig CONFIG = ProbeConfig.defaults();

  private static TrainedProbe binaryProbe(ProbeConfig config) {
    return new ProbeTrainer(config).train(task("planted", BINARY_SAMPLE));
  }

  private static ProbeTask task(String concept, PlantedConcept.Sample s) {
    return new ProbeTask(concept, "block.3", "1500", s.activations(), s.labels());
  }

  @Test
  void binaryProbeRecoversThePlantedDirectionAndScoresNearBayes() {
    TrainedProbe p = binaryProbe(CONFIG);
    ProbeResult r = p.result();
    assertTrue(p.probe().cosine(BINARY.direction()) >= 0.95, "cosine " + p.probe().cosine(BINARY.direction()));
    // 2 000 test rows: binomial standard error 0.0066, so 0.02 is three of them.
    assertEquals(BINARY.bayesAccuracy(), r.test().get(Metric.ACCURACY), 0.02);
    assertEquals(Metric.BALANCED_ACCURACY, r.metric());
    // Balancing drops majority rows from the 6 000 training rows; near 50/50, only a few.
    assertTrue(r.trainRows() > 5700 && r.trainRows() < 6000, "train rows " + r.trainRows());
    assertEquals(2000, r.validationRows());
    assertEquals(2000, r.testRows());
  }

  /** Chance is 0.5; 2 000 test rows give a standard error of 0.011, the bounds are 4.5 of them. */
  @Test
  void controlTaskScoresChanceSoSelectivityIsHigh() {
    ProbeResult r = binaryProbe(CONFIG).result();
    double control = r.control().get(Metric.BALANCED_ACCURACY);
    assertTrue(control > 0.45 && control < 0.55, "control balanced accuracy " + control);
    double auc = r.control().get(Metric.ROC_AUC);
    assertTrue(auc > 0.45 && auc < 0.55, "control AUC " + auc);
    assertTrue(r.selectivity() > 0.35, "selectivity " + r.selectivity());
    assertEquals(0.5, r.baseline().get(Metric.BALANCED_ACCURACY));
  }

  @Test
  void chosenPenaltyComesFromTheGrid() {
    ProbeResult r = binaryProbe(CONFIG).result();
    assertTrue(CONFIG.lambdas().contains(r.lambda()), r.lambda() + " not in " + CONFIG.lambdas());
  }

  @Test
  void trainingIsExactlyReproducibleForASeed() {
    TrainedProbe a = binaryProbe(CONFIG);
    TrainedProbe b = binaryProbe(CONFIG);
    assertEquals(a.result(), b.result());
    assertEquals(a.probe(), b.probe());
    assertNotEquals(a.probe(), binaryProbe(CONFIG.withSeed(99)).probe());
  }

  /**
   * Real concept y = w.x + 0.5 e (Bayes R2 0.942), 5 000 rows: ridge finds w itself (unit length in
   * raw units) and its test R2 is within 0.015 of Bayes.
   */
  @Test
  void ridgeProbeRecoversARealValuedConcept() {
    PlantedConcept c = PlantedConcept.dense(64, 0.5, 0, 21);
    TrainedProbe p = new ProbeTrainer(CONFIG).train(task("real", c.real(5000, 22)));
    assertTrue(p.probe().cosine(c.direction()) >= 0.98, "cosine " + p.probe().cosine(c.direction()));
    assertEquals(1, p.probe().norm(), 0.03);
    assertEquals(c.bayesR2(), p.result().score(), 0.015);
    assertTrue(Math.abs(p.result().control().get(Metric.R2)) < 0.02, "control R2 " + p.result().control());
    assertTrue(p.result().selectivity() > 0.9);
  }

  /**
   * A rare concept (10% positive, noise 2 against a signal sd of 2.24) at 5 000 rows. Trained on
   * the natural split the probe mostly answers "no" (balanced accuracy 0.60); downsampling the
   * majority makes it find the positives (0.82).
   */
  @Test
  void balancedSamplingStopsARareConceptsProbeFromAnsweringTheMajority() {
    PlantedConcept shape = PlantedConcept.dense(64, 2, 0, 41);
    double sd = Math.sqrt(shape.signalStd() * shape.signalStd() + 4);
    PlantedConcept rare = PlantedConcept.dense(64, 2, 1.2816 * sd, 41);
    assertEquals(0.10, rare.positiveRate(), 1e-4);
    PlantedConcept.Sample s = rare.binary(5000, 42);
    ProbeResult natural = new ProbeTrainer(CONFIG.withBalanced(false)).train(task("rare", s)).result();
    ProbeResult balanced = new ProbeTrainer(CONFIG).train(task("rare", s)).result();
    assertTrue(natural.test().get(Metric.BALANCED_ACCURACY) < 0.7, "natural " + natural.test());
    assertTrue(balanced.test().get(Metric.BALANCED_ACCURACY) > 0.75, "balanced " + balanced.test());
    assertEquals(3000, natural.trainRows());
    boolean[] y = ((ConceptLabels.Binary) s.labels()).values();
    long positives = Arrays.stream(Split.seeded(5000, 0.6, 0.2, CONFIG.seed()).train()).filter(i -> y[i]).count();
    assertEquals(2 * positives, balanced.trainRows());
  }

  @Test
  void l1ProbesRunThroughTheSamePipeline() {
    PlantedConcept c = PlantedConcept.sparse(64, 5, 0.3, 0, 31);
    ProbeConfig l1 = CONFIG.withPenalty(Penalty.L1, ProbeConfig.logGrid(1e-3, 1e-1, 5));
    TrainedProbe p = new ProbeTrainer(l1).train(task("sparse", c.binary(4000, 32)));
    assertEquals(Penalty.L1, p.result().penalty());
    assertTrue(l1.lambdas().contains(p.result().lambda()));
    assertTrue(p.probe().cosine(c.direction()) >= 0.95, "cosine " + p.probe().cosine(c.direction()));
  }

  @Test
  void refusesAConceptWithOneClassAndL1ForRealConcepts() {
    Activations x = BINARY_SAMPLE.activations();
    ProbeTask constant = new ProbeTask("never", "h", "", x, new ConceptLabels.Binary(new boolean[x.rows()]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ProbeTrainer(CONFIG).train(constant));
    assertTrue(e.getMessage().contains("never @ h"), e.getMessage());
    ProbeTask real = task("real", PlantedConcept.dense(64, 0.5, 0, 1).real(100, 2));
    ProbeConfig l1 = CONFIG.withPenalty(Penalty.L1, CONFIG.lambdas());
    assertThrows(IllegalArgumentException.class, () -> new ProbeTrainer(l1).train(real));
  }

  /**
   * A hook's real concepts trained together share one ridge path, and each result is exactly what
   * training it alone gives: with more rows than features (5 000 x 64) and with fewer (50 x 64, the
   * kernel form).
   */
  @Test
  void realConceptsTrainedTogetherEqualEachTrainedAlone() {
    for (int rows : new int[] {5000, 50}) {
      PlantedConcept c = PlantedConcept.dense(64, 0.5, 0, 51);
      PlantedConcept.Sample s = c.real(rows, 52);
      double[] y = s.labels().targets();
      double[] affine = new double[rows];
      double[] other = PlantedConcept.dense(64, 1.0, 0, 53).real(rows, 54).labels().targets();
      for (int i = 0; i < rows; i++) {
        affine[i] = 3 * y[i] - 1;
      }
      java.util.List<ProbeTask> tasks = java.util.List.of(task("y", s),
          new ProbeTask("affine", "block.3", "1500", s.activations(), new ConceptLabels.Real(affine)),
          new ProbeTask("other", "block.3", "1500", s.activations(), new ConceptLabels.Real(other)));
      ProbeTrainer trainer = new ProbeTrainer(CONFIG);
      java.util.List<TrainedProbe> together = trainer.trainTogether(tasks);
      assertEquals(3, together.size());
      for (int t = 0; t < 3; t++) {
        TrainedProbe alone = trainer.train(tasks.get(t));
        assertEquals(alone.result(), together.get(t).result(), rows + " rows, " + tasks.get(t).concept());
        assertEquals(alone.probe(), together.get(t).probe(), rows + " rows, " + tasks.get(t).concept());
      }
    }
  }

  @Test
  void trainingTogetherRefusesBinaryConceptsAndOtherActivations() {
    ProbeTask real = task("real", PlantedConcept.dense(64, 0.5, 0, 1).real(100, 2));
    ProbeTask elsewhere = task("elsewhere", PlantedConcept.dense(64, 0.5, 0, 1).real(100, 3));
    ProbeTrainer trainer = new ProbeTrainer(CONFIG);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer.trainTogether(java.util.List.of(real, elsewhere)));
    assertTrue(e.getMessage().startsWith("elsewhere @ block.3 [1500]: training together needs"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> trainer.trainTogether(java.util.List.of(real, task("binary", BINARY_SAMPLE))));
    assertEquals(java.util.List.of(), trainer.trainTogether(java.util.List.of()));
  }
}
