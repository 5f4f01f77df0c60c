package dev.kibitz.sae.eval;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Logits;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.modelserver.client.Forwarder;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.proto.v1.FeatureEdit;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.Intervention;
import dev.kibitz.proto.v1.NamedTensor;
import dev.kibitz.proto.v1.SaeEdit;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.SaeArchitecture;
import java.util.List;
import java.util.Map;

/**
 * How much of the model's behaviour survives when an SAE's reconstruction replaces the activation at
 * its hook: the mean KL divergence of the policy (original || spliced) and how often the top action
 * stays the same, measured through a model server with the {@code sae} intervention.
 */
public final class DownstreamFidelity {
  private DownstreamFidelity() {}

  /** Mean KL(original || with SAE) in nats, top-action agreement in [0, 1], over {@code examples}. */
  public record Result(double meanKl, double topActionAgreement, long examples) {}

  /** The {@code sae} intervention for a trained SAE at {@code hook}. */
  public static Intervention intervention(Sae sae, String hook, boolean replace, List<FeatureEdit> edits) {
    SaeEdit.Builder b = SaeEdit.newBuilder().setArchitecture(architecture(sae.architecture()))
        .setInputScale((float) sae.inputScale()).setReplace(replace).addAllFeatures(edits);
    if (sae.architecture() instanceof dev.kibitz.sae.arch.TopKSae t) {
      b.setK(t.k());
    }
    for (Map.Entry<String, HostTensor> e : new java.util.TreeMap<>(sae.weights()).entrySet()) {
      b.addParameters(NamedTensor.newBuilder().setName(e.getKey()).setTensor(TensorCodec.toProto(e.getValue())));
    }
    return Intervention.newBuilder().setHook(hook).setSae(b).build();
  }

  private static SaeEdit.Architecture architecture(SaeArchitecture a) {
    return switch (a.kind()) {
      case RELU_L1 -> SaeEdit.Architecture.ARCHITECTURE_RELU;
      case TOPK -> SaeEdit.Architecture.ARCHITECTURE_TOPK;
      case JUMP_RELU -> SaeEdit.Architecture.ARCHITECTURE_JUMPRELU;
      case GATED -> SaeEdit.Architecture.ARCHITECTURE_GATED;
    };
  }

  /**
   * Runs each batch twice on {@code model}@{@code checkpoint}: plain, and with {@code sae} spliced in
   * (reconstruction replacing the activation), and compares the softmax of output {@code logits}.
   */
  public static Result measure(ModelServerClient client, String model, String checkpoint, String logits,
      Intervention sae, List<ForwardBatch> batches) {
    return measure(Forwarder.remote(client, 600), model, checkpoint, logits, sae, batches);
  }

  /** As above, through any forwarder (the model server in this JVM too). */
  public static Result measure(Forwarder forwarder, String model, String checkpoint, String logits,
      Intervention sae, List<ForwardBatch> batches) {
    double kl = 0;
    long agree = 0;
    long n = 0;
    ForwardOpen plain = ForwardOpen.newBuilder().setModel(model).setCheckpoint(checkpoint).build();
    try (Forwarder.Session a = forwarder.open(plain);
        Forwarder.Session b = forwarder.open(plain.toBuilder().addInterventions(sae).build())) {
      for (ForwardBatch batch : batches) {
        float[] p = a.forward(batch).outputs().get(logits).toFloats();
        BatchResult spliced = b.forward(batch);
        float[] q = spliced.outputs().get(logits).toFloats();
        int actions = (int) (p.length / spliced.batchSize());
        for (int e = 0; e < spliced.batchSize(); e++) {
          double[] lp = logSoftmax(p, e * actions, actions);
          double[] lq = logSoftmax(q, e * actions, actions);
          double sum = 0;
          for (int i = 0; i < actions; i++) {
            sum += Math.exp(lp[i]) * (lp[i] - lq[i]);
          }
          kl += sum;
          agree += Logits.argmax(lp) == Logits.argmax(lq) ? 1 : 0;
          n++;
        }
      }
    }
    return new Result(kl / n, (double) agree / n, n);
  }

  private static double[] logSoftmax(float[] x, int from, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, x[from + i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(x[from + i] - max);
    }
    double log = max + Math.log(sum);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = x[from + i] - log;
    }
    return out;
  }
}
