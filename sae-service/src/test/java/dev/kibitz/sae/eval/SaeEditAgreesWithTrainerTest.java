package dev.kibitz.sae.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.kibitz.core.intervention.EditContext;
import dev.kibitz.core.intervention.SaeEdit;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.core.wire.InterventionProtos;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.GatedSae;
import dev.kibitz.sae.arch.JumpReluSae;
import dev.kibitz.sae.arch.ReluL1Sae;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.arch.TopKSae;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The model server's {@code sae} intervention re-implements the SAE encoders in core (core cannot
 * depend on sae-service). This pins the two together: for every architecture, a random SAE sent as
 * the wire message and spliced in with {@code replace} gives exactly decode(encode(x)) as the
 * trainer computes it.
 */
class SaeEditAgreesWithTrainerTest {
  static final int D = 6;
  static final int M = 10;
  static final int BATCH = 5;

  static Sae randomSae(SaeArchitecture arch, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, HostTensor> w = new HashMap<>();
    arch.shapes(D, M).forEach((name, shape) -> {
      float[] v = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (r.nextDouble() * 2 - 1) * (name.equals("log_threshold") ? 0.5f : 1f);
      }
      w.put(name, HostTensor.ofFloats(shape, v));
    });
    return new Sae(arch, D, M, 1.7, 0, w, new JsonObject());
  }

  static void assertAgree(SaeArchitecture arch) {
    Sae sae = randomSae(arch, 11);
    float[] xs = new float[BATCH * D];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (float) (r.nextDouble() * 4 - 2);
    }
    HostTensor x = HostTensor.ofFloats(new long[] {BATCH, D}, xs);
    SaeEdit edit = (SaeEdit) InterventionProtos.fromProto(DownstreamFidelity.intervention(sae, "h", true, List.of()),
        "intervention 0");
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray in = TensorCodec.toNDArray(m, x);
      TensorSpec spec = new TensorSpec("h", DType.FLOAT32, new long[] {D}, List.of("unit"), "");
      float[] served = edit.edit(in, spec, new EditContext(m, BATCH, Map.of())).toFloatArray();
      var p = sae.parameters(m);
      float[] trained = sae.encode(p, in).matMul(p.get("W_dec")).add(p.get("b_dec")).div((float) sae.inputScale())
          .toFloatArray();
      assertArrayEquals(trained, served, 1e-5f, arch.kind().id());
      float[] f = sae.encode(p, in).toFloatArray();
      long active = java.util.stream.IntStream.range(0, f.length).filter(i -> f[i] > 0).count();
      // Some features fire and some do not, so the encoders' gating was exercised, not bypassed.
      org.junit.jupiter.api.Assertions.assertTrue(active > 0 && active < f.length, arch.kind().id() + ": " + active);
    }
  }

  @Test
  void everyArchitectureEncodesAlikeInTheTrainerAndTheIntervention() {
    assertAgree(new ReluL1Sae(1));
    assertAgree(new TopKSae(3, 4, 1.0 / 32));
    assertAgree(new JumpReluSae(1, 0.5, 0.1));
    assertAgree(new GatedSae(1));
  }
}
