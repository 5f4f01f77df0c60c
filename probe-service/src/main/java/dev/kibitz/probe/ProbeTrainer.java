package dev.kibitz.probe;

import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.data.BalancedSampling;
import dev.kibitz.probe.data.ConceptLabels;
import dev.kibitz.probe.data.Split;
import dev.kibitz.probe.fit.DesignMatrix;
import dev.kibitz.probe.fit.LinearModel;
import dev.kibitz.probe.fit.LogisticL1;
import dev.kibitz.probe.fit.LogisticL2;
import dev.kibitz.probe.fit.Penalty;
import dev.kibitz.probe.fit.ProbeFitter;
import dev.kibitz.probe.fit.Ridge;
import dev.kibitz.probe.fit.Standardization;
import dev.kibitz.probe.metrics.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Trains linear concept probes: per task, a seeded train/validation/test split, the majority class
 * downsampled in the training rows of binary concepts, the penalty chosen on the validation rows
 * from the config's grid, and the chosen probe scored on the test rows against a constant baseline
 * and a control task (the same pipeline on labels shuffled by a fixed seed). Deterministic for a config.
 */
public final class ProbeTrainer {
  /** Keeps the balanced sample independent of the split's shuffle while following the same seed. */
  private static final long BALANCE_SALT = 0x5DEECE66DL;

  private final ProbeConfig config;

  public ProbeTrainer(ProbeConfig config) {
    this.config = config;
  }

  public ProbeConfig config() {
    return config;
  }

  public List<TrainedProbe> trainAll(List<ProbeTask> tasks, ProgressBar progress) {
    List<TrainedProbe> out = new ArrayList<>();
    for (ProbeTask t : tasks) {
      out.add(train(t));
      if (progress != null) {
        progress.update(out.size(), t.name());
      }
    }
    return out;
  }

  public TrainedProbe train(ProbeTask task) {
    boolean binary = task.labels() instanceof ConceptLabels.Binary;
    Metric metric = binary ? config.binaryMetric() : Metric.R2;
    ProbeFitter fitter = fitterFor(binary, task);
    Split split = Split.seeded(task.activations().rows(), config.trainFraction(), config.validationFraction(),
        config.seed());
    Fitted probe = fit(task, task.labels(), split, fitter, metric);
    Fitted control = fit(task, task.labels().shuffled(config.controlSeed()), split, fitter, metric);
    return result(task, binary, metric, split, probe, control);
  }

  private TrainedProbe result(ProbeTask task, boolean binary, Metric metric, Split split, Fitted probe,
      Fitted control) {
    LinearProbe linear = probe.probe();
    ProbeResult result = new ProbeResult(task.concept(), task.hook(), task.conditioning(), binary, config.penalty(),
        metric, probe.lambda(), probe.validation(), probe.test(), Baselines.score(task.labels(), split),
        control.test(), probe.trainRows(), split.validation().length, split.test().length, linear.norm());
    return new TrainedProbe(result, linear, config);
  }

  private ProbeFitter fitterFor(boolean binary, ProbeTask task) {
    if (!binary) {
      if (config.penalty() != Penalty.L2) {
        throw new IllegalArgumentException(task.name() + ": real-valued concepts are fitted by ridge (L2); "
            + config.penalty() + " is only for binary concepts");
      }
      return new Ridge();
    }
    return config.penalty() == Penalty.L1 ? new LogisticL1() : new LogisticL2();
  }

  private record Fitted(LinearProbe probe, double lambda, double validation, Map<Metric, Double> test,
      int trainRows) {}

  private Fitted fit(ProbeTask task, ConceptLabels labels, Split split, ProbeFitter fitter, Metric metric) {
    Activations x = task.activations();
    int[] train = split.train();
    if (labels instanceof ConceptLabels.Binary b) {
      train = config.balanced() ? BalancedSampling.downsample(train, b.values(), config.seed() ^ BALANCE_SALT) : train;
      requireBothClasses(task, b.values(), train);
    }
    Design d = design(x, train, split);
    List<LinearModel> path = fitter.path(d.train(), gather(labels.targets(), train), d.grid());
    return choose(d, path, labels, split, metric);
  }

  /** The standardised rows a fit sees, and the penalty grid, strongest first. */
  private record Design(Activations x, Standardization std, DesignMatrix train, DesignMatrix validation, int trainRows,
      double[] grid) {}

  private Design design(Activations x, int[] train, Split split) {
    Standardization std = Standardization.fit(x, train);
    // Strongest penalty first: each fit starts from a simpler neighbour, and ties go to it.
    double[] grid = config.lambdas().stream().sorted(Comparator.reverseOrder()).mapToDouble(Double::doubleValue)
        .toArray();
    return new Design(x, std, DesignMatrix.of(x, train, std), DesignMatrix.of(x, split.validation(), std), train.length,
        grid);
  }

  /** The path's best point on the validation rows, scored on the test rows. */
  private static Fitted choose(Design d, List<LinearModel> path, ConceptLabels labels, Split split, Metric metric) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < d.grid().length; k++) {
      double v = Evaluation.score(metric, d.validation().times(path.get(k).theta()), labels, split.validation());
      if (v > bestScore) {
        best = k;
        bestScore = v;
      }
    }
    LinearModel chosen = path.get(best);
    DesignMatrix test = DesignMatrix.of(d.x(), split.test(), d.std());
    Map<Metric, Double> scores = Evaluation.all(test.times(chosen.theta()), labels, split.test());
    double[] original = d.std().toOriginal(chosen);
    LinearProbe probe = new LinearProbe(Arrays.copyOfRange(original, 1, original.length), original[0]);
    return new Fitted(probe, d.grid()[best], bestScore, scores, d.trainRows());
  }

  /**
   * Real-valued tasks on one set of activations (the same object), trained exactly as {@link #train}
   * trains each, but with one ridge path for all their targets, probes and controls alike: the rows,
   * split and standardisation are the same for all of them, so the Gram matrix and its factorisations
   * are shared. A hook's real concepts then cost about what one costs alone.
   */
  public List<TrainedProbe> trainTogether(List<ProbeTask> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    Activations x = tasks.get(0).activations();
    for (ProbeTask t : tasks) {
      if (!(t.labels() instanceof ConceptLabels.Real) || t.activations() != x) {
        throw new IllegalArgumentException(t.name() + ": training together needs real-valued concepts on the same "
            + "activations");
      }
    }
    Ridge ridge = (Ridge) fitterFor(false, tasks.get(0));
    Split split = Split.seeded(x.rows(), config.trainFraction(), config.validationFraction(), config.seed());
    Design d = design(x, split.train(), split);
    List<double[]> targets = new ArrayList<>();
    List<ConceptLabels> controls = new ArrayList<>();
    for (ProbeTask t : tasks) {
      controls.add(t.labels().shuffled(config.controlSeed()));
      targets.add(gather(t.labels().targets(), split.train()));
      targets.add(gather(controls.get(controls.size() - 1).targets(), split.train()));
    }
    List<List<LinearModel>> paths = ridge.paths(d.train(), targets, d.grid());
    List<TrainedProbe> out = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      ProbeTask t = tasks.get(i);
      Fitted probe = choose(d, paths.get(2 * i), t.labels(), split, Metric.R2);
      Fitted control = choose(d, paths.get(2 * i + 1), controls.get(i), split, Metric.R2);
      out.add(result(t, false, Metric.R2, split, probe, control));
    }
    return out;
  }

  private static void requireBothClasses(ProbeTask task, boolean[] labels, int[] rows) {
    int pos = 0;
    for (int r : rows) {
      pos += labels[r] ? 1 : 0;
    }
    if (pos == 0 || pos == rows.length) {
      throw new IllegalArgumentException(task.name() + ": the training rows hold only " + (pos == 0 ? "negative"
          : "positive") + " labels (" + rows.length + " rows); a probe needs both classes");
    }
  }

  static double[] gather(double[] values, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }
}
