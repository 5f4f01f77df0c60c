package dev.kibitz.probe.artifact;

import com.google.gson.Gson;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.probe.ProbeResult;
import dev.kibitz.probe.TrainedProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A probe saved for reuse as a steering vector: a safetensors file with {@code direction} F32 [d]
 * (raw activation units: adding it to the hook's activations moves the probe's logit or prediction
 * by |direction|^2 per unit) and {@code bias} F32 [], its provenance and scores and the full probe
 * config (JSON) as string metadata, readable by Python's {@code safetensors} as is.
 */
public final class ProbeArtifact {
  public static final String DIRECTION = "direction";
  public static final String BIAS = "bias";

  private ProbeArtifact() {}

  /** What a steering service needs from a saved probe. */
  public record ProbeVector(float[] direction, float bias, Map<String, String> metadata) {}

  public static void write(Path file, TrainedProbe probe, String model) throws IOException {
    double[] w = probe.probe().direction();
    float[] direction = new float[w.length];
    for (int j = 0; j < w.length; j++) {
      direction[j] = (float) w[j];
    }
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    tensors.put(DIRECTION, HostTensor.ofFloats(new long[] {w.length}, direction));
    tensors.put(BIAS, HostTensor.scalar((float) probe.probe().bias()));
    Safetensors.write(file, tensors, metadata(probe, model));
  }

  public static ProbeVector read(Path file) throws IOException {
    Safetensors.Contents c = Safetensors.read(file);
    HostTensor d = c.tensors().get(DIRECTION);
    HostTensor b = c.tensors().get(BIAS);
    if (d == null || b == null || d.dtype() != DType.FLOAT32 || d.rank() != 1 || b.elements() != 1) {
      throw new IOException(file + ": a probe artifact needs '" + DIRECTION + "' F32 [d] and '" + BIAS
          + "' F32 [], found " + c.tensors());
    }
    return new ProbeVector(d.toFloats(), b.toFloats()[0], c.metadata());
  }

  static Map<String, String> metadata(TrainedProbe probe, String model) {
    ProbeResult r = probe.result();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("format", "kibitz-probe/1");
    m.put("model", model);
    m.put("concept", r.concept());
    m.put("hook", r.hook());
    m.put("conditioning", r.conditioning());
    m.put("kind", r.binary() ? "binary" : "real");
    m.put("penalty", r.penalty().name());
    m.put("lambda", num(r.lambda()));
    m.put("metric", r.metric().key());
    m.put("score", num(r.score()));
    m.put("selectivity", num(r.selectivity()));
    m.put("config", new Gson().toJson(probe.config()));
    return m;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
