package dev.kibitz.sae.arch;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JumpReLU SAE (Rajamanoharan et al. 2024): f_i = z_i * H(z_i - theta_i) with z = (x - b_dec) W_enc
 * + b_enc and a learned per-feature threshold theta = exp(log_threshold) (positive by construction),
 * loss = ||x - x-hat||^2 + l0 * sum_i H(z_i - theta_i). H has no useful derivative in theta, so the
 * thresholds learn through straight-through pseudo-derivatives with a rectangle kernel
 * K(u) = 1[|u| < 1/2] of bandwidth eps: d f_i / d theta_i := -(theta_i / eps) K((z_i - theta_i) / eps)
 * and d H / d theta_i := -(1 / eps) K((z_i - theta_i) / eps). z gets the ordinary derivative H(z - theta).
 */
public record JumpReluSae(double l0Coefficient, double bandwidth, double initialThreshold) implements SaeArchitecture {
  public JumpReluSae {
    if (!(l0Coefficient >= 0) || !(bandwidth > 0) || !(initialThreshold > 0)) {
      throw new IllegalArgumentException("JumpReLU needs l0 >= 0, bandwidth > 0 and initial threshold > 0, got "
          + l0Coefficient + ", " + bandwidth + ", " + initialThreshold);
    }
  }

  @Override
  public Kind kind() {
    return Kind.JUMP_RELU;
  }

  @Override
  public Map<String, long[]> shapes(int dIn, int width) {
    Map<String, long[]> s = SaeArchitecture.standardShapes(dIn, width);
    s.put("log_threshold", new long[] {width});
    return s;
  }

  @Override
  public double sparsity() {
    return l0Coefficient;
  }

  @Override
  public SaeArchitecture withSparsity(double value) {
    return new JumpReluSae(value, bandwidth, initialThreshold);
  }

  /** Pre-activations z = (x - b_dec) W_enc + b_enc, [B, d_sae]. */
  public NDArray preActivation(SaeParameters p, NDArray x) {
    return x.sub(p.get("b_dec")).matMul(p.get("W_enc")).add(p.get("b_enc"));
  }

  @Override
  public NDArray encode(SaeParameters p, NDArray x) {
    NDArray z = preActivation(p, x);
    return z.mul(Decoder.mask(z.gt(p.get("log_threshold").exp()), z));
  }

  @Override
  public Pass pass(SaeParameters p, SaeParameters frozen, NDArray x, NDArray dead) {
    NDArray wEnc = p.get("W_enc");
    NDArray wDec = p.get("W_dec");
    NDArray bDec = p.get("b_dec");
    long b = x.getShape().get(0);
    NDArray xc = x.sub(bDec);
    NDArray z = xc.matMul(wEnc).add(p.get("b_enc"));
    NDArray theta = p.get("log_threshold").exp();
    NDArray shifted = z.sub(theta);
    NDArray on = Decoder.mask(shifted.gt(0), z);
    NDArray f = z.mul(on);
    NDArray xHat = Decoder.decode(f, wDec, bDec);
    NDArray diff = xHat.sub(x);
    double rec = Decoder.meanSquaredNorm(diff);
    double l0 = Decoder.scalar(on.sum()) / b;
    NDArray g = Decoder.errorGradient(diff, 1);
    NDArray df = g.matMul(wDec.transpose());
    NDArray dPre = df.mul(on);
    NDArray kernel = Decoder.mask(shifted.abs().lt(bandwidth / 2), z);
    NDArray dTheta = kernel.mul(df.mul(theta).add(l0Coefficient / b)).sum(new int[] {0}).div(-bandwidth);
    Map<String, NDArray> grads = new LinkedHashMap<>();
    grads.put("W_enc", xc.transpose().matMul(dPre));
    grads.put("b_enc", dPre.sum(new int[] {0}));
    grads.put("W_dec", f.transpose().matMul(g));
    grads.put("b_dec", g.sum(new int[] {0}).add(Decoder.inputCentringGradient(dPre, wEnc)));
    grads.put("log_threshold", dTheta.mul(theta));
    return new Pass(rec + l0Coefficient * l0, rec, f, xHat, grads);
  }

  @Override
  public boolean removesParallelDecoderGradient() {
    return false;
  }

  @Override
  public List<String> featureBiases() {
    return List.of("b_enc");
  }

  @Override
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("architecture", kind().id());
    o.addProperty("l0_coefficient", l0Coefficient);
    o.addProperty("bandwidth", bandwidth);
    o.addProperty("initial_threshold", initialThreshold);
    return o;
  }
}
