package dev.kibitz.sae.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kibitz.sae.SeededRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Every hand-written gradient against central finite differences, in float64 (the engine computes
 * in double here, so FD error is ~1e-9 and the tolerance 1e-6 is tight). Stop-gradient paths read
 * an unperturbed frozen copy, exactly as the trainer's gradients treat them. JumpReLU thresholds
 * have no true gradient (the loss is piecewise constant in theta): they are checked against the
 * surrogate whose exact derivative the straight-through estimator defines.
 */
class GradientCheckTest {
  private static final int D = 5;
  private static final int M = 9;
  private static final int B = 7;
  private static final double H = 1e-6;
  private static final double TOL = 1e-6;

  @Test
  void reluL1GradientsMatchFiniteDifferences() {
    assertGradientsMatch(new ReluL1Sae(0.3), 1);
  }

  @Test
  void gatedGradientsMatchFiniteDifferencesWithDetachedAuxiliaryDecoder() {
    assertGradientsMatch(new GatedSae(0.3), 2);
  }

  @Test
  void topKGradientsMatchFiniteDifferencesIncludingAuxK() {
    assertGradientsMatch(new TopKSae(3, 2, 0.5), 3);
  }

  @Test
  void jumpReluGradientsMatchFiniteDifferences() {
    assertGradientsMatch(new JumpReluSae(0.2, 0.4, 0.3), 4);
  }

  @Test
  void jumpReluThresholdGradientIsTheStraightThroughSurrogateDerivative() {
    JumpReluSae arch = new JumpReluSae(0.2, 0.8, 0.3);
    try (NDManager m = NDManager.newBaseManager()) {
      SaeParameters p = randomParameters(m, arch, 5);
      NDArray x = gaussian(m, new SeededRandom(55), new Shape(B, D), 1.0);
      Pass pass = arch.pass(p, p, x, m.zeros(new Shape(M), DataType.FLOAT64));
      NDArray z = arch.preActivation(p, x);
      NDArray theta0 = p.get("log_threshold").exp();
      NDArray f0 = z.mul(z.gt(theta0).toType(DataType.FLOAT64, false));
      NDArray r0 = ramp(z.sub(theta0), arch.bandwidth());
      double[] analytic = pass.gradients().get("log_threshold").toDoubleArray();
      int inWindow = (int) z.sub(theta0).abs().lt(arch.bandwidth() / 2).sum().toType(DataType.FLOAT64, false)
          .getDouble();
      assertTrue(inWindow >= 10, "the test needs pre-activations inside the kernel window, got " + inWindow);
      double maxErr = maxFiniteDifferenceError(p.get("log_threshold"), analytic, () -> {
        NDArray theta = p.get("log_threshold").exp();
        NDArray r = ramp(z.sub(theta), arch.bandwidth());
        // f moves only through the smoothed jump theta0 * H_eps(z - theta); z is fixed
        NDArray f = f0.add(r.sub(r0).mul(theta0));
        NDArray diff = f.matMul(p.get("W_dec")).add(p.get("b_dec")).sub(x);
        return diff.square().sum().getDouble() / B + arch.l0Coefficient() * r.sum().getDouble() / B;
      });
      assertTrue(maxErr < TOL, "threshold gradient max error " + maxErr);
    }
  }

  private static NDArray ramp(NDArray shifted, double eps) {
    return shifted.div(eps).add(0.5).clip(0, 1);
  }

  private static void assertGradientsMatch(SaeArchitecture arch, long seed) {
    try (NDManager m = NDManager.newBaseManager()) {
      SaeParameters p = randomParameters(m, arch, seed);
      SaeParameters frozen = p.copy(m);
      NDArray x = gaussian(m, new SeededRandom(seed + 100), new Shape(B, D), 1.0);
      NDArray dead = m.create(new double[] {1, 0, 0, 1, 0, 1, 0, 0, 1});
      Pass pass = arch.pass(p, frozen, x, dead);
      assertEquals(p.arrays().keySet(), pass.gradients().keySet());
      ToDoubleFunction<Void> loss = v -> arch.pass(p, frozen, x, dead).loss();
      for (Map.Entry<String, NDArray> e : p.arrays().entrySet()) {
        if (arch instanceof JumpReluSae && e.getKey().equals("log_threshold")) {
          continue; // straight-through: see the surrogate test
        }
        NDArray grad = pass.gradients().get(e.getKey());
        assertEquals(e.getValue().getShape(), grad.getShape(), e.getKey());
        double[] analytic = grad.toDoubleArray();
        double norm = 0;
        for (double a : analytic) {
          norm = Math.max(norm, Math.abs(a));
        }
        assertTrue(norm > 1e-3, arch.kind() + " " + e.getKey() + " gradient is (near) zero: " + norm);
        double maxErr = maxFiniteDifferenceError(e.getValue(), analytic, () -> loss.applyAsDouble(null));
        assertTrue(maxErr < TOL, arch.kind() + " " + e.getKey() + " max |fd - analytic| = " + maxErr);
      }
    }
  }

  private static double maxFiniteDifferenceError(NDArray param, double[] analytic,
      java.util.function.DoubleSupplier loss) {
    double[] values = param.toDoubleArray();
    double maxErr = 0;
    for (int i = 0; i < values.length; i++) {
      double keep = values[i];
      values[i] = keep + H;
      param.set(values);
      double up = loss.getAsDouble();
      values[i] = keep - H;
      param.set(values);
      double down = loss.getAsDouble();
      values[i] = keep;
      param.set(values);
      maxErr = Math.max(maxErr, Math.abs((up - down) / (2 * H) - analytic[i]) / Math.max(1, Math.abs(analytic[i])));
    }
    return maxErr;
  }

  /** Random float64 parameters: non-unit decoder rows and mixed-sign biases exercise every term. */
  static SaeParameters randomParameters(NDManager m, SaeArchitecture arch, long seed) {
    SeededRandom r = new SeededRandom(seed);
    Map<String, NDArray> out = new LinkedHashMap<>();
    arch.shapes(D, M).forEach((name, shape) -> {
      double scale = name.startsWith("W_") ? 0.6 : 0.3;
      NDArray a = gaussian(m, r, new Shape(shape), scale);
      if (name.equals("log_threshold")) {
        a = a.add(Math.log(0.3));
      }
      out.put(name, a);
    });
    return new SaeParameters(out);
  }

  static NDArray gaussian(NDManager m, SeededRandom r, Shape shape, double scale) {
    double[] v = new double[(int) shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian() * scale;
    }
    return m.create(v, shape);
  }
}
