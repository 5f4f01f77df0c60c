package dev.kibitz.sae.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TopK SAE (Gao et al. 2024): keep the k largest pre-activations per row, then ReLU; sparsity is
 * set by k, so the loss is reconstruction only. AuxK revives dead features: the aux_k largest
 * pre-activations among dead features reconstruct the (detached) residual x - x-hat, scaled by
 * aux_k_coefficient. aux_k = 0 or coefficient 0 turns it off.
 */
public record TopKSae(int k, int auxK, double auxKCoefficient) implements SaeArchitecture {
  public TopKSae {
    if (k < 1 || auxK < 0 || !(auxKCoefficient >= 0)) {
      throw new IllegalArgumentException("TopK needs k >= 1, aux_k >= 0 and aux coefficient >= 0, got k=" + k
          + " aux_k=" + auxK + " coefficient=" + auxKCoefficient);
    }
  }

  @Override
  public Kind kind() {
    return Kind.TOPK;
  }

  @Override
  public Map<String, long[]> shapes(int dIn, int width) {
    if (k > width) {
      throw new IllegalArgumentException("TopK k=" + k + " exceeds the width " + width);
    }
    return SaeArchitecture.standardShapes(dIn, width);
  }

  @Override
  public double sparsity() {
    return k;
  }

  @Override
  public SaeArchitecture withSparsity(double value) {
    return new TopKSae((int) Math.round(value), auxK, auxKCoefficient);
  }

  @Override
  public NDArray encode(SaeParameters p, NDArray x) {
    NDArray pre = preActivation(p, x);
    return Activation.relu(pre).mul(topMask(pre, k));
  }

  private static NDArray preActivation(SaeParameters p, NDArray x) {
    return x.sub(p.get("b_dec")).matMul(p.get("W_enc")).add(p.get("b_enc"));
  }

  /** 1 where an entry is among its row's k largest (ties at the k-th value all kept). */
  private static NDArray topMask(NDArray pre, int k) {
    NDArray kth = pre.topK(k, 1, true, false).get(0).min(new int[] {1}, true);
    return Decoder.mask(pre.gte(kth), pre);
  }

  @Override
  public Pass pass(SaeParameters p, SaeParameters frozen, NDArray x, NDArray dead) {
    NDArray wEnc = p.get("W_enc");
    NDArray wDec = p.get("W_dec");
    NDArray bDec = p.get("b_dec");
    NDArray xc = x.sub(bDec);
    NDArray pre = xc.matMul(wEnc).add(p.get("b_enc"));
    NDArray positive = Decoder.mask(pre.gt(0), pre);
    NDArray mask = topMask(pre, k).mul(positive);
    NDArray f = pre.mul(mask);
    NDArray xHat = Decoder.decode(f, wDec, bDec);
    NDArray diff = xHat.sub(x);
    double rec = Decoder.meanSquaredNorm(diff);
    NDArray g = Decoder.errorGradient(diff, 1);
    NDArray dPre = g.matMul(wDec.transpose()).mul(mask);
    NDArray dDec = f.transpose().matMul(g);
    double loss = rec;
    int deadCount = (int) Math.round(Decoder.scalar(dead.sum()));
    int kAux = Math.min(auxK, deadCount);
    if (kAux > 0 && auxKCoefficient > 0) {
      // Dead features compete only among themselves: push live ones far below any dead pre-activation.
      NDArray deadPre = pre.add(dead.sub(1).mul(1e9));
      NDArray auxMask = topMask(deadPre, kAux).mul(dead).mul(positive);
      NDArray fAux = pre.mul(auxMask);
      NDArray residual = frozen == p ? diff.neg() : x.sub(Decoder.decode(encode(frozen, x), frozen.get("W_dec"),
          frozen.get("b_dec")));
      NDArray auxDiff = fAux.matMul(wDec).sub(residual);
      loss += auxKCoefficient * Decoder.meanSquaredNorm(auxDiff);
      NDArray gAux = Decoder.errorGradient(auxDiff, auxKCoefficient);
      dPre = dPre.add(gAux.matMul(wDec.transpose()).mul(auxMask));
      dDec = dDec.add(fAux.transpose().matMul(gAux));
    }
    Map<String, NDArray> grads = new LinkedHashMap<>();
    grads.put("W_enc", xc.transpose().matMul(dPre));
    grads.put("b_enc", dPre.sum(new int[] {0}));
    grads.put("W_dec", dDec);
    grads.put("b_dec", g.sum(new int[] {0}).add(Decoder.inputCentringGradient(dPre, wEnc)));
    return new Pass(loss, rec, f, xHat, grads);
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
    o.addProperty("k", k);
    o.addProperty("aux_k", auxK);
    o.addProperty("aux_k_coefficient", auxKCoefficient);
    return o;
  }
}
