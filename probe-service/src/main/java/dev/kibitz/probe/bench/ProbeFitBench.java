package dev.kibitz.probe.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.data.ConceptLabels;
import dev.kibitz.probe.fit.DesignMatrix;
import dev.kibitz.probe.fit.LinearModel;
import dev.kibitz.probe.fit.LogisticL2;
import dev.kibitz.probe.fit.Standardization;
import dev.kibitz.probe.synthetic.PlantedConcept;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times our L2 logistic probe fit (standardise, then Newton) on a 20 000 x 256 binary concept
 * against scikit-learn's lbfgs pipeline (StandardScaler + LogisticRegression) on the same float32
 * data and the same objective (C = 1 / (n lambda)), interleaved round by round, three rounds; prints
 * both medians, the ratio ours / sklearn (goal at most 2), both train accuracies and the cosine
 * between the two directions, then one JSON line. Exits 2 if no python3 with scikit-learn is found
 * ({@code KIBITZ_PYTHON} names one).
 */
public final class ProbeFitBench {
  static final int ROWS = 20_000;
  static final int DIM = 256;
  static final double LAMBDA = 1e-4;
  static final int ROUNDS = 3;

  private ProbeFitBench() {}

  public static void main(String[] args) throws Exception {
    String python = findPython();
    if (python == null) {
      System.err.println("ProbeFitBench needs python3 with scikit-learn to compare against. Install it with\n"
          + "  apt-get install python3-sklearn      (Debian; then it is /usr/bin/python3)\n"
          + "or point KIBITZ_PYTHON at an interpreter that has it.");
      System.exit(2);
    }
    PlantedConcept concept = PlantedConcept.dense(DIM, 0.5, 0.2, 7);
    PlantedConcept.Sample sample = concept.binary(ROWS, 8);
    Activations x = sample.activations();
    double[] y = sample.labels().targets();
    Path dir = Files.createTempDirectory("probe-fit-bench");
    Path xs = dir.resolve("x.npy");
    Path ys = dir.resolve("y.npy");
    Path script = dir.resolve("sklearn_fit.py");
    Npy.writeFloats(xs, x.values(), ROWS, DIM);
    Npy.writeBytes(ys, labelsAsBytes(((ConceptLabels.Binary) sample.labels()).values()));
    try (InputStream in = ProbeFitBench.class.getResourceAsStream("sklearn_fit.py")) {
      Files.write(script, in.readAllBytes());
    }
    String c = Double.toString(1 / (ROWS * LAMBDA));

    Fit warm = ours(x, y); // JIT warm-up, as the script warms up sklearn before its timed fit
    long[] oursNanos = new long[ROUNDS];
    double[] theirsSeconds = new double[ROUNDS];
    JsonObject theirs = null;
    ProgressBar bar = new ProgressBar("probe fit vs sklearn", ROUNDS);
    for (int r = 0; r < ROUNDS; r++) {
      long t0 = System.nanoTime();
      warm = ours(x, y);
      oursNanos[r] = System.nanoTime() - t0;
      theirs = runSklearn(python, script, xs, ys, c);
      theirsSeconds[r] = theirs.get("seconds").getAsDouble();
      bar.update(r + 1);
    }
    double oursMs = median(Arrays.stream(oursNanos).mapToDouble(n -> n / 1e6).toArray());
    double theirsMs = median(Arrays.stream(theirsSeconds).map(s -> s * 1e3).toArray());
    double oursAcc = trainAccuracy(warm, x, ((ConceptLabels.Binary) sample.labels()).values());
    double theirsAcc = theirs.get("train_accuracy").getAsDouble();
    double cosine = cosine(warm.direction(), toArray(theirs.getAsJsonArray("direction")));
    System.out.printf(Locale.ROOT, "data: %d x %d float32, planted concept (noise 0.5, threshold 0.2), lambda %.0e "
        + "(sklearn C = %s), python %s%n", ROWS, DIM, LAMBDA, c, python);
    System.out.printf(Locale.ROOT, "ours  (Newton, %2d steps): median %8.1f ms  train accuracy %.4f%n",
        warm.model().iterations(), oursMs, oursAcc);
    System.out.printf(Locale.ROOT, "sklearn (lbfgs, %3d its): median %8.1f ms  train accuracy %.4f%n",
        theirs.get("n_iter").getAsInt(), theirsMs, theirsAcc);
    System.out.printf(Locale.ROOT, "ratio ours/sklearn %.3f (goal <= 2), direction cosine %.6f%n",
        oursMs / theirsMs, cosine);
    System.out.printf(Locale.ROOT, "{\"bench\":\"probe-fit\",\"rows\":%d,\"dim\":%d,\"ours_ms\":%.1f,"
        + "\"sklearn_ms\":%.1f,\"ratio\":%.3f,\"ours_train_accuracy\":%.4f,\"sklearn_train_accuracy\":%.4f,"
        + "\"cosine\":%.6f}%n", ROWS, DIM, oursMs, theirsMs, oursMs / theirsMs, oursAcc, theirsAcc, cosine);
    for (Path p : List.of(xs, ys, script, dir)) {
      Files.deleteIfExists(p);
    }
  }

  record Fit(LinearModel model, Standardization standardization, double[] direction, double bias) {}

  /** The timed unit: everything a probe fit does from raw float activations to a direction. */
  static Fit ours(Activations x, double[] y) {
    int[] all = new int[x.rows()];
    Arrays.setAll(all, i -> i);
    Standardization std = Standardization.fit(x, all);
    LinearModel m = new LogisticL2().fit(DesignMatrix.of(x, all, std), y, LAMBDA, null);
    double[] original = std.toOriginal(m);
    return new Fit(m, std, Arrays.copyOfRange(original, 1, original.length), original[0]);
  }

  private static double trainAccuracy(Fit f, Activations x, boolean[] labels) {
    int right = 0;
    for (int i = 0; i < x.rows(); i++) {
      double s = f.bias();
      for (int j = 0; j < x.dim(); j++) {
        s += f.direction()[j] * x.get(i, j);
      }
      right += (s > 0) == labels[i] ? 1 : 0;
    }
    return (double) right / x.rows();
  }

  private static JsonObject runSklearn(String python, Path script, Path xs, Path ys, String c)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(python, script.toString(), xs.toString(), ys.toString(), c)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("sklearn fit failed (exit " + p.exitValue() + "): " + out);
    }
    return JsonParser.parseString(out.substring(out.lastIndexOf('\n') + 1)).getAsJsonObject();
  }

  /** KIBITZ_PYTHON if set, else the first of python3 on PATH and Debian's /usr/bin/python3 that imports sklearn. */
  private static String findPython() throws InterruptedException {
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("KIBITZ_PYTHON");
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    for (String py : candidates) {
      try {
        Process p = new ProcessBuilder(py, "-c", "import sklearn").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() == 0) {
          return py;
        }
      } catch (IOException e) {
        // not installed under that name; try the next
      }
    }
    return null;
  }

  private static byte[] labelsAsBytes(boolean[] labels) {
    byte[] b = new byte[labels.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (labels[i] ? 1 : 0);
    }
    return b;
  }

  private static double[] toArray(JsonArray a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsDouble();
    }
    return out;
  }

  private static double cosine(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
