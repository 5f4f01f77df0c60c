package dev.kibitz.sae.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gated SAE (Rajamanoharan et al. 2024). One encoder direction per feature serves two paths:
 * the gate pi_gate = (x - b_dec) W_enc + b_gate decides which features fire (Heaviside), the
 * magnitude pi_mag = ((x - b_dec) W_enc) * exp(r_mag) + b_mag says how strongly, and
 * f = 1[pi_gate > 0] * ReLU(pi_mag). Loss = ||x - x-hat||^2 + l1 * sum_i ReLU(pi_gate)_i ||W_dec,i||
 * + ||x - (ReLU(pi_gate) W_dec' + b_dec')||^2 where W_dec', b_dec' are the frozen (detached)
 * decoder: the auxiliary term trains the gate to reconstruct without moving the decoder.
 * The Heaviside passes no gradient, so the gate learns only from the penalty and the auxiliary term.
 */
public record GatedSae(double l1Coefficient) implements SaeArchitecture {
  public GatedSae {
    if (!(l1Coefficient >= 0)) {
      throw new IllegalArgumentException("l1 coefficient must be >= 0, got " + l1Coefficient);
    }
  }

  @Override
  public Kind kind() {
    return Kind.GATED;
  }

  @Override
  public Map<String, long[]> shapes(int dIn, int width) {
    Map<String, long[]> s = new LinkedHashMap<>();
    s.put("W_enc", new long[] {dIn, width});
    s.put("b_gate", new long[] {width});
    s.put("r_mag", new long[] {width});
    s.put("b_mag", new long[] {width});
    s.put("W_dec", new long[] {width, dIn});
    s.put("b_dec", new long[] {dIn});
    return s;
  }

  @Override
  public double sparsity() {
    return l1Coefficient;
  }

  @Override
  public SaeArchitecture withSparsity(double value) {
    return new GatedSae(value);
  }

  @Override
  public NDArray encode(SaeParameters p, NDArray x) {
    NDArray u = x.sub(p.get("b_dec")).matMul(p.get("W_enc"));
    NDArray gate = u.add(p.get("b_gate")).gt(0);
    NDArray mag = Activation.relu(u.mul(p.get("r_mag").exp()).add(p.get("b_mag")));
    return mag.mul(Decoder.mask(gate, mag));
  }

  @Override
  public Pass pass(SaeParameters p, SaeParameters frozen, NDArray x, NDArray dead) {
    NDArray wEnc = p.get("W_enc");
    NDArray wDec = p.get("W_dec");
    NDArray bDec = p.get("b_dec");
    long b = x.getShape().get(0);
    double lb = l1Coefficient / b;
    NDArray xc = x.sub(bDec);
    NDArray u = xc.matMul(wEnc);
    NDArray scale = p.get("r_mag").exp();
    NDArray piGate = u.add(p.get("b_gate"));
    NDArray piMag = u.mul(scale).add(p.get("b_mag"));
    NDArray gate = Decoder.mask(piGate.gt(0), u);
    NDArray f = Activation.relu(piMag).mul(gate);
    NDArray xHat = Decoder.decode(f, wDec, bDec);
    NDArray diff = xHat.sub(x);
    double rec = Decoder.meanSquaredNorm(diff);
    NDArray g = Decoder.errorGradient(diff, 1);

    NDArray gateAct = Activation.relu(piGate);
    NDArray norms = Decoder.rowNorms(wDec);
    double penalty = Decoder.scalar(gateAct.matMul(norms.expandDims(1)).sum()) / b;
    NDArray frozenDec = frozen.get("W_dec");
    NDArray auxDiff = Decoder.decode(gateAct, frozenDec, frozen.get("b_dec")).sub(x);
    double aux = Decoder.meanSquaredNorm(auxDiff);
    NDArray gAux = Decoder.errorGradient(auxDiff, 1);

    NDArray dMag = g.matMul(wDec.transpose()).mul(gate).mul(Decoder.mask(piMag.gt(0), u));
    NDArray dGate = gAux.matMul(frozenDec.transpose()).add(norms.mul(lb)).mul(gate);
    NDArray du = dGate.add(dMag.mul(scale));
    Map<String, NDArray> grads = new LinkedHashMap<>();
    grads.put("W_enc", xc.transpose().matMul(du));
    grads.put("b_gate", dGate.sum(new int[] {0}));
    grads.put("r_mag", dMag.mul(u).sum(new int[] {0}).mul(scale));
    grads.put("b_mag", dMag.sum(new int[] {0}));
    grads.put("W_dec", f.transpose().matMul(g).add(Decoder.normPenaltyGradient(gateAct, wDec, norms, lb)));
    grads.put("b_dec", g.sum(new int[] {0}).add(Decoder.inputCentringGradient(du, wEnc)));
    return new Pass(rec + l1Coefficient * penalty + aux, rec, f, xHat, grads);
  }

  @Override
  public boolean removesParallelDecoderGradient() {
    return false;
  }

  @Override
  public List<String> featureBiases() {
    return List.of("b_gate", "r_mag", "b_mag");
  }

  @Override
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("architecture", kind().id());
    o.addProperty("l1_coefficient", l1Coefficient);
    return o;
  }
}
