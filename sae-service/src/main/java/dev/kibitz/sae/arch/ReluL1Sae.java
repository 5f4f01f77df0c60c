package dev.kibitz.sae.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard SAE: f = ReLU((x - b_dec) W_enc + b_enc), loss = ||x - x-hat||^2 + l1 * sum_i f_i ||W_dec,i||.
 * Weighting the L1 by decoder norms keeps the penalty meaningful if decoder rows are not unit norm
 * (a loaded SAE, or a gradient check); in training rows are renormalised after every step.
 */
public record ReluL1Sae(double l1Coefficient) implements SaeArchitecture {
  public ReluL1Sae {
    if (!(l1Coefficient >= 0)) {
      throw new IllegalArgumentException("l1 coefficient must be >= 0, got " + l1Coefficient);
    }
  }

  @Override
  public Kind kind() {
    return Kind.RELU_L1;
  }

  @Override
  public Map<String, long[]> shapes(int dIn, int width) {
    return SaeArchitecture.standardShapes(dIn, width);
  }

  @Override
  public double sparsity() {
    return l1Coefficient;
  }

  @Override
  public SaeArchitecture withSparsity(double value) {
    return new ReluL1Sae(value);
  }

  @Override
  public NDArray encode(SaeParameters p, NDArray x) {
    return Activation.relu(preActivation(p, x));
  }

  private static NDArray preActivation(SaeParameters p, NDArray x) {
    return x.sub(p.get("b_dec")).matMul(p.get("W_enc")).add(p.get("b_enc"));
  }

  @Override
  public Pass pass(SaeParameters p, SaeParameters frozen, NDArray x, NDArray dead) {
    NDArray wEnc = p.get("W_enc");
    NDArray wDec = p.get("W_dec");
    NDArray bDec = p.get("b_dec");
    long b = x.getShape().get(0);
    NDArray xc = x.sub(bDec);
    NDArray pre = xc.matMul(wEnc).add(p.get("b_enc"));
    NDArray f = Activation.relu(pre);
    NDArray norms = Decoder.rowNorms(wDec);
    NDArray xHat = Decoder.decode(f, wDec, bDec);
    NDArray diff = xHat.sub(x);
    double rec = Decoder.meanSquaredNorm(diff);
    double penalty = Decoder.scalar(f.matMul(norms.expandDims(1)).sum()) / b;
    NDArray g = Decoder.errorGradient(diff, 1);
    double lb = l1Coefficient / b;
    NDArray dPre = g.matMul(wDec.transpose()).add(norms.mul(lb)).mul(Decoder.mask(pre.gt(0), pre));
    Map<String, NDArray> grads = new LinkedHashMap<>();
    grads.put("W_enc", xc.transpose().matMul(dPre));
    grads.put("b_enc", dPre.sum(new int[] {0}));
    grads.put("W_dec", f.transpose().matMul(g).add(Decoder.normPenaltyGradient(f, wDec, norms, lb)));
    grads.put("b_dec", g.sum(new int[] {0}).add(Decoder.inputCentringGradient(dPre, wEnc)));
    return new Pass(rec + l1Coefficient * penalty, rec, f, xHat, grads);
  }

  @Override
  public boolean removesParallelDecoderGradient() {
    return true;
  }

  @Override
  public List<String> featureBiases() {
    return List.of("b_enc");
  }

  @Override
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("architecture", kind().id());
    o.addProperty("l1_coefficient", l1Coefficient);
    return o;
  }
}
